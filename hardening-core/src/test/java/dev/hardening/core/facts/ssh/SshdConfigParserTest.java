package dev.hardening.core.facts.ssh;

import static dev.hardening.core.Fixtures.DROP_IN_GLOB;
import static dev.hardening.core.Fixtures.HARDENING_DROP_IN;
import static dev.hardening.core.Fixtures.MAIN_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.hardening.core.Fixtures;
import dev.hardening.core.facts.ssh.SshdConfigParser.ConfigFile;
import dev.hardening.core.facts.ssh.SshdConfigParser.ConfigSyntaxException;

class SshdConfigParserTest {

    private static Directive only(SshdConfig config, String keyword) {
        List<Directive> found = config.directives().stream().filter(d -> d.keyword().equals(keyword)).toList();
        assertThat(found).as("directives %s", keyword).hasSize(1);
        return found.get(0);
    }

    @Test
    void stockDebianConfigGivesItsSixDirectivesWithFileAndLine() throws IOException {
        List<String> requested = new ArrayList<>();
        SshdConfig config = parse(Fixtures.sshd("debian-default.sshd_config"), pattern -> {
            requested.add(pattern);
            return List.of();
        });

        assertThat(requested).containsExactly(DROP_IN_GLOB);
        assertThat(config.files()).containsExactly(MAIN_CONFIG);
        assertThat(config.matchBlocks()).isEmpty();
        assertThat(config.directives())
                .extracting(d -> d.keyword(), d -> d.value(), d -> d.origin().toString(), d -> d.block().isPresent())
                .containsExactly(
                        tuple("kbdinteractiveauthentication", "no", MAIN_CONFIG + ":62", false),
                        tuple("usepam", "yes", MAIN_CONFIG + ":85", false),
                        tuple("x11forwarding", "yes", MAIN_CONFIG + ":90", false),
                        tuple("printmotd", "no", MAIN_CONFIG + ":94", false),
                        tuple("acceptenv", "LANG LC_*", MAIN_CONFIG + ":112", false),
                        tuple("subsystem", "sftp /usr/lib/openssh/sftp-server", MAIN_CONFIG + ":115", false));
        assertThat(only(config, "kbdinteractiveauthentication").evidence())
                .isEqualTo(MAIN_CONFIG + ":62: KbdInteractiveAuthentication no");
    }

    @Test
    void includeIsExpandedInPlaceAtItsLine() {
        SshdConfig config = Fixtures.hardenedDebianConfig();

        assertThat(config.files()).containsExactly(MAIN_CONFIG, HARDENING_DROP_IN);
        // the drop-in (included at line 12) comes before the main file's own line 62
        assertThat(config.directives()).extracting(d -> d.origin().toString()).startsWith(
                HARDENING_DROP_IN + ":1", HARDENING_DROP_IN + ":2", HARDENING_DROP_IN + ":3", HARDENING_DROP_IN + ":4",
                MAIN_CONFIG + ":62");
        assertThat(config.directives().get(0).evidence())
                .isEqualTo(HARDENING_DROP_IN + ":1: PasswordAuthentication no");
    }

    @Test
    void matchUserDeployFixtureHasTwoBlocksWithTheirCriteriaAndLines() {
        SshdConfig config = Fixtures.config(Fixtures.sshd("match-user-deploy.sshd_config"));

        assertThat(config.matchBlocks()).hasSize(2);
        MatchBlock user = config.matchBlocks().get(0);
        MatchBlock address = config.matchBlocks().get(1);
        assertThat(user.criteria()).containsExactly(new MatchBlock.Criterion("user", "deploy"));
        assertThat(user.label()).isEqualTo("Match User deploy");
        assertThat(user.origin()).isEqualTo(new ConfigOrigin(MAIN_CONFIG, 124));
        assertThat(address.criteria()).containsExactly(new MatchBlock.Criterion("address", "10.0.0.0/8"));
        assertThat(address.origin()).isEqualTo(new ConfigOrigin(MAIN_CONFIG, 127));

        Directive password = only(config, "passwordauthentication");
        assertThat(password.block()).contains(user);
        assertThat(password.origin().line()).isEqualTo(125);
        assertThat(password.evidence()).isEqualTo(
                MAIN_CONFIG + ":125: PasswordAuthentication yes (inside Match User deploy at " + MAIN_CONFIG + ":124)");
        Directive root = only(config, "permitrootlogin");
        assertThat(root.block()).contains(address);
        assertThat(root.origin().line()).isEqualTo(128);
        // the lines before the first Match stay global
        assertThat(only(config, "usepam").block()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            PasswordAuthentication no                  | passwordauthentication | PasswordAuthentication | no
            PasswordAuthentication=no                  | passwordauthentication | PasswordAuthentication | no
            PasswordAuthentication = no                | passwordauthentication | PasswordAuthentication | no
            PasswordAuthentication =no                 | passwordauthentication | PasswordAuthentication | no
            '   passwordauthentication\tno   '         | passwordauthentication | passwordauthentication | no
            PASSWORDAUTHENTICATION no                  | passwordauthentication | PASSWORDAUTHENTICATION | no
            PasswordAuthentication no # was yes        | passwordauthentication | PasswordAuthentication | no
            PasswordAuthentication no#tail             | passwordauthentication | PasswordAuthentication | no#tail
            PasswordAuthentication "no"                | passwordauthentication | PasswordAuthentication | no
            Banner "/etc/ssh/my banner.txt"            | banner                 | Banner                 | /etc/ssh/my banner.txt
            AuthorizedKeysFile "a b" .ssh/keys2        | authorizedkeysfile     | AuthorizedKeysFile     | a b .ssh/keys2
            ChallengeResponseAuthentication yes        | kbdinteractiveauthentication | ChallengeResponseAuthentication | yes
            challengeresponseauthentication=no         | kbdinteractiveauthentication | challengeresponseauthentication | no
            """)
    void oneLineAsSshdReadsIt(String line, String keyword, String spelled, String value) {
        SshdConfig config = Fixtures.config(line.replace("'", "").replace("\\t", "\t") + "\n");

        assertThat(config.directives()).singleElement().satisfies(d -> {
            assertThat(d.keyword()).isEqualTo(keyword);
            assertThat(d.spelledKeyword()).isEqualTo(spelled);
            assertThat(d.value()).isEqualTo(value);
            assertThat(d.origin()).isEqualTo(new ConfigOrigin(MAIN_CONFIG, 1));
        });
    }

    @Test
    void commentsAndBlankLinesGiveNothingButCountAsLines() {
        SshdConfig config = Fixtures.config("# comment\n\n   \n\t# indented comment\nPort 2222\n");

        assertThat(config.directives()).singleElement()
                .satisfies(d -> assertThat(d.origin().line()).isEqualTo(5));
    }

    @Test
    void keywordsAndMatchCriteriaAreCaseInsensitive() {
        SshdConfig config = Fixtures.config("match USER deploy ADDRESS 10.0.0.0/8\n  passwordAUTHENTICATION yes\n");

        assertThat(config.matchBlocks()).singleElement().satisfies(b -> assertThat(b.criteria()).containsExactly(
                new MatchBlock.Criterion("user", "deploy"), new MatchBlock.Criterion("address", "10.0.0.0/8")));
        assertThat(config.directives()).singleElement().satisfies(d -> {
            assertThat(d.keyword()).isEqualTo("passwordauthentication");
            assertThat(d.block()).isPresent();
        });
    }

    @Test
    void matchAllAndTrailingCommentsOnMatchLines() {
        SshdConfig config = Fixtures.config("Match User deploy # ops team\nX11Forwarding no\nMatch all\nX11Forwarding yes\n");

        assertThat(config.matchBlocks()).extracting(MatchBlock::criteria).containsExactly(
                List.of(new MatchBlock.Criterion("user", "deploy")), List.of(new MatchBlock.Criterion("all", "")));
        assertThat(config.matchBlocks().get(0).label()).isEqualTo("Match User deploy");
    }

    @Test
    void aMatchBlockRunsToTheNextMatch() {
        SshdConfig config = Fixtures.config(String.join("\n", "PermitRootLogin no", "Match User a", "X11Forwarding no",
                "Match User b", "X11Forwarding yes", "AllowTcpForwarding no", ""));

        assertThat(config.directives()).extracting(d -> d.block().map(MatchBlock::text).orElse("global"))
                .containsExactly("global", "User a", "User b", "User b");
    }

    @Test
    void relativeIncludeResolvesUnderEtcSshAndEveryPatternIsExpandedInOrder() throws IOException {
        List<String> requested = new ArrayList<>();
        SshdConfig config = parse("Include sshd_config.d/*.conf /opt/ssh/extra.conf\nPort 22\n", pattern -> {
            requested.add(pattern);
            return List.of(new ConfigFile(pattern.replace("*", "10-x"), "Port 2" + requested.size() + "\n"));
        });

        assertThat(requested).containsExactly("/etc/ssh/sshd_config.d/*.conf", "/opt/ssh/extra.conf");
        assertThat(config.files()).containsExactly(MAIN_CONFIG, "/etc/ssh/sshd_config.d/10-x.conf",
                "/opt/ssh/extra.conf");
        assertThat(config.directives()).extracting(Directive::value, d -> d.origin().toString()).containsExactly(
                tuple("21", "/etc/ssh/sshd_config.d/10-x.conf:1"), tuple("22", "/opt/ssh/extra.conf:1"),
                tuple("22", MAIN_CONFIG + ":2"));
    }

    @Test
    void aMatchInAnIncludedFileEndsWithThatFile() {
        // sshd restores the Match state after an Include, so a drop-in's Match cannot capture the main file's lines
        SshdConfig config = Fixtures.config("Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\n",
                Map.of(DROP_IN_GLOB, List.of(new ConfigFile("/etc/ssh/sshd_config.d/50-sftp.conf",
                        "Match User sftp\n  ForceCommand internal-sftp\n"))));

        assertThat(only(config, "forcecommand").block()).isPresent();
        assertThat(only(config, "permitrootlogin").block()).isEmpty();
    }

    @Test
    void anIncludeInsideAMatchBlockPutsTheIncludedLinesInThatBlock() {
        SshdConfig config = Fixtures.config("Match User deploy\n  Include /etc/ssh/deploy.conf\n",
                Map.of("/etc/ssh/deploy.conf", List.of(new ConfigFile("/etc/ssh/deploy.conf", "PasswordAuthentication yes\n"))));

        Directive included = only(config, "passwordauthentication");
        assertThat(included.origin()).isEqualTo(new ConfigOrigin("/etc/ssh/deploy.conf", 1));
        assertThat(included.block()).map(MatchBlock::label).contains("Match User deploy");
    }

    @Test
    void anIncludeThatMatchesNoFileIsIgnoredAsSshdDoes() {
        SshdConfig config = Fixtures.config("Include /etc/ssh/sshd_config.d/*.conf\nPort 22\n");

        assertThat(config.files()).containsExactly(MAIN_CONFIG);
        assertThat(config.directives()).singleElement().satisfies(d -> assertThat(d.keyword()).isEqualTo("port"));
    }

    @Test
    void anIncludeThatCannotBeReadFailsTheParse() {
        assertThatThrownBy(() -> parse("Include /etc/ssh/sshd_config.d/*.conf\n", pattern -> {
            throw new IOException("/etc/ssh/sshd_config.d/00-x.conf: Permission denied");
        })).isInstanceOf(IOException.class).hasMessageContaining("Permission denied");
    }

    @Test
    void includeNestedTooDeeplyIsRejectedInsteadOfLoopingForever() {
        ConfigFile loop = new ConfigFile("/etc/ssh/loop.conf", "Include /etc/ssh/loop.conf\n");

        assertThatThrownBy(() -> parse("Include /etc/ssh/loop.conf\n", pattern -> List.of(loop)))
                .isInstanceOf(ConfigSyntaxException.class)
                .hasMessage("/etc/ssh/loop.conf: Include nested deeper than 16");
    }

    @Test
    void includeSixteenDeepIsStillRead() throws IOException {
        SshdConfig config = parse("Include /etc/ssh/1.conf\n", pattern -> {
            int n = Integer.parseInt(pattern.replaceAll("\\D", ""));
            String text = n < 16 ? "Include /etc/ssh/" + (n + 1) + ".conf\n" : "PasswordAuthentication no\n";
            return List.of(new ConfigFile(pattern, text));
        });

        assertThat(config.files()).hasSize(17);
        assertThat(only(config, "passwordauthentication").origin().file()).isEqualTo("/etc/ssh/16.conf");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Match                                   | /etc/ssh/sshd_config:3: Match without criteria
            Match # nothing                         | /etc/ssh/sshd_config:3: Match without criteria
            Match Users deploy                      | /etc/ssh/sshd_config:3: unsupported Match criterion 'Users'
            Match User                              | /etc/ssh/sshd_config:3: Match User without a value
            Match User deploy Address               | /etc/ssh/sshd_config:3: Match Address without a value
            Banner "/etc/issue.net                  | /etc/ssh/sshd_config:3: unterminated quote
            Include                                 | /etc/ssh/sshd_config:3: Include without a file
            """)
    void syntaxErrorsNameFileAndLine(String badLine, String message) {
        String text = "# header\nPort 22\n" + badLine + "\nPermitRootLogin no\n";

        assertThatThrownBy(() -> Fixtures.config(text))
                .isInstanceOf(ConfigSyntaxException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aSyntaxErrorInADropInNamesTheDropIn() {
        assertThatThrownBy(() -> Fixtures.config("Include /etc/ssh/sshd_config.d/*.conf\n",
                Map.of(DROP_IN_GLOB, List.of(new ConfigFile("/etc/ssh/sshd_config.d/99-bad.conf",
                        "Port 22\nMatch Usr deploy\n")))))
                .isInstanceOf(ConfigSyntaxException.class)
                .hasMessage("/etc/ssh/sshd_config.d/99-bad.conf:2: unsupported Match criterion 'Usr'");
    }

    @Test
    void theParsedConfigIsImmutable() {
        SshdConfig config = Fixtures.hardenedDebianConfig();

        assertThatThrownBy(() -> config.directives().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.files().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(config.directives().get(0).block()).isEqualTo(Optional.empty());
    }

    private static SshdConfig parse(String main, SshdConfigParser.IncludeResolver resolver) throws IOException {
        return SshdConfigParser.parse(new ConfigFile(MAIN_CONFIG, main), resolver);
    }
}
