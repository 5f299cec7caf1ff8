package dev.hardening.core.facts.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.hardening.core.Fixtures;

class SshdTParserTest {

    /** Every captured {@code sshd -T} output with the values the checks read, as OpenSSH 9.2p1 printed them. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            debian-default.sshd-T.txt                            | yes | without-password | no | yes | any
            hardened.sshd-T.txt                                  | no  | no               | no | yes | any
            prohibit-password.sshd-T.txt                         | yes | without-password | no | yes | any
            authmethods.sshd-T.txt                               | yes | without-password | no | yes | publickey,password publickey,keyboard-interactive
            match-user-deploy.sshd-T.txt                         | yes | without-password | no | yes | any
            match-user-deploy.sshd-T-C-user-deploy.txt           | yes | without-password | no | yes | any
            match-user-deploy.sshd-T-C-addr-10.txt               | yes | yes              | no | yes | any
            hardened-match-user-deploy.sshd-T.txt                | no  | no               | no | yes | any
            hardened-match-user-deploy.sshd-T-C-user-deploy.txt  | yes | no               | no | yes | any
            hardened-match-user-deploy.sshd-T-C-addr-10.txt      | no  | yes              | no | yes | any
            """)
    void everyCapturedSshdTOutputParsesToTheValuesSshdPrinted(String fixture, String password, String rootLogin,
            String kbdInteractive, String pubkey, String authenticationMethods) {
        String text = Fixtures.sshd(fixture);

        SshdSettings settings = SshdTParser.parse(text);

        assertThat(settings.first("passwordauthentication")).contains(password);
        assertThat(settings.first("PermitRootLogin")).contains(rootLogin);
        assertThat(settings.first("kbdinteractiveauthentication")).contains(kbdInteractive);
        assertThat(settings.first("pubkeyauthentication")).contains(pubkey);
        assertThat(settings.first("authenticationmethods")).contains(authenticationMethods);
        assertThat(settings.first("usepam")).contains("yes");
        assertThat(settings.first("permitemptypasswords")).contains("no");
        // every line is kept: 93 settings, multi-valued keywords in sshd's order
        assertThat(settings.values().values().stream().mapToLong(List::size).sum())
                .isEqualTo(text.lines().filter(l -> !l.isBlank()).count()).isEqualTo(93L);
        assertThat(settings.first("port")).contains("22");
        assertThat(settings.all("listenaddress")).containsExactly("[::]:22", "0.0.0.0:22");
        assertThat(settings.all("hostkey")).containsExactly("/etc/ssh/ssh_host_rsa_key",
                "/etc/ssh/ssh_host_ecdsa_key", "/etc/ssh/ssh_host_ed25519_key");
        assertThat(settings.all("acceptenv")).containsExactly("LANG", "LC_*");
        assertThat(settings.first("subsystem")).contains("sftp /usr/lib/openssh/sftp-server");
        assertThat(settings.first("rekeylimit")).contains("0 0");
    }

    @Test
    void theParameterisedTableCoversEveryCapturedSshdTFixture() {
        assertThat(Fixtures.sshdFixtureNames().stream().filter(n -> n.contains(".sshd-T")).toList())
                .containsExactlyInAnyOrder("debian-default.sshd-T.txt", "hardened.sshd-T.txt",
                        "prohibit-password.sshd-T.txt", "authmethods.sshd-T.txt", "match-user-deploy.sshd-T.txt",
                        "match-user-deploy.sshd-T-C-user-deploy.txt", "match-user-deploy.sshd-T-C-addr-10.txt",
                        "hardened-match-user-deploy.sshd-T.txt",
                        "hardened-match-user-deploy.sshd-T-C-user-deploy.txt",
                        "hardened-match-user-deploy.sshd-T-C-addr-10.txt");
    }

    @Test
    void sshdsWarningAboutAnIgnoredObsoleteKeywordDoesNotHideTheSettings() {
        // captured: UsePrivilegeSeparation appended to Debian's file, sshd -T -C ... 2>&1, as the batch reads it
        String text = Fixtures.withoutExitStatus(Fixtures.sshd("deprecated-option.stderr-and-stdout.txt"));

        SshdSettings settings = SshdTParser.parse(text);

        assertThat(text.lines().findFirst()).contains(
                "/etc/ssh/sshd_config line 123: Deprecated option UsePrivilegeSeparation");
        assertThat(settings.first("passwordauthentication")).contains("yes");
        assertThat(settings.first("port")).contains("22");
        assertThat(settings.values()).doesNotContainKey("/etc/ssh/sshd_config");
    }

    @Test
    void aKeywordSshdDoesNotPrintIsAbsentRatherThanEmpty() {
        SshdSettings settings = SshdTParser.parse(Fixtures.sshd("hardened.sshd-T.txt"));

        assertThat(settings.first("nosuchkeyword")).isEmpty();
        assertThat(settings.all("nosuchkeyword")).isEmpty();
    }

    @Test
    void oldChallengeResponseNameIsReadAsKbdInteractiveAuthentication() {
        // OpenSSH before 8.7 printed challengeresponseauthentication instead of kbdinteractiveauthentication
        String older = Fixtures.replaceLine(Fixtures.sshd("hardened.sshd-T.txt"),
                "kbdinteractiveauthentication no", "challengeresponseauthentication yes");

        SshdSettings settings = SshdTParser.parse(older);

        assertThat(settings.first("kbdinteractiveauthentication")).contains("yes");
        assertThat(settings.first("ChallengeResponseAuthentication")).contains("yes");
        assertThat(settings.values()).doesNotContainKey("challengeresponseauthentication");
    }

    @Test
    void carriageReturnsOfAPseudoTerminalAreNotPartOfTheValues() {
        String crlf = Fixtures.sshd("hardened.sshd-T.txt").replace("\n", "\r\n");

        SshdSettings settings = SshdTParser.parse(crlf);

        assertThat(settings.first("passwordauthentication")).contains("no");
        assertThat(settings.all("listenaddress")).containsExactly("[::]:22", "0.0.0.0:22");
    }

    @Test
    void settingsAreImmutable() {
        SshdSettings settings = SshdTParser.parse(Fixtures.sshd("hardened.sshd-T.txt"));

        assertThatThrownBy(() -> settings.values().put("passwordauthentication", List.of("yes")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> settings.all("hostkey").add("/tmp/key"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "  \n\n \t\n"})
    void emptyOutputIsNotSshdTOutput(String empty) {
        assertThatThrownBy(() -> SshdTParser.parse(empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not sshd -T output: no passwordauthentication/permitrootlogin lines");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nonroot-error.txt                     | sshd: no hostkeys available -- exiting.
            nonroot-ssh-exec-usr-sbin-sshd-T.txt  | sshd: no hostkeys available -- exiting.
            nonroot-ssh-exec-sshd-T.txt           | bash: line 1: sshd: command not found
            nonroot-ssh-exec-sudo-n.txt           | sudo: a password is required
            sudo-n-no-sudoers.txt                 | sudo: a password is required
            """)
    void theRealErrorsOfANonRootUserAreRejectedNamingTheLine(String fixture, String firstLine) {
        String transcript = Fixtures.sshd(fixture);
        assertThat(Fixtures.exitStatus(transcript)).isNotZero();

        assertThatThrownBy(() -> SshdTParser.parse(Fixtures.withoutExitStatus(transcript)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not sshd -T output at line 1: '" + firstLine + "'");
    }

    @Test
    void htmlIsRejectedNamingItsFirstLine() {
        String html = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head></html>\n";

        assertThatThrownBy(() -> SshdTParser.parse(html))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not sshd -T output at line 1: '<!DOCTYPE html>'");
    }

    @Test
    void aStrayLineInTheMiddleOfRealOutputIsRejectedWithItsLineNumber() {
        String text = Fixtures.sshd("debian-default.sshd-T.txt");
        String line40 = text.lines().skip(39).findFirst().orElseThrow();
        String broken = Fixtures.replaceLine(text, line40, "Invalid test mode specification nosuch=1");

        assertThatThrownBy(() -> SshdTParser.parse(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not sshd -T output at line 40: 'Invalid test mode specification nosuch=1'");
    }

    @Test
    void aConfigFileIsNotSshdTOutputBecauseSshdPrintsKeywordsInLowerCase() {
        assertThatThrownBy(() -> SshdTParser.parse(Fixtures.sshd("hardened.00-hardening.conf")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not sshd -T output at line 1: 'PasswordAuthentication no'");
    }

    @Test
    void wellFormedLinesWithoutTheDecisiveKeywordsAreNotSshdTOutput() {
        assertThatThrownBy(() -> SshdTParser.parse("hello world\nport 22\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no passwordauthentication/permitrootlogin lines");
    }
}
