package dev.hardening.core.gate;

import java.util.List;

import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;

/**
 * The outcome of a gate run: every finding of every host, and the decision.
 *
 * @param waiverNotes waivers that matched nothing or have expired, for the reports
 */
public record GateResult(boolean passed, long durationMs, List<Finding> findings, List<String> waiverNotes) {

    public GateResult {
        findings = List.copyOf(findings);
        waiverNotes = List.copyOf(waiverNotes);
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
