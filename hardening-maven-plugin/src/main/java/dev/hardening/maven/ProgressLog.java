package dev.hardening.maven;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import dev.hardening.core.gate.GateListener;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.HostRun;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.core.report.Sanitizer;

/**
 * One line per finished host, as hosts finish: {@code [12/200] web12 ok 1.4 s},
 * {@code [13/200] db3 FAIL 3 findings 2.1 s}, {@code [14/200] db4 ERROR 1 finding 120.0 s}. The count is
 * of the findings that block (FAILs at or above failOn, ERRORs when they fail the gate). Host names
 * come from policies and inventories and are printed sanitized.
 */
final class ProgressLog implements GateListener {
    private final Consumer<String> out;
    private final GateOptions options;
    private int total;
    private int finished;

    ProgressLog(Consumer<String> out, GateOptions options) {
        this.out = out;
        this.options = options;
    }

    @Override
    public synchronized void runStarted(int hosts) {
        total = hosts;
    }

    @Override
    public synchronized void hostFinished(HostRun run, List<Finding> findings) {
        finished++;
        out.accept(line(finished, total, run, findings));
    }

    String line(int index, int of, HostRun run, List<Finding> findings) {
        String seconds = String.format(Locale.ROOT, "%.1f s", run.durationMs() / 1000.0);
        String outcome = switch (run.verdict()) {
            case PASSED -> "ok";
            case FAILED -> "FAIL " + count(findings.stream().filter(f -> f.status() == Status.FAIL
                    && f.severity().isAtLeast(options.failOn())).count());
            case ERROR -> "ERROR " + count(findings.stream().filter(f -> f.status() == Status.ERROR).count());
        };
        return "[" + index + "/" + of + "] " + Sanitizer.line(run.host()) + " " + outcome + " " + seconds;
    }

    private static String count(long findings) {
        return findings + (findings == 1 ? " finding" : " findings");
    }
}
