package dev.hardening.core.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.hardening.core.gate.Gate;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.GateResult;
import dev.hardening.core.host.TestKeys;
import dev.hardening.core.host.Timeouts;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.Policy;

/**
 * Hostile and broken SSH endpoints on loopback: each host ends as an ERROR saying what happened,
 * within its deadline, the other hosts of the run are checked, and nothing is left running. The figures
 * go to {@code target/fault-suite/summary.txt}, which {@code .ci/run} prints.
 */
class FaultSuiteTest {
    private static final Duration PHASE = Duration.ofSeconds(1);
    private static final Duration HOST = Duration.ofSeconds(4);
    /** Scheduling on a loaded 2-core machine; the point is "the deadline, not the sum and not minutes". */
    private static final Duration MARGIN = Duration.ofSeconds(2);
    private static final Path SUMMARY = Path.of("target", "fault-suite", "summary.txt");

    private static final Map<FaultKind, Long> millisPerKind = new EnumMap<>(FaultKind.class);
    private static final List<String> runs = new ArrayList<>();
    private static long hostsReported;
    private static long hostsRun;
    private static long falsePasses;
    private static Leftovers worstLeftovers = new Leftovers(0, 0, 0);
    private static Leftovers baseline;

    @TempDir
    static Path dir;

    @BeforeAll
    static void warmUp() throws Exception {
        // the first run loads classes and opens jars; count what runs leave only after that
        try (FaultServer refused = FaultServer.start(FaultKind.REFUSED)) {
            gate(List.of(host("warm-up", refused)), options(PHASE, HOST, 1)).run();
        }
        baseline = Leftovers.now();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FaultKind.class)
    void eachFaultEndsAsAnErrorWithinItsDeadlineSayingWhatHappened(FaultKind kind) throws Exception {
        GateResult result;
        long millis;
        try (FaultServer server = FaultServer.start(kind)) {
            long start = System.nanoTime();
            result = gate(List.of(host("h", server)), options(PHASE, HOST, 1)).run();
            millis = (System.nanoTime() - start) / 1_000_000;
        }
        millisPerKind.put(kind, millis);
        record("one host: " + kind, 1, result);

        Finding connection = connectionError(result, "h").orElseThrow();
        assertThat(connection.status()).isEqualTo(Status.ERROR);
        assertThat(connection.message()).contains(kind.expectedWords());
        assertThat(Duration.ofMillis(millis)).isLessThan(HOST.plus(MARGIN));
        assertNothingLeft();
    }

    @Test
    void aRunWithEveryFaultStillChecksAndReportsTheHealthyHost() throws Exception {
        List<FaultServer> servers = startEach(1);
        try {
            List<HostSpec> hosts = new ArrayList<>(hostsOf(servers));
            hosts.add(HostSpec.local());
            // the local host really gathers its facts, which takes seconds on a loaded machine
            GateResult result = gate(hosts, options(PHASE, Duration.ofSeconds(60), hosts.size())).run();
            record("every fault and local", hosts.size(), result);

            for (FaultServer server : servers) {
                assertThat(connectionError(result, server.kind().name() + "-0")).as(server.kind().name())
                        .get().extracting(Finding::message).asString().contains(server.kind().expectedWords());
            }
            assertThat(result.findings()).filteredOn(f -> f.host().equals(HostSpec.LOCAL))
                    .isNotEmpty().noneMatch(f -> f.check().equals(CheckId.HOST_CONNECTION));
        } finally {
            closeAll(servers);
        }
        assertNothingLeft();
    }

    @Test
    void fiftyHostsWithTenOfEachHangingFaultFinishWithinTheHostDeadlineNotTheSum() throws Exception {
        // phases longer than the host deadline: the host deadline has to end each host that hangs
        Duration hostDeadline = Duration.ofSeconds(2);
        List<FaultKind> hanging = List.of(FaultKind.BANNER_NEVER_SENT, FaultKind.NON_BANNER_LINES_TRICKLED,
                FaultKind.SLOW_BYTE_BY_BYTE_BANNER, FaultKind.SILENCE_AFTER_BANNER, FaultKind.BINARY_BURST);
        List<FaultServer> servers = new ArrayList<>();
        List<HostSpec> hosts = new ArrayList<>();
        try {
            for (FaultKind kind : hanging) {
                FaultServer server = FaultServer.start(kind);
                servers.add(server);
                for (int i = 0; i < 10; i++) {
                    hosts.add(host(kind + "-" + i, server));
                }
            }
            long start = System.nanoTime();
            GateResult result = gate(hosts, options(Duration.ofSeconds(30), hostDeadline, hosts.size())).run();
            long millis = (System.nanoTime() - start) / 1_000_000;
            runs.add("50 hosts, 10 of each of " + hanging + ", host deadline " + Timeouts.describe(hostDeadline)
                    + ", phases 30 s: " + millis + " ms wall time");
            record("50 hanging hosts", hosts.size(), result);

            assertThat(result.findings().stream().map(Finding::host).distinct()).hasSize(50);
            assertThat(result.findings()).filteredOn(f -> f.check().equals(CheckId.HOST_CONNECTION)).hasSize(50)
                    .allSatisfy(f -> assertThat(f.message()).satisfiesAnyOf(
                            m -> assertThat(m).startsWith("host deadline of 2 s passed while"),
                            m -> assertThat(m).contains(FaultKind.BINARY_BURST.expectedWords())));
            assertThat(Duration.ofMillis(millis)).isLessThan(hostDeadline.plus(MARGIN));
        } finally {
            closeAll(servers);
        }
        assertNothingLeft();
    }

    @Test
    void aHostDeadlineSaysWhatTheHostWasDoingWhenTimeRanOut() throws Exception {
        try (FaultServer stalled = FaultServer.start(FaultKind.SILENCE_AFTER_BANNER)) {
            GateResult result = gate(List.of(host("h", stalled)), options(Duration.ofSeconds(30), Duration.ofSeconds(1), 1))
                    .run();
            record("host deadline in the key exchange", 1, result);

            assertThat(connectionError(result, "h").orElseThrow().message()).isEqualTo("host deadline of 1 s passed "
                    + "while in the SSH key exchange with 127.0.0.1:" + stalled.port()
                    + "; the host was abandoned and its connections closed");
        }
        assertNothingLeft();
    }

    @AfterAll
    static void writeSummary() throws IOException {
        Files.createDirectories(SUMMARY.getParent());
        List<String> lines = new ArrayList<>();
        lines.add("fault suite (loopback): fault kinds tried: " + millisPerKind.size() + " of " + FaultKind.values().length
                + " (" + millisPerKind.keySet().stream().map(Enum::name).collect(Collectors.joining(", ")) + ")");
        lines.add("hosts reported: " + hostsReported + " of " + hostsRun + "; false passes: " + falsePasses
                + "; leftover threads: " + worstLeftovers.threads() + ", sockets: " + worstLeftovers.sockets()
                + ", processes: " + worstLeftovers.processes());
        lines.add("phase deadline " + Timeouts.describe(PHASE) + ", host deadline " + Timeouts.describe(HOST)
                + "; time per fault kind, one host each:");
        millisPerKind.forEach((kind, millis) -> lines.add("  " + kind + ": " + millis + " ms"));
        lines.addAll(runs);
        Files.write(SUMMARY, lines);
    }

    private static void record(String run, int hosts, GateResult result) {
        hostsRun += hosts;
        hostsReported += result.findings().stream().map(Finding::host).distinct().count();
        // a faulty host has nothing to pass: its only possible PASS would be a lie
        falsePasses += result.findings().stream()
                .filter(f -> !f.host().equals(HostSpec.LOCAL) && f.status() == Status.PASS).count();
        assertThat(result.findings()).as(run).filteredOn(f -> !f.host().equals(HostSpec.LOCAL))
                .noneMatch(f -> f.status() == Status.PASS);
    }

    private static void assertNothingLeft() throws InterruptedException {
        Leftovers left = Leftovers.over(baseline, 5000);
        worstLeftovers = new Leftovers(Math.max(worstLeftovers.threads(), left.threads()),
                Math.max(worstLeftovers.sockets(), left.sockets()), Math.max(worstLeftovers.processes(), left.processes()));
        assertThat(left).isEqualTo(new Leftovers(0, 0, 0));
    }

    private static List<FaultServer> startEach(int copies) throws IOException {
        List<FaultServer> servers = new ArrayList<>();
        for (FaultKind kind : FaultKind.values()) {
            for (int i = 0; i < copies; i++) {
                servers.add(FaultServer.start(kind));
            }
        }
        return servers;
    }

    private static List<HostSpec> hostsOf(List<FaultServer> servers) throws IOException {
        List<HostSpec> hosts = new ArrayList<>();
        for (FaultServer server : servers) {
            hosts.add(host(server.kind().name() + "-0", server));
        }
        return hosts;
    }

    private static void closeAll(List<FaultServer> servers) throws IOException {
        for (FaultServer server : servers) {
            server.close();
        }
    }

    private static Optional<Finding> connectionError(GateResult result, String host) {
        return result.findings().stream().filter(f -> f.host().equals(host) && f.check().equals(CheckId.HOST_CONNECTION))
                .findFirst();
    }

    private static HostSpec host(String name, FaultServer server) throws IOException {
        return new HostSpec(name, "127.0.0.1", server.port(), "deploy", TestKeys.writeEd25519(dir).toString(), null, null,
                "SHA256:0000000000000000000000000000000000000000000", null, null);
    }

    private static GateOptions options(Duration phase, Duration host, int parallelism) {
        return GateOptions.DEFAULT.withParallelism(parallelism)
                .withTimeouts(new Timeouts(phase, Duration.ofSeconds(5), host, 1 << 20));
    }

    private static Gate gate(List<HostSpec> hosts, GateOptions options) {
        return new Gate(new Policy(Optional.empty(), hosts, ChecksConfig.DEFAULT, List.of()), options);
    }
}
