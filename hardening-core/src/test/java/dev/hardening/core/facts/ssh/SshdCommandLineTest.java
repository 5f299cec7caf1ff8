package dev.hardening.core.facts.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.hardening.core.Fixtures;

/** sshd command lines as /proc shows them (lab/capture-sshd-daemon-fixtures.sh), read with sshd's getopt. */
class SshdCommandLineTest {

    @Test
    void theImagesListenerTitleIsReadAsTheDefaultConfiguration() {
        SshdCommandLine line = SshdCommandLine.parse(fixture("listener-default.cmdline")).orElseThrow();

        assertThat(line.program()).isEqualTo("/usr/sbin/sshd");
        assertThat(line.configFile()).isEmpty();
        assertThat(line.ports()).isEmpty();
        assertThat(line.sshdTArguments()).isEmpty();
    }

    @Test
    void aRescueDaemonsFileAndPortAndOptionsAreRead() {
        SshdCommandLine line = SshdCommandLine.parse(fixture("listener-rescue.cmdline")).orElseThrow();

        assertThat(line.configFile()).contains("/etc/ssh/rescue.conf");
        assertThat(line.ports()).containsExactly(2222);
        assertThat(line.options()).containsExactly("PasswordAuthentication=yes");
        assertThat(line.optionPairs()).containsExactly(List.of("passwordauthentication", "yes"));
        assertThat(line.sshdTArguments()).containsExactly("-f", "/etc/ssh/rescue.conf", "-p", "2222", "-o",
                "PasswordAuthentication=yes");
    }

    @Test
    void aSessionProcessIsNoDaemon() {
        assertThat(SshdCommandLine.parse(fixture("session.cmdline"))).isEmpty();
    }

    @Test
    void aNulSeparatedArgvIsReadWithClusteredAndAttachedOptions() {
        Optional<SshdCommandLine> line = SshdCommandLine.parse(argv("/usr/sbin/sshd", "-Def", "/etc/ssh/a b.conf",
                "-p2200", "-oPort=2201", "-o", "PermitRootLogin yes", "-h", "/etc/ssh/k"));

        assertThat(line).hasValueSatisfying(l -> {
            assertThat(l.configFile()).contains("/etc/ssh/a b.conf");
            assertThat(l.ports()).containsExactly(2200, 2201);
            assertThat(l.optionPairs()).containsExactly(List.of("port", "2201"), List.of("permitrootlogin", "yes"));
            assertThat(l.hostKeyFiles()).containsExactly("/etc/ssh/k");
            assertThat(l.perConnection()).isFalse();
        });
    }

    @Test
    void aPerConnectionSshdFromInetdOrSystemdIsMarkedSo() {
        assertThat(SshdCommandLine.parse(argv("/usr/sbin/sshd", "-i"))).hasValueSatisfying(l -> assertThat(l.perConnection()).isTrue());
    }

    @Test
    void otherProgramsAndTestRunsAreNoDaemons() {
        assertThat(SshdCommandLine.parse(argv("/usr/bin/ssh", "-p", "22", "host"))).isEmpty();
        assertThat(SshdCommandLine.parse(argv("/usr/sbin/sshd", "-T", "-f", "/x"))).isEmpty();
        assertThat(SshdCommandLine.parse(new byte[0])).isEmpty();
    }

    @Test
    void aCommandLineSshdWouldRejectCannotBeReadAndSaysWhy() {
        assertThatThrownBy(() -> SshdCommandLine.parse(argv("/usr/sbin/sshd", "-f")))
                .isInstanceOf(SshdCommandLine.UnreadableCommandLine.class).hasMessage("option -f has no argument");
        assertThatThrownBy(() -> SshdCommandLine.parse(argv("/usr/sbin/sshd", "-p", "70000")))
                .hasMessage("'70000' is not a port");
        assertThatThrownBy(() -> SshdCommandLine.parse(argv("/usr/sbin/sshd", "-Z")))
                .hasMessage("unknown option -Z");
        assertThatThrownBy(() -> SshdCommandLine.parse(argv("/usr/sbin/sshd", "extra")))
                .hasMessage("argument 'extra' is not an sshd option");
    }

    @Test
    void aListenerTitleCutShortCannotBeTrusted() {
        byte[] cutWithinTheTitle = "sshd: /usr/sbin/sshd -f /etc/ssh/resc\0".getBytes(StandardCharsets.UTF_8);
        byte[] cutInTransport = "sshd".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SshdCommandLine.parse(cutWithinTheTitle))
                .isInstanceOf(SshdCommandLine.UnreadableCommandLine.class).hasMessageContaining("cut short");
        assertThatThrownBy(() -> SshdCommandLine.parse(cutInTransport))
                .isInstanceOf(SshdCommandLine.UnreadableCommandLine.class).hasMessageContaining("does not end with a NUL");
    }

    @Test
    void hexDumpsOfSeveralProcessesComeBackByteForByte() {
        String listing = "@@pid 1\n 73 73 68 64 00 2d 44\n 00\n@@pid 7\n@@pid x\n 41\n";

        Map<Integer, byte[]> lines = ProcessCommandLines.parse(listing);

        assertThat(lines).containsOnlyKeys(1);
        assertThat(lines.get(1)).containsExactly('s', 's', 'h', 'd', 0, '-', 'D', 0);
        assertThat(ProcessCommandLines.command(List.of(1, 7))).startsWith("for p in 1 7; do");
    }

    static byte[] argv(String... args) {
        return (String.join("\0", args) + "\0").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] fixture(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/sshd-daemons/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
