package dev.hardening.junit.assertions;

import static dev.hardening.junit.assertions.HardeningAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.core.Hardening;
import dev.hardening.core.HostCheck;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.HostConnector;
import dev.hardening.core.host.SshHost;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.TlsChecksConfig;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.LabPki;
import dev.hardening.lab.RequiresLab;

/** The fluent assertions of the port, firewall, TLS and package families on lab hosts. */
@RequiresLab
class FamilyAssertionsLabTest {
    private static final String NAME = "web1.lab.test";
    private static final int TLS_PORT = 4433;
    private static final String DATABASE_ON_EVERY_INTERFACE = "python3 -c 'import socket,time; s=socket.socket(); "
            + "s.bind((\"0.0.0.0\",5432)); s.listen(); time.sleep(1e6)' >/dev/null 2>&1 &";

    @TempDir
    Path dir;

    @Test
    void hardenedHostWithATlsServerPassesEveryFamily() throws Exception {
        LabPki pki = LabPki.create("Lab");
        LabPki.Issued leaf = pki.leaf(NAME).issue();
        Path bundle = Files.writeString(dir.resolve("ca.pem"), pki.root().pem());
        try (LabHost lab = LabHost.builder().hardened()
                // the web server's port is open in the firewall beside SSH, and allowed in public by the policy
                .file("/etc/nftables.conf", "table inet filter { chain input { type filter hook input priority 0; "
                        + "policy drop; ct state established,related accept; iif \"lo\" accept; "
                        + "tcp dport { 22, " + TLS_PORT + " } accept; }; }\n")
                .file("/etc/lab-tls/cert.pem", leaf.pem())
                .file("/etc/lab-tls/chain.pem", pki.intermediate().pem())
                .file("/etc/lab-tls/key.pem", leaf.privateKeyPem())
                .exposePort(TLS_PORT)
                .setup("openssl s_server -accept " + TLS_PORT + " -www -quiet -cert /etc/lab-tls/cert.pem "
                        + "-key /etc/lab-tls/key.pem -cert_chain /etc/lab-tls/chain.pem >/dev/null 2>&1 &")
                .setup("for i in $(seq 100); do ss -ltn | grep -q ':" + TLS_PORT + " ' && break; sleep 0.1; done")
                .start();
                SshHost ssh = SshHost.connect(HostConnector.settings(lab.hostSpec("web1"), GateOptions.DEFAULT))) {
            ChecksConfig internalCa = ChecksConfig.DEFAULT.with(TlsChecksConfig.KEY, new TlsChecksConfig(null, bundle.toString(), null, null, null));
            HostCheck host = Hardening.check(ssh, lab.hostSpec("web1"), internalCa);

            assertThat(host).ssh().isKeyOnly().hasRootLoginDisabled();
            assertThat(host).ports().areBoundPrivatelyExcept("22/tcp", TLS_PORT + "/tcp");
            assertThat(host).firewall().deniesInboundByDefault();
            assertThat(host).tls(lab.mappedPort(TLS_PORT), NAME).hasValidChain()
                    .isValidForAtLeast(Duration.ofDays(14)).acceptsNoLegacyProtocols();
            assertThat(host).packages().hasNoPendingSecurityUpdates().installsUpdatesAutomatically();
        }
    }

    @Test
    void exposedDatabaseOpenFirewallAndStaleIndexFailWithTheFindingsAsMessages() throws Exception {
        try (LabHost lab = LabHost.builder().netAdmin().dropIn("00-hardening.conf",
                        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin no\n")
                .setup(DATABASE_ON_EVERY_INTERFACE)
                .setup("touch -d '10 days ago' /var/lib/apt/lists/*")
                .start();
                SshHost ssh = SshHost.connect(HostConnector.settings(lab.hostSpec("weak"), GateOptions.DEFAULT))) {
            HostCheck host = Hardening.check(ssh, lab.hostSpec("weak"), ChecksConfig.DEFAULT);
            SoftHardeningAssertions softly = new SoftHardeningAssertions();

            softly.assertThat(host).ports().areBoundPrivatelyExcept("22/tcp");
            softly.assertThat(host).firewall().deniesInboundByDefault();
            softly.assertThat(host).packages().hasNoPendingSecurityUpdates();

            List<String> messages = softly.errorsCollected().stream().map(Throwable::getMessage).toList();
            assertThat(messages).satisfiesExactly(
                    ports -> assertThat(ports).startsWith("\nExpecting host weak to pass ports.private-only")
                            .contains("5432/tcp").contains("0.0.0.0").contains("python3")
                            .contains("fix: "),
                    firewall -> assertThat(firewall).startsWith("\nExpecting host weak to pass firewall.default-deny")
                            .contains("FAIL (HIGH)").contains("IPv6"),
                    packages -> assertThat(packages).startsWith("\nExpecting host weak to pass packages.up-to-date")
                            .containsPattern("package index is 2\\d\\d hours old"));
            assertThatThrownBy(softly::assertAll).hasMessageContaining("Multiple Failures (3 failures)");
        }
    }
}
