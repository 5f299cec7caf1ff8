package dev.hardening.core.facts.ssh;

import static dev.hardening.core.Fixtures.DROP_IN_GLOB;
import static dev.hardening.core.Fixtures.HARDENING_DROP_IN;
import static dev.hardening.core.Fixtures.MAIN_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.hardening.core.Fixtures;
import dev.hardening.core.facts.ssh.SshdConfigParser.ConfigFile;

/** {@link SshdConfig#decidingLines} and {@link SshdDefaults#effective}: the files evaluated as sshd evaluates them. */
class SshdConfigEvaluationTest {
    /** The connection of the captured {@code sshd -T -C user=deploy,...} fixtures. */
    static final ConnectionSpec DEPLOY = new ConnectionSpec("deploy", "gw.example", "192.0.2.10", "172.17.0.2", 22, null);
    /** The connection of the captured {@code sshd -T -C user=root,...,addr=10.0.0.1,...} fixtures. */
    static final ConnectionSpec ROOT_FROM_10 = DEPLOY.withUser("root").withAddr("10.0.0.1");
    static final UserDirectory USERS = UserDirectory.parse(
            "root:x:0:0:root:/root:/bin/bash\ndeploy:x:1000:1000::/home/deploy:/bin/sh\n",
            "root:x:0:\ndeploy:x:1000:\n");
    /** The keywords the SSH checks read. */
    static final List<String> CHECKED = List.of("passwordauthentication", "kbdinteractiveauthentication",
            "pubkeyauthentication", "permitrootlogin", "permitemptypasswords", "authenticationmethods", "usepam", "port");

    private static SshdConfig withDropIn(String main, String dropIn) {
        return Fixtures.config(main, Map.of(DROP_IN_GLOB, List.of(new ConfigFile(HARDENING_DROP_IN, dropIn))));
    }

    @Test
    void theFirstGlobalValueWins() {
        SshdConfig config = Fixtures.config("PasswordAuthentication no\nPasswordAuthentication yes\n");

        Directive deciding = config.decidingLine("PasswordAuthentication", DEPLOY, USERS).orElseThrow();

        assertThat(deciding.value()).isEqualTo("no");
        assertThat(deciding.origin()).isEqualTo(new ConfigOrigin(MAIN_CONFIG, 1));
        assertThat(SshdDefaults.effective(config, DEPLOY, USERS).first("passwordauthentication")).contains("no");
    }

    @Test
    void aDropInIncludedFirstBeatsTheMainFile() {
        SshdConfig config = withDropIn("Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication yes\n",
                "PasswordAuthentication no\n");

        assertThat(config.decidingLine("passwordauthentication", DEPLOY, USERS)).map(d -> d.origin().toString())
                .contains(HARDENING_DROP_IN + ":1");
        assertThat(SshdDefaults.effective(config, DEPLOY, USERS).first("passwordauthentication")).contains("no");
    }

    @Test
    void aDropInIncludedAfterTheMainFileLosesToIt() {
        SshdConfig config = withDropIn("PasswordAuthentication yes\nInclude /etc/ssh/sshd_config.d/*.conf\n",
                "PasswordAuthentication no\n");

        assertThat(SshdDefaults.effective(config, DEPLOY, USERS).first("passwordauthentication")).contains("yes");
    }

    @Test
    void aMatchingMatchBlockOverridesAnEarlierGlobalValue() {
        SshdConfig config = Fixtures.config("PasswordAuthentication no\nMatch User deploy\n  PasswordAuthentication yes\n");

        Directive deciding = config.decidingLine("passwordauthentication", DEPLOY, USERS).orElseThrow();

        assertThat(deciding.origin().line()).isEqualTo(3);
        assertThat(deciding.block()).map(MatchBlock::label).contains("Match User deploy");
        assertThat(SshdDefaults.effective(config, DEPLOY, USERS).first("passwordauthentication")).contains("yes");
        assertThat(SshdDefaults.effective(config, DEPLOY.withUser("root"), USERS).first("passwordauthentication"))
                .contains("no");
    }

    @Test
    void theFirstMatchingBlockWinsOverLaterMatchingBlocks() {
        SshdConfig config = Fixtures.config(String.join("\n", "PermitRootLogin no",
                "Match Address 10.0.0.0/8", "  PermitRootLogin yes",
                "Match User root", "  PermitRootLogin forced-commands-only",
                "Match All", "  PermitRootLogin without-password", ""));

        assertThat(SshdDefaults.effective(config, ROOT_FROM_10, USERS).first("permitrootlogin")).contains("yes");
        assertThat(SshdDefaults.effective(config, DEPLOY.withUser("root"), USERS).first("permitrootlogin"))
                .contains("forced-commands-only");
        assertThat(SshdDefaults.effective(config, DEPLOY, USERS).first("permitrootlogin")).contains("without-password");
    }

    @Test
    void withinOneMatchBlockTheFirstValueWins() {
        SshdConfig config = Fixtures.config("Match User deploy\n  PasswordAuthentication yes\n  PasswordAuthentication no\n");

        assertThat(config.decidingLine("passwordauthentication", DEPLOY, USERS)).map(d -> d.origin().line()).contains(2);
    }

    @Test
    void aBlockThatDoesNotMatchDoesNotApply() {
        SshdConfig config = Fixtures.config("PasswordAuthentication no\nMatch User ops\n  PasswordAuthentication yes\n"
                + "  PubkeyAuthentication no\n");

        assertThat(config.decidingLine("passwordauthentication", DEPLOY, USERS)).map(d -> d.origin().line()).contains(1);
        assertThat(config.decidingLine("pubkeyauthentication", DEPLOY, USERS)).isEmpty();
        assertThat(SshdDefaults.effective(config, DEPLOY, USERS).first("pubkeyauthentication")).contains("yes");
    }

    @Test
    void keywordsSetInNoFileTakeOpenSshsCompiledInDefaults() {
        SshdSettings effective = SshdDefaults.effective(Fixtures.config("X11Forwarding yes\n"), DEPLOY, USERS);

        assertThat(effective.first("passwordauthentication")).contains("yes");
        assertThat(effective.first("kbdinteractiveauthentication")).contains("yes");
        assertThat(effective.first("pubkeyauthentication")).contains("yes");
        assertThat(effective.first("permitrootlogin")).contains("prohibit-password");
        assertThat(effective.first("permitemptypasswords")).contains("no");
        assertThat(effective.first("authenticationmethods")).contains("any");
        assertThat(effective.first("usepam")).contains("no");
        assertThat(effective.first("port")).contains("22");
        assertThat(effective.first("x11forwarding")).contains("yes");
    }

    @Test
    void valuesAreComparedInLowerCaseAsSshdPrintsThem() {
        SshdSettings effective = SshdDefaults.effective(Fixtures.config("PasswordAuthentication YES\n"), DEPLOY, USERS);

        assertThat(effective.first("passwordauthentication")).contains("yes");
    }

    @Test
    void theOldChallengeResponseNameDecidesKbdInteractiveAuthentication() {
        SshdConfig config = Fixtures.config("ChallengeResponseAuthentication no\nKbdInteractiveAuthentication yes\n");

        Directive deciding = config.decidingLine("kbdinteractiveauthentication", DEPLOY, USERS).orElseThrow();

        assertThat(deciding.spelledKeyword()).isEqualTo("ChallengeResponseAuthentication");
        assertThat(SshdDefaults.effective(config, DEPLOY, USERS).first("kbdinteractiveauthentication")).contains("no");
    }

    @Test
    void aCriterionThisAnalysisCannotEvaluateIsReportedNotGuessed() {
        MatchBlock odd = new MatchBlock(List.of(new MatchBlock.Criterion("invalid-user", "x")), "Invalid-User x",
                new ConfigOrigin(MAIN_CONFIG, 1));
        SshdConfig config = new SshdConfig(List.of(MAIN_CONFIG), List.of(new Directive("passwordauthentication",
                "PasswordAuthentication", "yes", new ConfigOrigin(MAIN_CONFIG, 2), java.util.Optional.of(odd))),
                List.of(odd));

        assertThatThrownBy(() -> config.decidingLines(DEPLOY, USERS))
                .isInstanceOf(MatchCriteria.UnsupportedCriterionException.class)
                .hasMessageContaining("invalid-user");
    }

    // --- the file analysis agrees with what the real sshd said -----------------------------------------

    static Stream<Arguments> capturedMatchCases() {
        return Stream.of(
                Arguments.of("match-user-deploy", false, DEPLOY, "match-user-deploy.sshd-T-C-user-deploy.txt"),
                Arguments.of("match-user-deploy", false, ROOT_FROM_10, "match-user-deploy.sshd-T-C-addr-10.txt"),
                Arguments.of("hardened-match-user-deploy", true, DEPLOY,
                        "hardened-match-user-deploy.sshd-T-C-user-deploy.txt"),
                Arguments.of("hardened-match-user-deploy", true, ROOT_FROM_10,
                        "hardened-match-user-deploy.sshd-T-C-addr-10.txt"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("capturedMatchCases")
    void fileAnalysisAgreesWithTheRealSshdTC(String name, boolean hardened, ConnectionSpec spec, String fixture) {
        SshdConfig config = matchUserDeployConfig(hardened);
        SshdSettings real = SshdTParser.parse(Fixtures.sshd(fixture));

        SshdSettings fromFiles = SshdDefaults.effective(config, spec, USERS);

        for (String keyword : CHECKED) {
            assertThat(normalise(fromFiles.first(keyword).orElseThrow())).as(keyword)
                    .isEqualTo(normalise(real.first(keyword).orElseThrow()));
        }
    }

    @Test
    void matchUserDeployConfigGivesDeployPasswordsFromTheMatchBlockAndRootFrom10Login() {
        SshdConfig config = matchUserDeployConfig(false);

        Directive password = config.decidingLine("passwordauthentication", DEPLOY, USERS).orElseThrow();
        Directive root = config.decidingLine("permitrootlogin", ROOT_FROM_10, USERS).orElseThrow();

        assertThat(password.evidence()).isEqualTo(
                MAIN_CONFIG + ":125: PasswordAuthentication yes (inside Match User deploy at " + MAIN_CONFIG + ":124)");
        assertThat(root.evidence()).isEqualTo(
                MAIN_CONFIG + ":128: PermitRootLogin yes (inside Match Address 10.0.0.0/8 at " + MAIN_CONFIG + ":127)");
        // root from outside 10/8 gets the compiled-in default, which sshd -T prints as without-password
        assertThat(config.decidingLine("permitrootlogin", DEPLOY.withUser("root"), USERS)).isEmpty();
        assertThat(SshdTParser.parse(Fixtures.sshd("match-user-deploy.sshd-T.txt")).first("permitrootlogin"))
                .contains("without-password");
    }

    @Test
    void withoutAConnectionTheHardenedFilesGiveWhatSshdTWithoutCPrinted() {
        SshdConfig config = matchUserDeployConfig(true);
        SshdSettings real = SshdTParser.parse(Fixtures.sshd("hardened-match-user-deploy.sshd-T.txt"));
        // a connection no Match block applies to: sshd -T without -C ignores the blocks
        ConnectionSpec outsider = DEPLOY.withUser("nobody").withAddr("192.0.2.99");

        SshdSettings fromFiles = SshdDefaults.effective(config, outsider, USERS);

        for (String keyword : CHECKED) {
            assertThat(normalise(fromFiles.first(keyword).orElseThrow())).as(keyword)
                    .isEqualTo(normalise(real.first(keyword).orElseThrow()));
        }
    }

    /** One command of partial-spec.txt: the -C spec and what sshd printed for the two keywords. */
    record PartialCase(String spec, String permitRootLogin, String passwordAuthentication) {
        @Override
        public String toString() {
            return "sshd -T -C '" + spec + "'";
        }
    }

    static List<PartialCase> partialSpecCases() {
        String text = Fixtures.sshd("partial-spec.txt");
        Matcher m = Pattern.compile("\\$ sshd -T -C '([^']*)'\\n(.*?)exit status: (\\d+)", Pattern.DOTALL).matcher(text);
        List<PartialCase> cases = new ArrayList<>();
        while (m.find()) {
            if (!m.group(3).equals("0")) {
                continue; // sshd refused the spec (nosuch=1): nothing to compare
            }
            Matcher root = Pattern.compile("(?m)^permitrootlogin (\\S+)$").matcher(m.group(2));
            Matcher password = Pattern.compile("(?m)^passwordauthentication (\\S+)$").matcher(m.group(2));
            assertThat(root.find() && password.find()).as(m.group(1)).isTrue();
            cases.add(new PartialCase(m.group(1), root.group(1), password.group(1)));
        }
        return cases;
    }

    @Test
    void partialSpecTranscriptHoldsTenComparableCommands() {
        assertThat(partialSpecCases()).hasSize(10);
    }

    /**
     * The transcript's commands with only some of user/host/addr given: sshd's test mode lets a criterion
     * whose field is missing never match, which an empty field reproduces here.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("partialSpecCases")
    void fileAnalysisAgreesWithSshdForPartialConnectionSpecs(PartialCase c) {
        Map<String, String> given = new java.util.HashMap<>();
        for (String part : c.spec().split(",")) {
            if (part.contains("=")) {
                given.put(part.substring(0, part.indexOf('=')), part.substring(part.indexOf('=') + 1));
            }
        }
        ConnectionSpec spec = new ConnectionSpec(given.getOrDefault("user", ""), given.getOrDefault("host", ""),
                given.getOrDefault("addr", ""), given.getOrDefault("laddr", ""), 22, null);

        SshdSettings fromFiles = SshdDefaults.effective(matchUserDeployConfig(true), spec, USERS);

        assertThat(fromFiles.first("permitrootlogin")).contains(c.permitRootLogin());
        assertThat(fromFiles.first("passwordauthentication")).contains(c.passwordAuthentication());
    }

    /** The config of the match_case captures: match-user-deploy.sshd_config, with the hardening drop-in or without. */
    static SshdConfig matchUserDeployConfig(boolean hardened) {
        String main = Fixtures.sshd("match-user-deploy.sshd_config");
        return hardened ? withDropIn(main, Fixtures.sshd("hardened.00-hardening.conf")) : Fixtures.config(main);
    }

    /** sshd -T prints prohibit-password under its old name. */
    private static String normalise(String value) {
        return value.equals("without-password") ? "prohibit-password" : value;
    }
}
