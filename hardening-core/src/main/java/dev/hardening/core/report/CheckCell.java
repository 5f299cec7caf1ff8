package dev.hardening.core.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;

/**
 * One check on one host: the unit every report counts (a JUnit test case, a cell of the matrix, a line of
 * the summary). Its status is the worst of its findings: a FAIL beside an informational PASS is a FAIL,
 * and an informational PASS is never counted as a pass of its own.
 */
public record CheckCell(String host, CheckId check, List<Finding> findings) {
    private static final List<Status> PRECEDENCE = List.of(Status.FAIL, Status.ERROR, Status.WAIVED, Status.PASS,
            Status.SKIPPED);

    public CheckCell {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(check, "check");
        findings = List.copyOf(findings);
    }

    /** Every host x check cell with a finding, hosts in first-seen (policy) order, checks in run order. */
    public static List<CheckCell> of(List<Finding> findings) {
        Map<String, Map<CheckId, List<Finding>>> cells = new LinkedHashMap<>();
        for (Finding f : findings) {
            cells.computeIfAbsent(f.host(), h -> new LinkedHashMap<>())
                    .computeIfAbsent(f.check(), c -> new ArrayList<>()).add(f);
        }
        List<CheckCell> out = new ArrayList<>();
        cells.forEach((host, row) -> row.forEach((check, list) -> out.add(new CheckCell(host, check, list))));
        return out;
    }

    /** The first of FAIL, ERROR, WAIVED, PASS, SKIPPED present among the findings. */
    public Status status() {
        return statusOf(findings);
    }

    /** The problems of the cell, grouped (see {@link FindingGroup#of}). */
    public List<FindingGroup> problems() {
        return FindingGroup.of(findings);
    }

    static Status statusOf(List<Finding> findings) {
        return PRECEDENCE.stream().filter(s -> findings.stream().anyMatch(f -> f.status() == s)).findFirst()
                .orElse(Status.SKIPPED);
    }
}
