package dev.hardening.core.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;

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
}
