package dev.hardening.core.gate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;

/**
 * The outcome of a gate run: every finding of every host, how each host's part went, and the decision.
 *
 * @param verdict passed, failed (a blocking FAIL) or error (no blocking FAIL, but a blocking ERROR)
 * @param started when the run started
 * @param hosts per host, in the policy's order: its verdict, duration, OS and per-check durations
 * @param waiverNotes waivers that matched nothing or have expired, for the reports
 */
public record GateResult(Verdict verdict, Instant started, long durationMs, List<Finding> findings,
        List<String> waiverNotes, List<HostRun> hosts) {

    public GateResult {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(started, "started");
        findings = List.copyOf(findings);
        waiverNotes = List.copyOf(waiverNotes);
        hosts = List.copyOf(hosts);
    }

    /**
     * A result without per-host runs, as version 1 of this record had: failed when {@code passed} is false
     * and some FAIL is among the findings, error when only ERRORs are.
     */
    public GateResult(boolean passed, long durationMs, List<Finding> findings, List<String> waiverNotes) {
        this(passed ? Verdict.PASSED : findings.stream().anyMatch(f -> f.status() == Status.FAIL)
                || findings.stream().noneMatch(f -> f.status() == Status.ERROR) ? Verdict.FAILED : Verdict.ERROR,
                Instant.now(), durationMs, findings, waiverNotes, List.of());
    }

    /** Whether nothing blocks: {@link #verdict()} is {@link Verdict#PASSED}. */
    public boolean passed() {
        return verdict == Verdict.PASSED;
    }

    /** When the run ended. */
    public Instant ended() {
        return started.plusMillis(durationMs);
    }

    /** The findings that decide a failed gate: FAILs at or above the threshold, and ERRORs if they count. */
    public List<Finding> blocking(GateOptions options) {
        return findings.stream().filter(f -> blocks(f, options)).toList();
    }

    static boolean blocks(Finding f, GateOptions options) {
        return (f.status() == Status.FAIL && f.severity().isAtLeast(options.failOn()))
                || (f.status() == Status.ERROR && options.failOnError());
    }
}
