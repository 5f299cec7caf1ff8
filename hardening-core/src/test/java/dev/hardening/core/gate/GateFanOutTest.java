package dev.hardening.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.host.Timeouts;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.Policy;
import dev.hardening.core.policy.TlsEndpoint;

/** The gate's fan-out with the real TLS checks: the handshakes of different hosts overlap in time. */
class GateFanOutTest {
    private static final int HOLD_MILLIS = 400;

    /** A port that takes each connection, says nothing for a while and hangs up: each handshake takes that long. */
    private static final class SlowPort implements AutoCloseable {
        final ServerSocket server;
        final AtomicInteger open = new AtomicInteger();

        SlowPort(List<SlowPort> all, AtomicBoolean overlapped) throws IOException {
            server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    Socket socket;
                    try {
                        socket = server.accept();
                    } catch (IOException closed) {
                        return;
                    }
                    open.incrementAndGet();
                    try {
                        if (all.stream().anyMatch(p -> p != this && p.open.get() > 0)) {
                            overlapped.set(true);
                        }
                        Thread.sleep(HOLD_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    } finally {
                        // counted as closed before the client can see it close
                        open.decrementAndGet();
                        closeQuietly(socket);
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // the client is gone already
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Test
    void theTlsHandshakesOfDifferentHostsRunAtTheSameTime(@TempDir Path dir) throws Exception {
        AtomicBoolean overlapped = new AtomicBoolean();
        List<SlowPort> ports = new ArrayList<>();
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
        try {
            List<HostSpec> hosts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                SlowPort port = new SlowPort(ports, overlapped);
                ports.add(port);
                hosts.add(new HostSpec("web" + i, "127.0.0.1", closed, "deploy", null, null, knownHosts.toString(), null,
                        null, List.of(new TlsEndpoint(port.server.getLocalPort(), "localhost", null))));
            }
            FamilyRegistry tlsOnly = FamilyRegistry.discover().selecting(id -> id.prefix().equals("tls"));
            GateOptions options = GateOptions.DEFAULT.withTimeouts(Timeouts.DEFAULT.withConnect(Duration.ofSeconds(2)));

            GateResult result = new Gate(new Policy(Optional.empty(), hosts, ChecksConfig.DEFAULT, List.of()), options,
                    tlsOnly).run();

            assertThat(result.findings()).filteredOn(f -> f.check().prefix().equals("tls")).isNotEmpty()
                    .extracting(Finding::status).containsOnly(Status.ERROR);
            assertThat(overlapped).as("a handshake with one host while another host's was in progress").isTrue();
        } finally {
            for (SlowPort port : ports) {
                port.close();
            }
        }
    }
}
