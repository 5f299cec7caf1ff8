package dev.hardening.junit.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.HostConnector;
import dev.hardening.core.host.HostException;
import dev.hardening.core.host.SshHost;
import dev.hardening.core.host.SshSettings;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/**
 * Logging in with the keys of a real {@code ssh-agent} started by the test on its own socket (and ended
 * by its pid): the gate asks the agent to sign and never sees the private key.
 */
@RequiresLab
class SshAgentLabTest {
    @TempDir
    Path dir;
    private Process agent;
    private Path socket;

    @BeforeEach
    void startAgent() throws Exception {
        socket = dir.resolve("agent.sock");
        agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.log").toFile()).start();
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(socket) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(socket).as("ssh-agent's socket").exists();
    }

    @AfterEach
    void stopAgent() throws InterruptedException {
        agent.destroy();
        agent.waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void aHostIsReachedWithTheAgentsKeyAlone() throws Exception {
        try (LabHost lab = LabHost.builder().start()) {
            add(lab.identity());
            HostSpec spec = agentOnly(lab, null);

            SshSettings settings = HostConnector.settings(spec, withAuthSock(socket.toString()));
            try (SshHost host = SshHost.connect(settings)) {
                assertThat(host.run("id -un").stdout().strip()).isEqualTo("deploy");
            }
            assertThat(settings.identities()).isEmpty();
            assertThat(settings.agentSocket()).contains(socket);
            assertThat(lab.sshdLog()).contains("Accepted publickey for deploy");
        }
    }

    @Test
    void anRsaKeyInTheAgentSignsWithSha2() throws Exception {
        try (LabHost lab = LabHost.builder().clientKey(LabHost.Builder.KeyType.RSA, "").start()) {
            add(lab.identity());

            try (SshHost host = SshHost.connect(HostConnector.settings(agentOnly(lab, true),
                    withAuthSock(socket.toString())))) {
                assertThat(host.run("true").exitStatus()).isZero();
            }
            assertThat(lab.sshdLog()).contains("Accepted publickey for deploy").contains("RSA SHA256:");
        }
    }

    @Test
    void agentTrueWithoutSshAuthSockIsAClearError() throws Exception {
        try (LabHost lab = LabHost.builder().start()) {
            assertThatThrownBy(() -> HostConnector.settings(agentOnly(lab, true), withAuthSock(null)))
                    .isInstanceOf(HostException.class)
                    .hasMessageStartingWith("host agent has agent: true, but SSH_AUTH_SOCK is not set");
        }
    }

    @Test
    void anAgentWithNoKeysIsAClearError() throws Exception {
        try (LabHost lab = LabHost.builder().start()) {
            SshSettings settings = HostConnector.settings(agentOnly(lab, null), withAuthSock(socket.toString()));

            assertThatThrownBy(() -> SshHost.connect(settings)).isInstanceOf(HostException.class)
                    .hasMessage("the ssh-agent at " + socket + " (SSH_AUTH_SOCK) holds no keys: ssh-add the key "
                            + "authorized for deploy at " + lab.address() + ":" + lab.sshPort()
                            + ", or give identity: in the policy");
        }
    }

    @Test
    void anAgentWithTheWrongKeyNamesTheKeyItTried() throws Exception {
        try (LabHost lab = LabHost.builder().start()) {
            Path other = dir.resolve("other_key");
            run(Map.of(), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "someone-else", "-f", other.toString());
            add(other);
            String fingerprint = run(Map.of(), "ssh-keygen", "-lf", other + ".pub").split(" ")[1];

            SshSettings settings = HostConnector.settings(agentOnly(lab, true), withAuthSock(socket.toString()));

            assertThatThrownBy(() -> SshHost.connect(settings)).isInstanceOf(HostException.class)
                    .hasMessage("public key authentication as deploy at " + lab.address() + ":" + lab.sshPort()
                            + " failed with agent key " + fingerprint + " (someone-else) (is its public key in "
                            + "~deploy/.ssh/authorized_keys?)");
            assertThat(lab.sshdLog()).doesNotContain("Accepted publickey");
        }
    }

    @Test
    void anAgentSocketThatIsGoneIsAClearError() throws Exception {
        try (LabHost lab = LabHost.builder().start()) {
            Path gone = dir.resolve("no-agent.sock");
            SshSettings settings = HostConnector.settings(agentOnly(lab, true), withAuthSock(gone.toString()));

            assertThatThrownBy(() -> SshHost.connect(settings)).isInstanceOf(HostException.class)
                    .hasMessageStartingWith("the ssh-agent socket " + gone + " (SSH_AUTH_SOCK) does not exist");
        }
    }

    @Test
    void anIdentityInThePolicyKeepsTheAgentOutUnlessAsked() throws Exception {
        try (LabHost lab = LabHost.builder().start()) {
            SshSettings settings = HostConnector.settings(lab.hostSpec("file"), withAuthSock(socket.toString()));

            assertThat(settings.agentSocket()).isEmpty();
            assertThat(settings.identities()).containsExactly(lab.identity());
        }
    }

    /** The lab host without an identity file: only the agent can log in. */
    private static HostSpec agentOnly(LabHost lab, Boolean agent) {
        HostSpec.Builder b = HostSpec.builder(lab.address()).name("agent").port(lab.sshPort()).user(lab.loginUser())
                .knownHosts(lab.knownHosts().toString());
        if (agent != null) {
            b.agent(agent);
        }
        return b.build();
    }

    private static GateOptions withAuthSock(String socket) {
        GateOptions d = GateOptions.DEFAULT;
        UnaryOperator<String> env = name -> name.equals("SSH_AUTH_SOCK") ? socket : null;
        return new GateOptions(d.failOn(), d.failOnError(), d.parallelism(), d.timeouts(), d.clock(), env);
    }

    /** ssh-add, which refuses a key file others can read: a private copy is added. */
    private void add(Path key) throws Exception {
        Path copy = dir.resolve(key.getFileName() + ".for-agent");
        Files.copy(key, copy);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
        run(Map.of("SSH_AUTH_SOCK", socket.toString()), "ssh-add", "-q", copy.toString());
    }

    private static String run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
