package dev.hardening.core.facts.ssh;

import static dev.hardening.core.HostileInput.parsedOrRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.hardening.core.Fixtures;
import dev.hardening.core.HostileInput;
import dev.hardening.core.facts.ssh.SshdConfigParser.ConfigFile;

/** sshd -T output and sshd_config files as a hostile host could hand them over. */
class SshdParsersPropertiesTest {
    private static final List<String> SSHD_T = List.of("debian-default.sshd-T.txt", "hardened.sshd-T.txt",
            "match-user-deploy.sshd-T-C-user-deploy.txt", "prohibit-password.sshd-T.txt");
    private static final List<String> CONFIGS = List.of("debian-default.sshd_config", "match-user-deploy.sshd_config",
            "hardened.00-hardening.conf");

    @Property(tries = 300)
    void anyTextGivenToTheSshdTParserParsesOrIsAParseError(@ForAll("text") String text) {
        parsedOrRefused(() -> SshdTParser.parse(text));
    }

    @Property(tries = 300)
    void sshdTOutputIsOnlyReadWhenItSaysHowPasswordsAndRootAreTreated(@ForAll("damagedSshdT") String text) {
        Optional<SshdSettings> settings = parsedOrRefused(() -> SshdTParser.parse(text));

        // a cut-off output missing the lines the checks decide on must never be read as settings
        settings.ifPresent(s -> assertThat(s.first("passwordauthentication")).isPresent());
        settings.ifPresent(s -> assertThat(s.first("permitrootlogin")).isPresent());
    }

    @Property(tries = 300)
    void anySshdConfigWithAnyIncludedFileParsesOrIsASyntaxError(@ForAll("damagedConfig") String main,
            @ForAll("text") String included) {
        parsedOrRefused(() -> parseWithIncludes(main + "\nInclude /etc/ssh/sshd_config.d/*.conf\n", included));
    }

    @Example
    void anIncludeThatIncludesItselfEndsAsASyntaxErrorNotAStackOverflow() {
        String loop = "Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication no\n";

        assertThat(parsedOrRefused(() -> parseWithIncludes(loop, loop))).isEmpty();
    }

    @Example
    void aHugeSshdConfigIsReadQuickly() {
        String huge = "Match User u\n  PasswordAuthentication yes\n".repeat(50_000);

        assertThat(parsedOrRefused(() -> parseWithIncludes(huge, ""))).isPresent();
    }

    private static SshdConfig parseWithIncludes(String main, String included) throws IOException {
        return SshdConfigParser.parse(new ConfigFile(Fixtures.MAIN_CONFIG, main),
                pattern -> List.of(new ConfigFile("/etc/ssh/sshd_config.d/50-x.conf", included)));
    }

    @Provide
    Arbitrary<String> text() {
        return HostileInput.anyText();
    }

    @Provide
    Arbitrary<String> damagedSshdT() {
        return HostileInput.damaged(SSHD_T.stream().map(Fixtures::sshd).toList());
    }

    @Provide
    Arbitrary<String> damagedConfig() {
        return HostileInput.damaged(CONFIGS.stream().map(Fixtures::sshd).toList());
    }
}
