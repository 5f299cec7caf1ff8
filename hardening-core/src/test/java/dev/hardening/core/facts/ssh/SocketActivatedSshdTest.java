package dev.hardening.core.facts.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** systemd socket units that start sshd, on Debian's own units (lab/capture-sshd-daemon-fixtures.sh). */
class SocketActivatedSshdTest {
    private static final String SOCKET = text("debian-ssh.socket");
    private static final String SERVICE = text("debian-ssh.service");

    @Test
    void debiansSshSocketStartsSshServiceWithItsOptionsVariableNoted() {
        String listing = "@@unit /lib/systemd/system/ssh.socket\n" + grep(SOCKET, "ListenStream|Accept|Service")
                + "@@unit /lib/systemd/system/ssh.service\n" + grep(SERVICE, "ExecStart");

        assertThat(SocketActivatedSshd.parse(listing)).singleElement().satisfies(unit -> {
            assertThat(unit.unit()).isEqualTo("ssh.socket");
            assertThat(unit.ports()).containsExactly(22);
            assertThat(unit.commandLine().program()).isEqualTo("/usr/sbin/sshd");
            assertThat(unit.note()).contains("ssh.service passes options in variables").contains("$SSHD_OPTS");
        });
    }

    @Test
    void anAcceptingSocketStartsTheTemplateServiceWithSshdMinusI() {
        String listing = """
                @@unit /etc/systemd/system/rescue-ssh.socket
                ListenStream=0.0.0.0:2222
                ListenStream=[::]:2222
                ListenStream=/run/rescue.sock
                Accept=yes
                @@unit /etc/systemd/system/rescue-ssh@.service
                ExecStart=-/usr/sbin/sshd -i -f /etc/ssh/rescue.conf
                """;

        assertThat(SocketActivatedSshd.parse(listing)).singleElement().satisfies(unit -> {
            assertThat(unit.ports()).containsExactly(2222, 2222);
            assertThat(unit.commandLine().configFile()).contains("/etc/ssh/rescue.conf");
            assertThat(unit.commandLine().perConnection()).isTrue();
            assertThat(unit.note()).isEmpty();
        });
    }

    @Test
    void aUnitInEtcHidesTheSameUnitInLibAndSocketsForOtherServicesAreNotSshd() {
        String listing = """
                @@unit /etc/systemd/system/ssh.socket
                ListenStream=2200
                @@unit /lib/systemd/system/ssh.socket
                ListenStream=22
                @@unit /lib/systemd/system/cups.socket
                ListenStream=631
                @@unit /lib/systemd/system/ssh.service
                ExecStart=/usr/sbin/sshd -D
                """;

        assertThat(SocketActivatedSshd.parse(listing)).singleElement()
                .satisfies(unit -> assertThat(unit.ports()).containsExactly(2200));
    }

    private static String grep(String unit, String keys) {
        StringBuilder out = new StringBuilder();
        unit.lines().filter(l -> l.matches("^(" + keys + ")=.*")).forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    private static String text(String name) {
        return new String(SshdCommandLineTest.fixture(name), StandardCharsets.UTF_8);
    }
}
