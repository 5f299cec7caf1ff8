package dev.hardening.junit.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Network;

import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.HostConnector;
import dev.hardening.core.host.SshHost;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.PolicyException;
import dev.hardening.core.policy.PolicyLoader;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/** A policy that names hosts by their ~/.ssh/config aliases and takes the way to them from that file. */
@RequiresLab
class SshConfigLabTest {
    @TempDir
    Path dir;

    @Test
    void hostNameUserPortIdentityAndProxyJumpComeFromTheSshConfig() throws Exception {
        try (Network network = Network.newNetwork();
                LabHost bastion = LabHost.builder().dropIn("10-forwarding.conf", "AllowTcpForwarding yes\n")
                        .network(network, "bastion.lab.invalid").start();
                LabHost target = LabHost.builder().unpublished(network, "db1.lab.invalid").start()) {
            Path sshConfig = Files.writeString(dir.resolve("config"), "# written as an operator would\n"
                    + "Host jump\n"
                    + "    HostName " + bastion.address() + "\n"
                    + "    Port " + bastion.sshPort() + "\n"
                    + "    User deploy\n"
                    + "    IdentityFile " + bastion.identity() + "\n"
                    + "    UserKnownHostsFile " + bastion.knownHosts() + "\n\n"
                    + "Host db*\n"
                    + "    HostName %h.lab.invalid\n"
                    + "    User deploy\n"
                    + "    ProxyJump jump\n"
                    + "    IdentityFile " + target.identity() + "\n"
                    + "    UserKnownHostsFile " + target.knownHosts() + "\n");
            Path policy = Files.writeString(dir.resolve("policy.yml"), "sshConfig: " + sshConfig + "\nhosts:\n"
                    + "  - name: db1\n    address: db1\n");

            HostSpec db1 = PolicyLoader.load(policy, FamilyRegistry.discover()).hosts().get(0);
            try (SshHost host = SshHost.connect(HostConnector.settings(db1, GateOptions.DEFAULT))) {
                assertThat(host.run("id -un").stdout().strip()).isEqualTo("deploy");
            }
            assertThat(db1.address()).isEqualTo("db1.lab.invalid");
            assertThat(db1.via()).singleElement().extracting(HostSpec::port).isEqualTo(bastion.sshPort());
            assertThat(bastion.sshdLog()).contains("Accepted publickey for deploy");
            assertThat(target.sshdLog()).contains("Accepted publickey for deploy");
        }
    }

    @Test
    void strictHostKeyCheckingNoInTheSshConfigIsRefusedBeforeAnythingConnects() throws Exception {
        try (LabHost lab = LabHost.builder().dropIn("00-log.conf", "LogLevel DEBUG1\n").start()) {
            Path sshConfig = Files.writeString(dir.resolve("config"), "Host lab\n    HostName " + lab.address()
                    + "\n    Port " + lab.sshPort() + "\n    StrictHostKeyChecking no\n");
            Path policy = Files.writeString(dir.resolve("policy.yml"), "sshConfig: " + sshConfig + "\nhosts:\n"
                    + "  - name: lab\n    address: lab\n    identity: " + lab.identity() + "\n");

            assertThatThrownBy(() -> PolicyLoader.load(policy, FamilyRegistry.discover()))
                    .isInstanceOf(PolicyException.class)
                    .hasMessageStartingWith(sshConfig + ":4: StrictHostKeyChecking no applies to host lab");
            assertThat(lab.sshdLog()).doesNotContain("Connection from");
        }
    }
}
