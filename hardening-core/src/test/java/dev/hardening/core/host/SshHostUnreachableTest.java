package dev.hardening.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection failures on loopback: each is a clear HostException within the connect timeout. */
class SshHostUnreachableTest {
    private static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20);

    @TempDir
    Path dir;

    @Test
    void portWhereNothingListensIsRefusedAtOnce() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        SshSettings settings = settings(port);

        assertThatThrownBy(() -> SshHost.connect(settings))
                .isInstanceOf(HostException.class)
                .hasMessage("cannot connect to 127.0.0.1:" + port + ": connection refused (is sshd running and the port right?)");
    }

    @Test
    void serviceThatAcceptsButNeverSpeaksSshTimesOut() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            SshSettings settings = settings(silent.getLocalPort());

            long start = System.nanoTime();
            assertThatThrownBy(() -> SshHost.connect(settings))
                    .isInstanceOf(HostException.class)
                    .hasMessage("no SSH answer from 127.0.0.1:" + silent.getLocalPort() + " within 2 s (a firewall "
                            + "dropping packets, or a service on that port that is not SSH)");
            // bounded by the 2 s connect timeout, not hanging on a silent peer; generous for a loaded machine
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    private SshSettings settings(int port) throws IOException {
        Path key = Files.writeString(dir.resolve("id_ed25519"), ED25519_TEST_KEY);
        return SshSettings.builder("127.0.0.1").port(port).user("deploy").identity(key)
                .hostKeys(HostKeyVerification.knownHosts(Files.writeString(dir.resolve("known_hosts"), "")))
                .timeouts(SHORT).build();
    }

    /** A throwaway key made with ssh-keygen for these tests; it authorizes nothing anywhere. */
    private static final String ED25519_TEST_KEY = """
            -----BEGIN OPENSSH PRIVATE KEY-----
            b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
            QyNTUxOQAAACDEjzuoSteqBnrtsGjGgEdZIctfbsC8cQxyAdJsQVIH1AAAAJiaaJVbmmiV
            WwAAAAtzc2gtZWQyNTUxOQAAACDEjzuoSteqBnrtsGjGgEdZIctfbsC8cQxyAdJsQVIH1A
            AAAEC3pcoaYRR0QL7Ep/XZ0NeEM0OAI5Jup7voQ5Qo1b2c/sSPO6hK16oGeu2waMaAR1kh
            y19uwLxxDHIB0mxBUgfUAAAAEnRlc3RAaGFyZGVuaW5nLmRldgECAw==
            -----END OPENSSH PRIVATE KEY-----
            """;
}
