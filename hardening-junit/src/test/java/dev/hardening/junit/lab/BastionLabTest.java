package dev.hardening.junit.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Network;

import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.gate.Gate;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.GateResult;
import dev.hardening.core.gate.HostConnector;
import dev.hardening.core.host.HostException;
import dev.hardening.core.host.HostKeyException;
import dev.hardening.core.host.SshHost;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.Policy;
import dev.hardening.core.policy.PolicyLoader;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/**
 * Hosts on a Docker network of their own, reachable only through a bastion on it whose SSH port is
 * published: the gate gets there through direct-tcpip channels of the bastion's connection, as
 * {@code ssh -J} does.
 */
@RequiresLab
class BastionLabTest {
    /** Only the checks that log in and read sshd's settings: what matters here is the way in. */
    private static final String SSH_CHECKS_ONLY = "checks:\n  crypto: {enabled: false}\n  ports: {enabled: false}\n"
            + "  firewall: {enabled: false}\n  packages: {enabled: false}\n  tls: {enabled: false}\n";
    private static final String FORWARDING = "AllowTcpForwarding yes\n";
    /** sshd logs each connection ("Connection from") at DEBUG1 only. */
    private static final String LOG_CONNECTIONS = "LogLevel DEBUG1\n";
    private static final Pattern ACCEPTED = Pattern.compile("Accepted publickey for deploy");

    @TempDir
    Path dir;

    @Test
    void aHostOnlyABastionReachesIsCheckedThroughIt() throws Exception {
        try (Network network = Network.newNetwork();
                LabHost bastion = LabHost.builder().dropIn("10-forwarding.conf", FORWARDING)
                        .network(network, "bastion.lab.invalid").start();
                LabHost target = LabHost.builder().unpublished(network, "db1.lab.invalid").start()) {
            Policy policy = policy(bastion.policyEntry("bastion") + target.policyEntry("db1") + "    jump: bastion\n");
            HostSpec db1 = policy.hosts().get(1);

            try (SshHost host = SshHost.connect(HostConnector.settings(db1, GateOptions.DEFAULT))) {
                assertThat(host.run("hostname -I").exitStatus()).isZero();
                assertThat(host.run("echo $SSH_CONNECTION").stdout()).doesNotStartWith("127.");
            }
            // the gate's machine itself cannot reach the target
            HostSpec direct = HostSpec.builder(db1.address()).name("direct").user("deploy").identity(db1.identity())
                    .knownHosts(db1.knownHosts()).build();
            assertThatThrownBy(() -> SshHost.connect(HostConnector.settings(direct, GateOptions.DEFAULT)))
                    .isInstanceOf(HostException.class).hasMessageContaining("db1.lab.invalid does not resolve");
            assertThat(target.sshdLog()).contains("Accepted publickey for deploy");
        }
    }

    @Test
    void hostsBehindOneBastionShareItsOneConnectionInARun() throws Exception {
        try (Network network = Network.newNetwork();
                LabHost bastion = LabHost.builder().dropIn("10-forwarding.conf", FORWARDING)
                        .network(network, "bastion.lab.invalid").start();
                LabHost web1 = LabHost.builder().unpublished(network, "web1.lab.invalid").start();
                LabHost web2 = LabHost.builder().unpublished(network, "web2.lab.invalid").start()) {
            Policy policy = policy(bastion.policyEntry("bastion") + web1.policyEntry("web1") + "    jump: bastion\n"
                    + web2.policyEntry("web2") + "    jump: bastion\n" + "checks:\n  ports: {enabled: false}\n"
                    + "  firewall: {enabled: false}\n  packages: {enabled: false}\n  tls: {enabled: false}\n");

            GateResult result = new Gate(policy, GateOptions.DEFAULT).run();

            // the stock lab hosts allow passwords, root logins and weak MACs: FAIL, from facts read through the
            // bastion (ssh.crypto from sshd -T: the gate's machine has no route to the hosts' SSH ports)
            assertThat(result.findings()).isNotEmpty().extracting(Finding::status).containsOnly(Status.FAIL);
            assertThat(result.findings()).extracting(f -> f.host()).contains("web1", "web2");
            // one login for checking the bastion itself, one for the connection both hosts went through
            assertThat(count(ACCEPTED, bastion.sshdLog())).isEqualTo(2);
            assertThat(count(ACCEPTED, web1.sshdLog())).isEqualTo(1);
            assertThat(count(ACCEPTED, web2.sshdLog())).isEqualTo(1);
        }
    }

    @Test
    void aChainOfTwoBastionsIsFollowedHopByHop() throws Exception {
        try (Network network = Network.newNetwork();
                LabHost outer = LabHost.builder().dropIn("10-forwarding.conf", FORWARDING)
                        .network(network, "outer.lab.invalid").start();
                LabHost inner = LabHost.builder().dropIn("10-forwarding.conf", FORWARDING)
                        .unpublished(network, "inner.lab.invalid").start();
                LabHost target = LabHost.builder().unpublished(network, "db1.lab.invalid").start()) {
            Policy policy = policy(outer.policyEntry("outer") + inner.policyEntry("inner")
                    + target.policyEntry("db1") + "    jump: [outer, inner]\n");
            HostSpec db1 = policy.hosts().get(2);

            try (SshHost host = SshHost.connect(HostConnector.settings(db1, GateOptions.DEFAULT))) {
                assertThat(host.run("cat /etc/hostname").exitStatus()).isZero();
            }
            assertThat(db1.via()).extracting(HostSpec::name).containsExactly("outer", "inner");
            assertThat(inner.sshdLog()).contains("Accepted publickey for deploy");
            assertThat(target.sshdLog()).contains("Accepted publickey for deploy");
        }
    }

    @Test
    void aBastionWhoseKeyIsUnknownIsAnErrorNamingItAndNothingBehindItIsContacted() throws Exception {
        try (Network network = Network.newNetwork();
                LabHost bastion = LabHost.builder().dropIn("10-forwarding.conf", FORWARDING)
                        .dropIn("00-log.conf", LOG_CONNECTIONS)
                        .network(network, "bastion.lab.invalid").start();
                LabHost db1 = LabHost.builder().dropIn("00-log.conf", LOG_CONNECTIONS)
                        .unpublished(network, "db1.lab.invalid").start();
                LabHost db2 = LabHost.builder().dropIn("00-log.conf", LOG_CONNECTIONS)
                        .unpublished(network, "db2.lab.invalid").start()) {
            Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
            Policy policy = policy(bastion.policyEntry("bastion").replace(bastion.knownHosts().toString(),
                    empty.toString()) + db1.policyEntry("db1") + "    jump: bastion\n" + db2.policyEntry("db2")
                    + "    jump: bastion\n" + SSH_CHECKS_ONLY);

            GateResult result = new Gate(policy, GateOptions.DEFAULT).run();

            for (String behind : new String[] {"db1", "db2"}) {
                assertThat(result.findings()).filteredOn(f -> f.host().equals(behind)).singleElement().satisfies(f -> {
                    assertThat(f.status()).isEqualTo(Status.ERROR);
                    assertThat(f.check().id()).isEqualTo("host.connection");
                    assertThat(f.message()).startsWith("bastion deploy@" + bastion.address() + ":"
                            + bastion.sshPort() + " (hop 1 of 1): host key unknown: the ssh-ed25519 key "
                            + bastion.hostKeyFingerprint()).contains("not in known_hosts " + empty);
                });
            }
            // one refused connection for checking the bastion itself, one for the hop both hosts are behind
            assertThat(count(Pattern.compile("Connection from"), bastion.sshdLog())).isEqualTo(2);
            assertThat(bastion.sshdLog()).doesNotContain("Accepted");
            assertThat(db1.sshdLog()).doesNotContain("Connection from");
            assertThat(db2.sshdLog()).doesNotContain("Connection from");
        }
    }

    @Test
    void aBastionThatIsDownIsAnErrorNamingIt() throws Exception {
        try (Network network = Network.newNetwork();
                LabHost target = LabHost.builder().dropIn("00-log.conf", LOG_CONNECTIONS)
                        .unpublished(network, "db1.lab.invalid").start()) {
            int closed;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = probe.getLocalPort();
            }
            Policy policy = policy(target.policyEntry("db1") + "    jump: ops@127.0.0.1:" + closed + "\n");

            assertThatThrownBy(() -> SshHost.connect(HostConnector.settings(policy.hosts().get(0), GateOptions.DEFAULT)))
                    .isInstanceOf(HostException.class).isNotInstanceOf(HostKeyException.class)
                    .hasMessage("bastion ops@127.0.0.1:" + closed + " (hop 1 of 1): cannot connect to 127.0.0.1:"
                            + closed + ": connection refused (is sshd running and the port right?)");
            assertThat(target.sshdLog()).doesNotContain("Connection from");
        }
    }

    @Test
    void aBastionThatForbidsForwardingSaysSo() throws Exception {
        try (Network network = Network.newNetwork();
                LabHost bastion = LabHost.builder().dropIn("10-forwarding.conf", "AllowTcpForwarding no\n")
                        .network(network, "bastion.lab.invalid").start();
                LabHost target = LabHost.builder().unpublished(network, "db1.lab.invalid").start()) {
            Policy policy = policy(bastion.policyEntry("bastion") + target.policyEntry("db1") + "    jump: bastion\n");

            assertThatThrownBy(() -> SshHost.connect(HostConnector.settings(policy.hosts().get(1), GateOptions.DEFAULT)))
                    .isInstanceOf(HostException.class)
                    .hasMessageStartingWith("the bastion could not open a connection to db1.lab.invalid:22")
                    .hasMessageContaining("AllowTcpForwarding");
        }
    }

    private Policy policy(String hostsAndChecks) throws Exception {
        Path file = dir.resolve("policy.yml");
        Files.writeString(file, "hosts:\n" + hostsAndChecks);
        return PolicyLoader.load(file, FamilyRegistry.discover());
    }

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
