package dev.hardening.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.HostRun;
import dev.hardening.core.gate.Verdict;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;

class ProgressLogTest {
    private static HostRun run(String host, Verdict verdict, long ms) {
        return new HostRun(host, "192.0.2.1", verdict, Instant.EPOCH, ms, Optional.empty(), Map.of());
    }

    private static Finding finding(Status status, Severity severity) {
        return new Finding("h", CheckId.SSH_KEY_ONLY, status, severity, "m", List.of(), "");
    }

    @Test
    void eachFinishedHostIsOneLineWithItsOutcomeAndDuration() {
        List<String> lines = new ArrayList<>();
        ProgressLog log = new ProgressLog(lines::add, GateOptions.DEFAULT.withFailOn(Severity.MEDIUM));
        log.runStarted(200);

        log.hostFinished(run("web12", Verdict.PASSED, 1400), List.of(finding(Status.PASS, Severity.HIGH)));
        log.hostFinished(run("db3", Verdict.FAILED, 2149), List.of(finding(Status.FAIL, Severity.HIGH),
                finding(Status.FAIL, Severity.MEDIUM), finding(Status.FAIL, Severity.LOW), finding(Status.FAIL,
                        Severity.CRITICAL), finding(Status.PASS, Severity.HIGH)));
        log.hostFinished(run("db4", Verdict.ERROR, 120_000), List.of(finding(Status.ERROR, Severity.HIGH)));

        assertThat(lines).containsExactly("[1/200] web12 ok 1.4 s", "[2/200] db3 FAIL 3 findings 2.1 s",
                "[3/200] db4 ERROR 1 finding 120.0 s");
    }

    @Test
    void aHostileHostNameCannotBreakTheLineOrColourTheTerminal() {
        List<String> lines = new ArrayList<>();
        ProgressLog log = new ProgressLog(lines::add, GateOptions.DEFAULT);
        log.runStarted(1);
        log.hostFinished(run("evil\n[INFO] BUILD SUCCESS\u001b[2J", Verdict.PASSED, 10), List.of());
        assertThat(lines).containsExactly("[1/1] evil\\n[INFO] BUILD SUCCESS\\x1b[2J ok 0.0 s");
    }

    @Test
    void hostsFinishingAtOnceGetEveryNumberOnceInTheOrderTheirLinesArePrinted() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        ProgressLog log = new ProgressLog(lines::add, GateOptions.DEFAULT);
        log.runStarted(64);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = IntStream.range(0, 64).mapToObj(i -> new Thread(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.hostFinished(run("h" + i, Verdict.PASSED, i), List.of());
        })).toList();
        threads.forEach(Thread::start);
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(lines).hasSize(64);
        for (int i = 0; i < 64; i++) {
            assertThat(lines.get(i)).startsWith("[" + (i + 1) + "/64] ");
        }
    }
}
