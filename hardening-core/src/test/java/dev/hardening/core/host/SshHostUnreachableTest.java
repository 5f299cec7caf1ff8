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
                    .hasMessage("no SSH banner from 127.0.0.1:" + silent.getLocalPort() + " within 2 s (nothing "
                            + "received: a service on that port that waits for the client, or a stalled server)");
            // bounded by the 2 s connect timeout, not hanging on a silent peer; generous for a loaded machine
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aNameThatDoesNotResolveSaysSo() throws Exception {
        // .invalid is reserved (RFC 6761): no resolver ever answers it with an address
        SshSettings settings = settings("web1.invalid", 22);

        assertThatThrownBy(() -> SshHost.connect(settings))
                .isInstanceOf(HostException.class)
                .hasMessageStartingWith("cannot connect to web1.invalid:22: web1.invalid does not resolve");
    }

    private SshSettings settings(int port) throws IOException {
        return settings("127.0.0.1", port);
    }

    private SshSettings settings(String address, int port) throws IOException {
        Path key = TestKeys.writeEd25519(dir);
        return SshSettings.builder(address).port(port).user("deploy").identity(key)
                .hostKeys(HostKeyVerification.knownHosts(Files.writeString(dir.resolve("known_hosts"), "")))
                .timeouts(SHORT).build();
    }

}
