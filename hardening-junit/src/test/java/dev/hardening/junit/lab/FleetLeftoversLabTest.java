package dev.hardening.junit.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.core.gate.Gate;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.GateResult;
import dev.hardening.core.gate.HostRun;
import dev.hardening.core.gate.Verdict;
import dev.hardening.core.host.Timeouts;
import dev.hardening.core.host.Watchdog;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.Policy;
import dev.hardening.core.policy.PortsChecksConfig;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/**
 * After a gate over a mixed fleet (healthy hosts sharing one known_hosts file, a failing one, one stuck
 * until its host deadline, a port that never says a word, this machine itself) nothing of the run is
 * left: no hardening-* or sshj thread, no socket, no child process.
 */
@RequiresLab
class FleetLeftoversLabTest {
    private static final String HANGING_NFT = "printf '#!/bin/sh\\nexec sleep 600\\n' > /usr/local/sbin/nft"
            + " && chmod +x /usr/local/sbin/nft && ln -sf /usr/local/sbin/nft /usr/sbin/nft";
    private static final ChecksConfig SSH_IN_PUBLIC = ChecksConfig.DEFAULT.with(PortsChecksConfig.KEY,
            new PortsChecksConfig(null, List.of("22/tcp"), null));
    private static final Duration HOST_DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aRunOverHealthyFailingStuckSilentAndLocalHostsLeavesNoThreadSocketOrProcess() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (LabHost good1 = LabHost.builder().hardened().start(); LabHost good2 = LabHost.builder().hardened().start();
                LabHost weak = LabHost.builder().hardened().dropIn("00-hardening.conf",
                        "PasswordAuthentication yes\nKbdInteractiveAuthentication no\nPermitRootLogin no\n").start();
                LabHost stuck = LabHost.builder().hardened().setup(HANGING_NFT).start();
                ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> acceptForever(silent, accepted), "test-silent-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            Path shared = Files.writeString(dir.resolve("known_hosts"), Files.readString(good1.knownHosts())
                    + Files.readString(good2.knownHosts()) + Files.readString(weak.knownHosts())
                    + Files.readString(stuck.knownHosts()));
            List<HostSpec> hosts = List.of(withKnownHosts(good1.hostSpec("good1"), shared),
                    withKnownHosts(good2.hostSpec("good2"), shared), withKnownHosts(weak.hostSpec("weak"), shared),
                    withKnownHosts(stuck.hostSpec("stuck"), shared),
                    new HostSpec("silent", "127.0.0.1", silent.getLocalPort(), "deploy", null, null, shared.toString(),
                            null, null, null),
                    HostSpec.builder(HostSpec.LOCAL).name("local").build());
            GateOptions options = GateOptions.DEFAULT.withTimeouts(Timeouts.DEFAULT.withConnect(Duration.ofSeconds(3))
                    .withHost(HOST_DEADLINE));
            Counts before = Counts.now();

            GateResult result = new Gate(new Policy(Optional.empty(), hosts, SSH_IN_PUBLIC, List.of()), options).run();
            accepted.forEach(FleetLeftoversLabTest::closeQuietly);

            assertThat(result.hosts()).extracting(HostRun::host, HostRun::verdict).contains(
                    org.assertj.core.groups.Tuple.tuple("good1", Verdict.PASSED),
                    org.assertj.core.groups.Tuple.tuple("good2", Verdict.PASSED),
                    org.assertj.core.groups.Tuple.tuple("weak", Verdict.FAILED),
                    org.assertj.core.groups.Tuple.tuple("stuck", Verdict.ERROR),
                    org.assertj.core.groups.Tuple.tuple("silent", Verdict.ERROR));
            assertThat(result.findings()).filteredOn(f -> f.host().equals("stuck"))
                    .filteredOn(f -> f.check().equals(CheckId.HOST_CONNECTION)).extracting(Finding::message)
                    .singleElement().asString().startsWith("host deadline of 30 s passed while");
            assertThat(result.findings()).filteredOn(f -> f.host().equals("silent")).extracting(Finding::status)
                    .contains(Status.ERROR).doesNotContain(Status.PASS);
            assertThat(Counts.over(before, 10_000)).as("left over after the run").isEqualTo(new Counts(0, 0, 0));
        }
    }

    private static HostSpec withKnownHosts(HostSpec s, Path knownHosts) {
        return new HostSpec(s.name(), s.address(), s.port(), s.user(), s.identity(), s.passphraseEnv(),
                knownHosts.toString(), s.hostKey(), s.sudo(), s.tls());
    }

    /** Accepts and holds every connection without a word, as a hung service or a tarpit does. */
    private static void acceptForever(ServerSocket server, List<Socket> accepted) {
        while (!server.isClosed()) {
            try {
                accepted.add(server.accept());
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** Gate and sshj threads (the JVM-long watchdog left out), sockets in /proc/self/fd, child processes. */
    record Counts(long threads, long sockets, long processes) {
        static Counts now() throws IOException {
            long threads = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(n -> (n.startsWith("hardening-") && !n.equals(Watchdog.THREAD_NAME)) || n.startsWith("sshj-"))
                    .count();
            long sockets;
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                sockets = fds.filter(fd -> {
                    try {
                        return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                    } catch (IOException closedMeanwhile) {
                        return false;
                    }
                }).count();
            }
            return new Counts(threads, sockets, ProcessHandle.current().children().count());
        }

        /** What is left above {@code baseline} once it stops falling, or after {@code millis}. */
        static Counts over(Counts baseline, long millis) throws IOException, InterruptedException {
            long until = System.nanoTime() + millis * 1_000_000;
            while (true) {
                Counts now = now();
                Counts left = new Counts(Math.max(0, now.threads - baseline.threads),
                        Math.max(0, now.sockets - baseline.sockets), Math.max(0, now.processes - baseline.processes));
                if (left.equals(new Counts(0, 0, 0)) || System.nanoTime() > until) {
                    return left;
                }
                Thread.sleep(100);
            }
        }
    }
}
