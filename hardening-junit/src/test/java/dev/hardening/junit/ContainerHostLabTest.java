package dev.hardening.junit;

import static dev.hardening.junit.assertions.HardeningAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

import dev.hardening.core.Hardening;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.host.HostException;
import dev.hardening.core.host.SshHost;
import dev.hardening.core.host.Timeouts;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.LabImage;
import dev.hardening.lab.RequiresLab;

@RequiresLab
class ContainerHostLabTest {
    private static final String HARDENED = "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin no\n";
    private static LabHost hardened;

    @BeforeAll
    static void startHost() {
        hardened = LabHost.builder().dropIn("00-hardening.conf", HARDENED).start();
    }

    @AfterAll
    static void removeHost() {
        hardened.close();
    }

    @Test
    void execModeChecksTheContainerWithoutLoggingIn() {
        ContainerHost host = ContainerHost.of(hardened.container());
        int loginsBefore = logins();

        assertThat(host).ssh().isKeyOnly().hasRootLoginDisabled();

        assertThat(logins()).isEqualTo(loginsBefore);
        assertThat(hardened.sshdLog()).as("the wire probe asked the mapped port about root, without logging in")
                .contains("Disconnected from authenticating user root");
    }

    @Test
    void execModeFailsAWeakContainerWithTheEvidence() {
        try (LabHost weak = LabHost.builder().dropIn("00-hardening.conf", "PasswordAuthentication yes\n").start()) {
            ContainerHost host = ContainerHost.of(weak.container());

            assertThatThrownBy(() -> assertThat(host).ssh().isKeyOnly())
                    .hasMessageContaining("Expecting host " + host.name() + " to pass ssh.key-only")
                    .hasMessageContaining("FAIL (HIGH) password authentication is enabled globally")
                    // docker exec has no SSH connection, so sshd is asked about one from loopback
                    .hasMessageContaining("sshd -T -C user=root,host=127.0.0.1,addr=127.0.0.1,laddr=127.0.0.1,lport=22")
                    .hasMessageContaining("on the wire: server at " + weak.address() + ":" + weak.sshPort()
                            + " offers user root: publickey,password");
        }
    }

    @Test
    void aContainerThatExposesNoSshPortIsJudgedByItsConfigurationAndSaysNothingListens() {
        try (GenericContainer<?> image = new GenericContainer<>(DockerImageName.parse(LabImage.name()))
                .withCopyToContainer(Transferable.of(HARDENED), "/etc/ssh/sshd_config.d/00-hardening.conf")
                .waitingFor(Wait.forLogMessage(".*Server listening on.*", 1))) {
            image.start();

            List<Finding> keyOnly = Hardening.check(ContainerHost.of(image)).ssh().keyOnly();

            assertThat(keyOnly).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.PASS);
                assertThat(f.evidence()).contains("on the wire: nothing listens on 127.0.0.1:22 (sshd installed but "
                        + "not running), so only the configuration is judged");
            });
        }
    }

    @Test
    void sshModeLogsInOnceThroughTheMappedPortTrustingOnlyTheContainersOwnKey() throws Exception {
        int loginsBefore = logins();
        try (SshHost host = ContainerHost.viaSsh(hardened.container(), "deploy", hardened.identity())) {
            assertThat(host.run("id -un").stdout()).isEqualTo("deploy\n");
            assertThat(host).ssh().isKeyOnly().hasRootLoginDisabled();
        }
        assertThat(logins() - loginsBefore).isOne();
    }

    @Test
    void execCommandsAreBoundedInTimeAndOutputLikeEveryHost() throws Exception {
        ContainerHost host = ContainerHost.of(hardened.container(),
                new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(1), 1000));

        CommandResult big = host.run("head -c 100000 /dev/zero | tr '\\0' x; echo done >&2; exit 3");

        assertThat(big.stdout()).hasSize(1000);
        assertThat(big.truncated()).isTrue();
        assertThat(big.stderr()).isEqualTo("done\n");
        assertThat(big.exitStatus()).isEqualTo(3);
        assertThatThrownBy(() -> host.run("sleep 5")).isInstanceOf(HostException.class)
                .hasMessage("command timed out after 1 s on " + host.name() + ": sleep 5");
    }

    private static int logins() {
        return hardened.sshdLog().split("Accepted publickey for", -1).length - 1;
    }
}
