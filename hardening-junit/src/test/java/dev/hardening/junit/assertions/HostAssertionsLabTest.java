package dev.hardening.junit.assertions;

import static dev.hardening.junit.assertions.HardeningAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.HostConnector;
import dev.hardening.core.host.HostException;
import dev.hardening.core.host.SshHost;
import dev.hardening.core.model.CheckId;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

@RequiresLab
class HostAssertionsLabTest {
    static final String HARDENED = "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin no\n";

    @Test
    void hardenedHostPassesTheSshAssertions() throws Exception {
        try (LabHost lab = LabHost.builder().dropIn("00-hardening.conf", HARDENED).start();
                SshHost host = connect(lab, "hardened")) {
            assertThat(host).ssh().isKeyOnly().hasRootLoginDisabled().allowsRootLoginOnlyWithAKey();
            assertThat(host).passes(CheckId.SSH_KEY_ONLY).passes(CheckId.SSH_ROOT_LOGIN);
        }
    }

    @Test
    void theFailureMessageIsTheFindingWordForWord() throws Exception {
        try (LabHost lab = LabHost.builder().dropIn("00-hardening.conf",
                "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin yes\n").start();
                SshHost host = connect(lab, "web1")) {
            assertThatThrownBy(() -> assertThat(host).ssh().isKeyOnly().hasRootLoginDisabled())
                    .isInstanceOf(AssertionError.class)
                    // the container's addresses differ from run to run
                    .extracting(e -> e.getMessage().replaceAll("\\d+\\.\\d+\\.\\d+\\.\\d+", "ADDR"))
                    .isEqualTo(String.join(System.lineSeparator(),
                            "",
                            "Expecting host web1 to pass ssh.root-login (root cannot log in directly over SSH), but:",
                            "  FAIL (HIGH) root can log in over SSH with any method, passwords included "
                                    + "(PermitRootLogin yes) globally",
                            "    evidence: effective configuration from sshd -T -C for 2 connection(s)",
                            "    evidence: sshd -T -C user=root,host=ADDR,addr=ADDR,laddr=ADDR,lport=22: permitrootlogin"
                                    + " yes <- /etc/ssh/sshd_config.d/00-hardening.conf:3: PermitRootLogin yes",
                            "    evidence: the SSH protocol does not reveal PermitRootLogin before authentication, so "
                                    + "this is proven from the configuration",
                            "    fix: change /etc/ssh/sshd_config.d/00-hardening.conf line 3 to `PermitRootLogin no` "
                                    + "(sshd keeps the first value it reads, so this line beats any later one), then "
                                    + "reload sshd"));
        }
    }

    @Test
    void softAssertionsCollectEveryProblemOfTheHostThroughTheNavigation() throws Exception {
        try (LabHost lab = LabHost.builder().dropIn("00-hardening.conf",
                "PasswordAuthentication yes\nKbdInteractiveAuthentication no\nPermitRootLogin yes\n").start();
                SshHost host = connect(lab, "weak")) {
            SoftHardeningAssertions softly = new SoftHardeningAssertions();

            softly.assertThat(host).ssh().isKeyOnly().hasRootLoginDisabled();
            softly.assertThat(host).passes(CheckId.SSH_KEY_ONLY);

            assertThat(softly.errorsCollected()).extracting(Throwable::getMessage).satisfiesExactly(
                    keyOnly -> assertThat(keyOnly).startsWith("\nExpecting host weak to pass ssh.key-only")
                            .contains("FAIL (HIGH) password authentication is enabled globally")
                            .contains("FAIL (HIGH) the SSH server offers password authentication to user deploy"),
                    rootLogin -> assertThat(rootLogin).startsWith("\nExpecting host weak to pass ssh.root-login")
                            .contains("(PermitRootLogin yes) globally"),
                    byId -> assertThat(byId).startsWith("\nExpecting host weak to pass ssh.key-only"));
            assertThatThrownBy(softly::assertAll).hasMessageContaining("Multiple Failures (3 failures)");
        }
    }

    @Test
    void rootLoginWithAKeyPassesOnlyTheAssertionThatAllowsIt() throws Exception {
        try (LabHost lab = LabHost.builder().dropIn("00-hardening.conf",
                "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\n").start();
                SshHost host = connect(lab, "keyroot")) {
            assertThat(host).ssh().allowsRootLoginOnlyWithAKey();
            assertThatThrownBy(() -> assertThat(host).ssh().hasRootLoginDisabled())
                    .hasMessageContaining("root can log in over SSH with a key (PermitRootLogin without-password)");
        }
    }

    @Test
    void factsThatCannotBeReadFailTheAssertionWithTheReasonNeverPassIt() throws Exception {
        try (LabHost lab = LabHost.builder().withoutSudo().dropIn("00-hardening.conf", HARDENED)
                .setup("chmod 600 /etc/ssh/sshd_config.d/00-hardening.conf").start();
                SshHost host = connect(lab, "unreadable")) {
            assertThatThrownBy(() -> assertThat(host).ssh().isKeyOnly())
                    .hasMessageContaining("but:" + System.lineSeparator() + "  ERROR (HIGH) cannot determine sshd's "
                            + "effective configuration")
                    .hasMessageContaining("/etc/ssh/sshd_config.d/00-hardening.conf: Permission denied");
        }
    }

    private static SshHost connect(LabHost lab, String name) throws HostException {
        return SshHost.connect(HostConnector.settings(lab.hostSpec(name), GateOptions.DEFAULT));
    }
}
