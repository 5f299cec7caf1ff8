package dev.hardening.core.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.core.model.Subject;

/** Findings grouped as the reports show them: hosts in policy order, each with its checks in run order. */
final class ResultMatrix {
    private final Map<String, Map<CheckId, List<Finding>>> cells = new LinkedHashMap<>();

    ResultMatrix(List<Finding> findings) {
        for (Finding f : findings) {
            cells.computeIfAbsent(f.host(), h -> new LinkedHashMap<>())
                    .computeIfAbsent(f.check(), c -> new ArrayList<>()).add(f);
        }
    }

    List<String> hosts() {
        return List.copyOf(cells.keySet());
    }

    /** Every check that has a finding on any host, in first-seen order. */
    List<CheckId> checks() {
        List<CheckId> out = new ArrayList<>();
        cells.values().forEach(row -> row.keySet().forEach(c -> {
            if (!out.contains(c)) {
                out.add(c);
            }
        }));
        return out;
    }

    Map<CheckId, List<Finding>> row(String host) {
        return cells.getOrDefault(host, Map.of());
    }

    List<Finding> cell(String host, CheckId check) {
        return row(host).getOrDefault(check, List.of());
    }

    /**
     * What the problems of a cell are about, counted by their subject's kind: {@code 37 package(s)},
     * {@code 2 port(s), 1 setting(s)}; empty for a single problem (its message says it) or none with a
     * subject of its own.
     */
    static String problemSubjects(List<Finding> findings) {
        if (findings.stream().filter(f -> f.status() == Status.FAIL || f.status() == Status.ERROR).count() < 2) {
            return "";
        }
        Map<String, Long> byKind = new LinkedHashMap<>();
        findings.stream().filter(f -> f.status() == Status.FAIL || f.status() == Status.ERROR)
                .filter(f -> !(f.subject() instanceof Subject.Host))
                .forEach(f -> byKind.merge(f.subject().kind(), 1L, Long::sum));
        return byKind.entrySet().stream().map(e -> e.getValue() + " " + e.getKey() + "(s)")
                .collect(Collectors.joining(", "));
    }

    static Status summary(List<Finding> findings) {
        return CheckCell.statusOf(findings);
    }
}
