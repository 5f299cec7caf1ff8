package dev.hardening.core.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.GateResult;
import dev.hardening.core.gate.HostRun;
import dev.hardening.core.gate.Verdict;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;

/**
 * What a person reads after a gate run, in the order they read it: a table of hosts x checks with one
 * status per cell, then one block per check with problems, each host's findings grouped (37 pending
 * updates are one headline and one fix), then waiver warnings and the count of checks x hosts. Every
 * part is bounded, so a host with 300 updates or a gate of 50 hosts still fits a screen; the verbose
 * form adds every finding in full. Host text goes through the {@link Sanitizer}, so it can neither break
 * a line (forging a log line) nor reach the terminal as a control sequence.
 */
public final class ConsoleReport {
    /** The width the summary table is made to fit, abbreviating the check columns when needed. */
    public static final int WIDTH = 120;
    private static final int MESSAGE_WIDTH = 100;
    /** The most characters of host text on one line; a certificate or a command line can be any length. */
    private static final int TEXT_WIDTH = 240;
    private static final int HOST_WIDTH = 20;
    private static final int EVIDENCE_LINES = 2;
    private static final int MEMBERS_SHOWN = 1;
    private static final int FIXES_SHOWN = 2;
    private static final int HOSTS_SHOWN = 10;
    /** How many failing host/check lines a BUILD FAILURE message lists before "and N more". */
    private static final int CELLS_LISTED = 30;
    private static final String INDENT = "      ";
    private static final String MORE_IN_REPORTS = "verbose output and the reports show all";

    /** Whether a line is information or a warning the reader must act on (an expired or unused waiver). */
    public enum Level { INFO, WARNING }

    /** One line of the report and the level to log it at. */
    public record Line(Level level, String text) {
    }

    private ConsoleReport() {
    }

    /** The report without the per-finding detail: the summary table, grouped problems, warnings, the count. */
    public static List<String> render(GateResult result) {
        return render(result, false);
    }

    /** The report as plain lines; a warning line starts with {@code warning: }. */
    public static List<String> render(GateResult result, boolean verbose) {
        return lines(result, verbose).stream()
                .map(l -> l.level() == Level.WARNING ? "warning: " + l.text() : l.text()).toList();
    }

    /**
     * The report with a level per line, for a logger. {@code verbose} adds, after the grouped problems,
     * a row per finding and every problem in full, each evidence line and each fix.
     */
    public static List<Line> lines(GateResult result, boolean verbose) {
        List<Line> out = new ArrayList<>();
        List<CheckCell> cells = CheckCell.of(result.findings());
        table(result, cells).forEach(t -> out.add(info(t)));
        problemBlocks(cells, verbose).forEach(t -> out.add(info(t)));
        if (verbose) {
            out.add(info(""));
            everyFinding(result.findings()).forEach(t -> out.add(info(t)));
        }
        if (!result.waiverNotes().isEmpty()) {
            out.add(info(""));
        }
        result.waiverNotes().forEach(n -> out.add(new Line(Level.WARNING, Sanitizer.line(n))));
        out.add(info(""));
        out.add(info(summary(result)));
        return out;
    }

    /**
     * {@code hardening gate FAILED: 12 checks on 3 hosts: 9 passed, 2 failed, 1 error, 0 waived in 4.2 s},
     * then {@code ; 1 waiver warning} when a waiver expired or matched nothing.
     */
    public static String summary(GateResult result) {
        List<CheckCell> cells = CheckCell.of(result.findings());
        Map<Status, Long> counts = counts(cells);
        long skipped = counts.getOrDefault(Status.SKIPPED, 0L);
        return "hardening gate " + result.verdict() + ": " + plural(cells.size(), "check") + " on "
                + plural(hostNames(result, cells).size(), "host") + ": " + counts.getOrDefault(Status.PASS, 0L)
                + " passed, " + counts.getOrDefault(Status.FAIL, 0L) + " failed, "
                + plural(counts.getOrDefault(Status.ERROR, 0L), "error") + ", "
                + counts.getOrDefault(Status.WAIVED, 0L) + " waived" + (skipped == 0 ? "" : ", " + skipped + " skipped")
                + " in " + duration(result.durationMs())
                + (result.waiverNotes().isEmpty() ? "" : "; " + plural(result.waiverNotes().size(), "waiver warning"));
    }

    /**
     * Why a gate did not pass, for a build failure: a first line saying FAILED or ERROR and how many checks
     * block, then each blocking host/check once with what blocks it ({@code web1 packages.up-to-date: 37
     * updates pending}). Empty for a passed gate.
     */
    public static List<String> verdictLines(GateResult result, GateOptions options) {
        if (result.passed()) {
            return List.of();
        }
        Set<Finding> blocking = new HashSet<>(result.blocking(options));
        List<CheckCell> blocked = CheckCell.of(result.findings().stream().filter(blocking::contains).toList());
        long hosts = blocked.stream().map(CheckCell::host).distinct().count();
        List<String> out = new ArrayList<>();
        out.add(result.verdict() == Verdict.ERROR
                ? "hardening gate ERROR: " + plural(blocked.size(), "check") + " on " + plural(hosts, "host")
                        + " could not be decided (an ERROR fails the gate unless failOnError is false)"
                : "hardening gate FAILED: " + plural(blocked.size(), "check") + " on " + plural(hosts, "host")
                        + " did not pass");
        for (CheckCell cell : blocked.subList(0, Math.min(CELLS_LISTED, blocked.size()))) {
            List<FindingGroup> groups = cell.problems();
            FindingGroup first = groups.get(0);
            String what = (first.status() == Status.FAIL ? "" : first.status() + ": ")
                    + shorten(Sanitizer.line(first.title()), MESSAGE_WIDTH);
            out.add("  " + host(cell.host()) + " " + cell.check().id() + ": " + (groups.size() == 1 ? what
                    : cell.findings().size() + " problems: " + what + ", and " + (groups.size() - 1) + " more"));
        }
        if (blocked.size() > CELLS_LISTED) {
            out.add("  and " + (blocked.size() - CELLS_LISTED) + " more");
        }
        return out;
    }

    /** One finding as one line: {@code FAIL web1 ssh.key-only: message}, safe for a terminal or a log. */
    public static String problem(Finding f) {
        return f.status() + " " + Sanitizer.line(f.host()) + " " + f.check().id() + ": " + Sanitizer.line(f.message());
    }

    private static List<String> table(GateResult result, List<CheckCell> cells) {
        List<String> hosts = hostNames(result, cells);
        List<CheckId> checks = new ArrayList<>();
        cells.stream().map(CheckCell::check).filter(Predicate.not(checks::contains)).forEach(checks::add);
        Map<String, String> addresses = new LinkedHashMap<>();
        result.hosts().forEach(run -> addresses.put(run.host(), Sanitizer.line(run.address())));
        Map<String, Map<CheckId, Status>> status = new LinkedHashMap<>();
        cells.forEach(c -> status.computeIfAbsent(c.host(), h -> new LinkedHashMap<>()).put(c.check(), c.status()));

        List<String> hostColumn = new ArrayList<>(List.of("HOST"));
        hosts.forEach(h -> hostColumn.add(shorten(host(h), HOST_WIDTH)));
        List<String> addressColumn = new ArrayList<>(List.of("ADDRESS"));
        hosts.forEach(h -> addressColumn.add(shorten(addresses.getOrDefault(h, "-"), HOST_WIDTH)));
        List<String> resultColumn = new ArrayList<>(List.of("RESULT"));
        hosts.forEach(h -> resultColumn.add(hostCounts(cells.stream().filter(c -> c.host().equals(h)).toList())));
        int fixed = width(hostColumn) + 2 + (addresses.isEmpty() ? 0 : width(addressColumn) + 2) + width(resultColumn);
        Map<CheckId, String> headers = headers(checks, fixed);
        boolean abbreviated = headers.entrySet().stream().anyMatch(e -> !e.getValue().equals(e.getKey().id()));

        List<List<String>> columns = new ArrayList<>();
        List<Integer> gaps = new ArrayList<>();
        columns.add(hostColumn);
        gaps.add(2);
        if (!addresses.isEmpty()) {
            columns.add(addressColumn);
            gaps.add(2);
        }
        for (CheckId check : checks) {
            List<String> column = new ArrayList<>(List.of(headers.get(check)));
            hosts.forEach(h -> column.add(cellText(status.getOrDefault(h, Map.of()).get(check))));
            columns.add(column);
            gaps.add(abbreviated ? 1 : 2);
        }
        List<String> out = new ArrayList<>();
        for (int row = 0; row <= hosts.size(); row++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns.size(); c++) {
                line.append(pad(columns.get(c).get(row), width(columns.get(c)) + gaps.get(c)));
            }
            out.add(line.append(resultColumn.get(row)).toString().stripTrailing());
        }
        List<String> legend = new ArrayList<>();
        headers.forEach((check, header) -> {
            if (!header.equals(check.id())) {
                legend.add(header + " = " + check.id());
            }
        });
        out.addAll(wrap("  legend: ", legend));
        return out;
    }

    /** The entries after the label, comma-separated, on as many lines of {@link #WIDTH} as they need. */
    private static List<String> wrap(String label, List<String> entries) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(label);
        for (String entry : entries) {
            boolean first = line.length() == label.length();
            if (!first && line.length() + 2 + entry.length() > WIDTH) {
                lines.add(line.append(',').toString());
                line = new StringBuilder(" ".repeat(label.length()));
                first = true;
            }
            line.append(first ? "" : ", ").append(entry);
        }
        if (!entries.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Each check's full id as its column header, or short codes ({@code ssh.ko}) when the ids do not fit. */
    private static Map<CheckId, String> headers(List<CheckId> checks, int fixedWidth) {
        Map<CheckId, String> headers = new LinkedHashMap<>();
        int full = checks.stream().mapToInt(c -> Math.max(6, c.id().length()) + 2).sum();
        Set<String> used = new HashSet<>();
        for (CheckId check : checks) {
            String header = fixedWidth + full <= WIDTH ? check.id() : abbreviation(check);
            String unique = header;
            for (int n = 2; !used.add(unique); n++) {
                unique = header + n;
            }
            headers.put(check, unique);
        }
        return headers;
    }

    /** {@code ssh.key-only} -> {@code ssh.ko}, {@code packages.up-to-date} -> {@code pac.ud}, {@code tls.chain} -> {@code tls.ch}. */
    static String abbreviation(CheckId check) {
        String prefix = check.prefix();
        String name = check.id().substring(Math.min(check.id().length(), prefix.length() + 1));
        String[] words = name.split("-");
        String shortName = words.length == 1 ? name.substring(0, Math.min(2, name.length()))
                : words[0].substring(0, Math.min(1, words[0].length())) + words[words.length - 1].substring(0,
                        Math.min(1, words[words.length - 1].length()));
        return prefix.substring(0, Math.min(3, prefix.length())) + "." + shortName;
    }

    private static String cellText(Status status) {
        if (status == null) {
            return "-";
        }
        return status == Status.SKIPPED ? "SKIP" : status.name();
    }

    /** {@code 7 passed, 1 failed, 1 error}: the statuses the host has, with their counts. */
    private static String hostCounts(List<CheckCell> cells) {
        Map<Status, Long> counts = counts(cells);
        StringBuilder out = new StringBuilder();
        appendCount(out, counts.getOrDefault(Status.PASS, 0L), "passed");
        appendCount(out, counts.getOrDefault(Status.FAIL, 0L), "failed");
        appendCount(out, counts.getOrDefault(Status.ERROR, 0L), counts.getOrDefault(Status.ERROR, 0L) == 1 ? "error" : "errors");
        appendCount(out, counts.getOrDefault(Status.WAIVED, 0L), "waived");
        appendCount(out, counts.getOrDefault(Status.SKIPPED, 0L), "skipped");
        return out.toString();
    }

    private static void appendCount(StringBuilder out, long count, String word) {
        if (count > 0) {
            out.append(out.isEmpty() ? "" : ", ").append(count).append(' ').append(word);
        }
    }

    /** Per check with problems: its hosts' grouped findings, bounded unless verbose (the full list follows then). */
    private static List<String> problemBlocks(List<CheckCell> cells, boolean verbose) {
        Map<CheckId, List<CheckCell>> byCheck = new LinkedHashMap<>();
        cells.stream().filter(c -> !c.problems().isEmpty())
                .forEach(c -> byCheck.computeIfAbsent(c.check(), k -> new ArrayList<>()).add(c));
        List<String> out = new ArrayList<>();
        if (!byCheck.isEmpty()) {
            out.add("");
        }
        // per host, the evidence and fixes printed so far: the same firewall error under two checks is shown once
        Map<String, Set<String>> printed = new HashMap<>();
        byCheck.forEach((check, withProblems) -> {
            out.add(check.id() + " (" + check.title() + "): " + hostsByStatus(withProblems));
            int shown = verbose ? withProblems.size() : Math.min(HOSTS_SHOWN, withProblems.size());
            for (CheckCell cell : withProblems.subList(0, shown)) {
                Set<String> seen = verbose ? new HashSet<>() : printed.computeIfAbsent(cell.host(), h -> new HashSet<>());
                cell.problems().forEach(group -> out.addAll(group(group, verbose, seen)));
            }
            if (shown < withProblems.size()) {
                out.add("  and " + plural(withProblems.size() - shown, "more host") + " with problems in "
                        + check.id() + ": " + MORE_IN_REPORTS);
            }
        });
        return out;
    }

    /** {@code FAIL on web1, web2; ERROR on db1}, at most ten names per status. */
    private static String hostsByStatus(List<CheckCell> cells) {
        Map<Status, List<String>> byStatus = new LinkedHashMap<>();
        cells.forEach(c -> byStatus.computeIfAbsent(c.status(), s -> new ArrayList<>()).add(host(c.host())));
        return byStatus.entrySet().stream().map(e -> {
            List<String> names = e.getValue();
            String listed = String.join(", ", names.subList(0, Math.min(HOSTS_SHOWN, names.size())));
            return e.getKey() + " on " + listed + (names.size() > HOSTS_SHOWN ? " and " + (names.size() - HOSTS_SHOWN)
                    + " more" : "");
        }).collect(Collectors.joining("; "));
    }

    /**
     * A group: its headline, the evidence its members share, the first member's own evidence, the fixes;
     * at most two lines of each, the last saying how many more there are, and none already {@code seen}
     * for the host.
     */
    private static List<String> group(FindingGroup group, boolean verbose, Set<String> seen) {
        List<String> out = new ArrayList<>();
        out.add("  " + host(group.host()) + "  " + group.status() + " " + group.severity() + "  "
                + shorten(Sanitizer.line(group.headline()), TEXT_WIDTH * 2));
        out.addAll(bounded("evidence: ", group.sharedEvidence(), verbose ? Integer.MAX_VALUE : EVIDENCE_LINES, "line",
                "lines", seen));
        if (!group.isSingle() && !verbose) {
            List<Finding> members = group.members();
            List<String> own = group.ownEvidence(members.get(0));
            if (!own.isEmpty()) {
                out.add(INDENT + "- " + text(own.get(0)) + " (+" + (members.size() - MEMBERS_SHOWN) + " more: "
                        + MORE_IN_REPORTS + ")");
            }
        }
        List<String> fixes = group.fixes(verbose ? Integer.MAX_VALUE : FindingGroup.LISTED);
        out.addAll(verbose ? fixes.stream().map(f -> INDENT + "fix: " + Sanitizer.line(f)).toList()
                : bounded("fix: ", fixes, FIXES_SHOWN, "fix", "fixes", seen));
        return out;
    }

    /**
     * The first {@code limit} of the items not {@code seen} yet as lines with the label, the last one saying
     * how many more there are; the items shown become seen.
     */
    private static List<String> bounded(String label, List<String> all, int limit, String one, String many,
            Set<String> seen) {
        List<String> items = all.stream().filter(Predicate.not(seen::contains)).toList();
        List<String> out = new ArrayList<>();
        int shown = Math.min(limit, items.size());
        seen.addAll(items.subList(0, shown));
        for (int i = 0; i < shown; i++) {
            String more = i == shown - 1 && shown < items.size()
                    ? " (+" + plural(items.size() - shown, "more " + one, "more " + many) + ": " + MORE_IN_REPORTS + ")"
                    : "";
            out.add(INDENT + label + text(items.get(i)) + more);
        }
        return out;
    }

    /** The verbose part: a row per finding, then every problem with all its evidence and its whole fix. */
    private static List<String> everyFinding(List<Finding> findings) {
        List<String> lines = new ArrayList<>();
        int hostWidth = Math.max(4, findings.stream().mapToInt(f -> Sanitizer.line(f.host()).length()).max().orElse(4));
        int checkWidth = Math.max(5, findings.stream().mapToInt(f -> f.check().id().length()).max().orElse(5));
        String row = "%-" + hostWidth + "s  %-" + checkWidth + "s  %-7s  %-8s  %s";
        lines.add(String.format(row, "HOST", "CHECK", "STATUS", "SEVERITY", "MESSAGE"));
        for (Finding f : findings) {
            lines.add(String.format(row, Sanitizer.line(f.host()), f.check().id(), f.status(), f.severity(),
                    shorten(Sanitizer.line(f.message()), MESSAGE_WIDTH)));
        }
        for (Finding f : findings) {
            if (FindingGroup.isProblem(f.status())) {
                lines.add("");
                lines.add(problem(f));
                f.evidence().forEach(e -> lines.add("    evidence: " + Sanitizer.line(e)));
                if (!f.remediation().isEmpty()) {
                    lines.add("    fix: " + Sanitizer.line(f.remediation()));
                }
            }
        }
        return lines;
    }

    private static List<String> hostNames(GateResult result, List<CheckCell> cells) {
        List<String> hosts = new ArrayList<>(result.hosts().stream().map(HostRun::host).toList());
        cells.stream().map(CheckCell::host).filter(Predicate.not(hosts::contains)).distinct().forEach(hosts::add);
        return hosts;
    }

    private static Map<Status, Long> counts(List<CheckCell> cells) {
        return cells.stream().collect(Collectors.groupingBy(CheckCell::status, Collectors.counting()));
    }

    private static Line info(String text) {
        return new Line(Level.INFO, text);
    }

    private static String host(String name) {
        return Sanitizer.line(name);
    }

    /** Host text made safe and bounded to one screen line's worth. */
    private static String text(String hostText) {
        return shorten(Sanitizer.line(hostText), TEXT_WIDTH);
    }

    private static String shorten(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        int end = width - 3;
        // never split a surrogate pair, which would leave half a character in the output
        return text.substring(0, Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end) + "...";
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    private static int width(List<String> column) {
        return column.stream().mapToInt(String::length).max().orElse(0);
    }

    private static String plural(long count, String word) {
        return plural(count, word, word + "s");
    }

    private static String plural(long count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }

    private static String duration(long ms) {
        return ms < 1000 ? ms + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
