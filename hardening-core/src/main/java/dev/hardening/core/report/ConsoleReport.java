package dev.hardening.core.report;

import java.util.ArrayList;
import java.util.List;

import dev.hardening.core.gate.GateResult;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;

/**
 * The readable summary: a table of host, check, status and message, then the details of each problem.
 * Every line is one line: host text goes through the {@link Sanitizer}, so it can neither break a line
 * (forging a log line) nor reach the terminal as a control sequence.
 */
public final class ConsoleReport {
    private static final int MESSAGE_WIDTH = 100;

    private ConsoleReport() {
    }

    public static List<String> render(GateResult result) {
        List<String> lines = new ArrayList<>();
        int hostWidth = Math.max(4, result.findings().stream().mapToInt(f -> Sanitizer.line(f.host()).length()).max()
                .orElse(4));
        int checkWidth = Math.max(5, result.findings().stream().mapToInt(f -> f.check().id().length()).max().orElse(5));
        String row = "%-" + hostWidth + "s  %-" + checkWidth + "s  %-7s  %-8s  %s";
        lines.add(String.format(row, "HOST", "CHECK", "STATUS", "SEVERITY", "MESSAGE"));
        for (Finding f : result.findings()) {
            lines.add(String.format(row, Sanitizer.line(f.host()), f.check().id(), f.status(), f.severity(),
                    shorten(Sanitizer.line(f.message()))));
        }
        for (Finding f : result.findings()) {
            if (f.status() == Status.FAIL || f.status() == Status.ERROR || f.status() == Status.WAIVED) {
                lines.add("");
                lines.add(problem(f));
                f.evidence().forEach(e -> lines.add("    evidence: " + Sanitizer.line(e)));
                if (!f.remediation().isEmpty()) {
                    lines.add("    fix: " + Sanitizer.line(f.remediation()));
                }
            }
        }
        result.waiverNotes().forEach(n -> lines.add("note: " + Sanitizer.line(n)));
        lines.add("");
        lines.add(summary(result));
        return lines;
    }

    /** One finding as one line: {@code FAIL web1 ssh.key-only: message}, safe for a terminal or a log. */
    /** How a BUILD FAILURE message lists a blocking finding: {@code web1 ssh.key-only FAIL: message}. */
    public static String blockingLine(Finding f) {
        return Sanitizer.line(f.host()) + " " + f.check().id() + " " + f.status() + ": " + Sanitizer.line(f.message());
    }

    public static String problem(Finding f) {
        return f.status() + " " + Sanitizer.line(f.host()) + " " + f.check().id() + ": " + Sanitizer.line(f.message());
    }

    public static String summary(GateResult result) {
        long count = result.findings().size();
        return "hardening gate " + (result.passed() ? "PASSED" : "FAILED") + ": " + count + " result(s), "
                + countOf(result, Status.PASS) + " pass, " + countOf(result, Status.FAIL) + " fail, "
                + countOf(result, Status.ERROR) + " error, " + countOf(result, Status.WAIVED) + " waived, "
                + countOf(result, Status.SKIPPED) + " skipped in " + result.durationMs() + " ms";
    }

    private static long countOf(GateResult result, Status status) {
        return result.findings().stream().filter(f -> f.status() == status).count();
    }

    private static String shorten(String message) {
        return message.length() <= MESSAGE_WIDTH ? message : message.substring(0, MESSAGE_WIDTH - 3) + "...";
    }
}
