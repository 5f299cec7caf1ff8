package dev.hardening.junit.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.hardening.core.family.Check;
import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.gate.Gate;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.GateResult;
import dev.hardening.core.gate.HostConnector;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.host.HostException;
import dev.hardening.core.host.HostKeyException;
import dev.hardening.core.host.SshHost;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.Policy;
import dev.hardening.core.policy.PortsChecksConfig;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

@RequiresLab
class SshHostLabTest {

    @ParameterizedTest
    @EnumSource(LabHost.Builder.KeyType.class)
    void authenticatesWithEveryKeyTypeAndRunsCommands(LabHost.Builder.KeyType type) throws Exception {
        try (LabHost lab = LabHost.builder().clientKey(type, "").start();
                SshHost host = SshHost.connect(HostConnector.settings(lab.hostSpec("k"), GateOptions.DEFAULT))) {
            CommandResult whoami = host.run("id -un");
            CommandResult root = host.runPrivileged("id -un");

            assertThat(whoami.stdout().strip()).isEqualTo("deploy");
            assertThat(root.stdout().strip()).isEqualTo("root");
        }
    }

    @Test
    void encryptedKeyIsOpenedWithThePassphraseFromTheNamedEnvironmentVariable() throws Exception {
        try (LabHost lab = LabHost.builder().clientKey(LabHost.Builder.KeyType.ED25519, "correct horse").start()) {
            HostSpec spec = withPassphraseEnv(lab.hostSpec("enc"), "LAB_KEY_PASS");
            GateOptions right = options(name -> name.equals("LAB_KEY_PASS") ? "correct horse" : null);
            GateOptions wrong = options(name -> name.equals("LAB_KEY_PASS") ? "battery staple" : null);
            GateOptions unset = options(name -> null);

            try (SshHost host = SshHost.connect(HostConnector.settings(spec, right))) {
                assertThat(host.run("echo ok").stdout()).isEqualTo("ok\n");
            }
            assertThatThrownBy(() -> SshHost.connect(HostConnector.settings(spec, wrong)))
                    .isInstanceOf(HostException.class)
                    .hasMessageContaining("wrong passphrase (from environment variable LAB_KEY_PASS)")
                    .hasMessageNotContaining("battery staple");
            assertThatThrownBy(() -> HostConnector.settings(spec, unset))
                    .hasMessage("environment variable LAB_KEY_PASS (passphraseEnv of host enc) is not set");
        }
    }

    @Test
    void wrongKnownHostsEntryIsAHostKeyMismatchAndNothingRuns() throws Exception {
        try (LabHost lab = LabHost.builder().start(); LabHost other = LabHost.builder().start()) {
            // the other lab host's real key, filed under this host's address and port
            String otherKey = Files.readString(other.knownHosts()).lines().findFirst().orElseThrow().split(" ", 2)[1];
            Path knownHosts = lab.workDir().resolve("wrong_known_hosts");
            Files.writeString(knownHosts, "[" + lab.address() + "]:" + lab.sshPort() + " " + otherKey + "\n");
            HostSpec spec = withKnownHosts(lab.hostSpec("mitm"), knownHosts);

            GateResult result = gateOne(spec);

            assertThat(result.findings()).extracting(Finding::status).containsOnly(Status.ERROR);
            assertThat(result.findings().get(0).message()).startsWith("host key changed: possible attack")
                    .contains("but " + knownHosts + ":1 holds its ssh-ed25519 key");
            assertThat(lab.sshdLog()).doesNotContain("Accepted publickey");
        }
    }

    @Test
    void unknownHostKeyIsRejectedToo() throws Exception {
        try (LabHost lab = LabHost.builder().start()) {
            Path empty = Files.writeString(lab.workDir().resolve("empty_known_hosts"), "");
            HostSpec spec = withKnownHosts(lab.hostSpec("new"), empty);

            assertThatThrownBy(() -> SshHost.connect(HostConnector.settings(spec, GateOptions.DEFAULT)))
                    .isInstanceOf(HostKeyException.class)
                    .hasMessageStartingWith("host key unknown: the ssh-ed25519 key " + lab.hostKeyFingerprint())
                    .hasMessageContaining("is not in known_hosts " + empty + ": add it with `ssh-keyscan -p "
                            + lab.sshPort() + " -t ed25519 " + lab.address() + " >> " + empty + "`");
        }
    }

    @Test
    void aRevokedHostKeyIsAnErrorNamingTheLineAndNothingAuthenticates() throws Exception {
        try (LabHost lab = LabHost.builder().dropIn("00-log.conf", "LogLevel DEBUG1\n").start()) {
            String key = Files.readString(lab.knownHosts()).lines().findFirst().orElseThrow().split(" ", 2)[1];
            Path knownHosts = lab.workDir().resolve("revoked_known_hosts");
            Files.writeString(knownHosts, Files.readString(lab.knownHosts()) + "@revoked * " + key + "\n");
            int revokedLine = (int) Files.readString(knownHosts).lines().count();

            GateResult result = gateOne(withKnownHosts(lab.hostSpec("revoked"), knownHosts));

            assertThat(result.findings()).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.ERROR);
                assertThat(f.check().id()).isEqualTo("host.connection");
                assertThat(f.message()).startsWith("host key revoked: the ssh-ed25519 key " + lab.hostKeyFingerprint())
                        .contains("is marked @revoked at " + knownHosts + ":" + revokedLine);
            });
            // sshd saw the connection and the key exchange, and no authentication request at all
            assertThat(lab.sshdLog()).contains("Connection from").doesNotContain("userauth-request")
                    .doesNotContain("Accepted");
        }
    }

    @Test
    void aHostCertificateSignedByACaInKnownHostsConnects() throws Exception {
        try (LabHost lab = LabHost.builder()
                .setup("ssh-keygen -q -t ed25519 -N '' -C lab-host-ca -f /lab/host_ca")
                .setup("ssh-keygen -q -s /lab/host_ca -I lab-host -h -n localhost,127.0.0.1 /etc/ssh/ssh_host_ed25519_key.pub")
                .setup("echo 'HostCertificate /etc/ssh/ssh_host_ed25519_key-cert.pub' > /etc/ssh/sshd_config.d/10-cert.conf")
                .start()) {
            Path knownHosts = lab.workDir().resolve("ca_known_hosts");
            Files.writeString(knownHosts, "@cert-authority [localhost]:*,[127.0.0.1]:*,!*.evil " + lab.exec("cat /lab/host_ca.pub"));
            Path otherHostsOnly = lab.workDir().resolve("ca_for_others");
            Files.writeString(otherHostsOnly, "@cert-authority *,![localhost]:* " + lab.exec("cat /lab/host_ca.pub"));

            try (SshHost host = SshHost.connect(HostConnector.settings(withKnownHosts(lab.hostSpec("ca"), knownHosts),
                    GateOptions.DEFAULT))) {
                assertThat(host.run("true").exitStatus()).isZero();
            }
            assertThatThrownBy(() -> SshHost.connect(HostConnector.settings(withKnownHosts(lab.hostSpec("ca"), otherHostsOnly),
                    GateOptions.DEFAULT))).isInstanceOf(HostKeyException.class)
                    // what the server presented is its certificate, refused where the CA is not trusted
                    .hasMessageContaining("the ssh-ed25519-cert-v01@openssh.com key").hasMessageContaining("is not in known_hosts");
        }
    }

    @Test
    void pinnedFingerprintReplacesKnownHosts() throws Exception {
        try (LabHost lab = LabHost.builder().start()) {
            HostSpec pinned = withPin(lab.hostSpec("pin"), lab.hostKeyFingerprint());
            HostSpec wrongPin = withPin(lab.hostSpec("pin"), "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

            try (SshHost host = SshHost.connect(HostConnector.settings(pinned, GateOptions.DEFAULT))) {
                assertThat(host.run("true").exitStatus()).isZero();
            }
            assertThatThrownBy(() -> SshHost.connect(HostConnector.settings(wrongPin, GateOptions.DEFAULT)))
                    .isInstanceOf(HostKeyException.class)
                    .hasMessageContaining("host key mismatch");
        }
    }

    @Test
    void theGateOpensOneAuthenticatedConnectionPerHostForAllChecks() {
        try (LabHost lab = LabHost.builder().hardened().start()) {
            ChecksConfig sshInPublic = ChecksConfig.DEFAULT.with(PortsChecksConfig.KEY, new PortsChecksConfig(null, List.of("22/tcp"), null));
            GateResult result = new Gate(new Policy(Optional.empty(), List.of(lab.hostSpec("reuse")), sshInPublic,
                    null), GateOptions.DEFAULT).run();

            // every check got its facts through that one connection and passed (TLS: no endpoint listed)
            assertThat(result.findings()).extracting(Finding::check)
                    .containsAll(FamilyRegistry.discover().checks().stream().map(Check::id).toList());
            assertThat(result.findings()).filteredOn(f -> f.status() != Status.PASS)
                    .allSatisfy(f -> assertThat(f.check().prefix()).isEqualTo("tls"))
                    .extracting(Finding::status).containsOnly(Status.SKIPPED);
            assertThat(count(Pattern.compile("Accepted publickey for deploy"), lab.sshdLog()))
                    .as("authenticated logins in sshd's log").isEqualTo(1);
        }
    }

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static GateResult gateOne(HostSpec spec) {
        return new Gate(new Policy(Optional.empty(), List.of(spec), null, null), GateOptions.DEFAULT).run();
    }

    private static GateOptions options(java.util.function.UnaryOperator<String> env) {
        GateOptions d = GateOptions.DEFAULT;
        return new GateOptions(d.failOn(), d.failOnError(), d.parallelism(), d.timeouts(), d.clock(), env);
    }

    private static HostSpec withPassphraseEnv(HostSpec h, String env) {
        return new HostSpec(h.name(), h.address(), h.port(), h.user(), h.identity(), env, h.knownHosts(), h.hostKey(),
                h.sudo(), h.tls());
    }

    private static HostSpec withKnownHosts(HostSpec h, Path knownHosts) {
        return new HostSpec(h.name(), h.address(), h.port(), h.user(), h.identity(), h.passphraseEnv(),
                knownHosts.toString(), h.hostKey(), h.sudo(), h.tls());
    }

    private static HostSpec withPin(HostSpec h, String pin) {
        return new HostSpec(h.name(), h.address(), h.port(), h.user(), h.identity(), h.passphraseEnv(), null, pin,
                h.sudo(), h.tls());
    }
}
