package dev.hardening.core.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.hardening.core.gate.GateResult;
import dev.hardening.core.gate.HostRun;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;

/**
 * {@code hardening.json}, schema version 1.2 ({@code schemaVersion} 1, {@code schemaMinorVersion} 2, so
 * readers of version 1 keep working): version 1's fields; since 1.1 per result the typed {@code subject}
 * and a {@code fingerprint} that stays the same across runs; since 1.2 the {@code verdict}, the
 * {@code run} (tool version, start and end, policy file and hash, gate options), per host its address, OS,
 * verdict and durations, and the {@code groups} the other reports show, naming their members by index
 * into {@code results}. docs/reports.md describes every field.
 */
public final class JsonReport {
    public static final String FILE_NAME = "hardening.json";
    static final int MINOR_VERSION = 2;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static Path write(GateResult result, Path reportDir) throws IOException {
        return ReportFiles.write(reportDir, FILE_NAME, render(result));
    }

    public static String render(GateResult result) {
        return render(result, RunInfo.unknown());
    }

    public static String render(GateResult result, RunInfo run) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", 1);
        root.put("passed", result.passed());
        root.put("durationMs", result.durationMs());
        root.put("results", result.findings().stream().map(JsonReport::finding).toList());
        root.put("waiverNotes", result.waiverNotes().stream().map(Sanitizer::data).toList());
        root.put("schemaMinorVersion", MINOR_VERSION);
        root.put("verdict", result.verdict().name());
        root.put("run", run(result, run));
        List<CheckCell> cells = CheckCell.of(result.findings());
        root.put("hosts", result.hosts().stream().map(h -> host(h, cells)).toList());
        root.put("groups", groups(result.findings(), cells));
        return toJson(root);
    }

    static String toJson(Object tree) {
        try {
            return JSON.writeValueAsString(tree) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("maps of strings always serialise", e);
        }
    }

    private static Map<String, Object> run(GateResult result, RunInfo run) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("toolVersion", run.toolVersion());
        out.put("started", result.started().toString());
        out.put("ended", result.ended().toString());
        out.put("policy", run.policyPath().map(Sanitizer::data).orElse(null));
        out.put("policySha256", run.policySha256().orElse(null));
        out.put("options", run.options());
        return out;
    }

    private static Map<String, Object> host(HostRun host, List<CheckCell> cells) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("host", Sanitizer.data(host.host()));
        out.put("address", Sanitizer.data(host.address()));
        out.put("os", host.os().map(Sanitizer::data).orElse(null));
        out.put("verdict", host.verdict().name());
        out.put("started", host.started().toString());
        out.put("durationMs", host.durationMs());
        Map<CheckId, Map<String, Object>> checks = new LinkedHashMap<>();
        cells.stream().filter(c -> c.host().equals(host.host())).forEach(c -> checks.put(c.check(), check(c.check(),
                Optional.of(c), host)));
        host.checkDurationsMs().keySet().forEach(id -> checks.computeIfAbsent(id, c -> check(c, Optional.empty(), host)));
        out.put("checks", List.copyOf(checks.values()));
        return out;
    }

    private static Map<String, Object> check(CheckId check, Optional<CheckCell> cell, HostRun host) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("check", check.id());
        out.put("status", cell.map(c -> c.status().name()).orElse(null));
        out.put("durationMs", host.checkDurationsMs().get(check));
        return out;
    }

    private static List<Map<String, Object>> groups(List<Finding> findings, List<CheckCell> cells) {
        Map<Finding, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < findings.size(); i++) {
            index.put(findings.get(i), i);
        }
        return cells.stream().flatMap(c -> c.problems().stream()).map(g -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("host", Sanitizer.data(g.host()));
            out.put("check", g.check().id());
            out.put("status", g.status().name());
            out.put("severity", g.severity().name());
            out.put("headline", Sanitizer.data(g.headline()));
            out.put("sharedEvidence", g.sharedEvidence().stream().map(Sanitizer::data).toList());
            out.put("fixes", g.fixes().stream().map(Sanitizer::data).toList());
            out.put("members", g.members().stream().map(index::get).toList());
            return out;
        }).toList();
    }

    private static Map<String, Object> finding(Finding f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("host", Sanitizer.data(f.host()));
        out.put("check", f.check().id());
        out.put("status", f.status().name());
        out.put("severity", f.severity().name());
        out.put("message", Sanitizer.data(f.message()));
        out.put("evidence", f.evidence().stream().map(Sanitizer::data).toList());
        out.put("remediation", Sanitizer.data(f.remediation()));
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("kind", f.subject().kind());
        f.subject().fields().forEach((field, value) -> subject.put(field, Sanitizer.data(value)));
        out.put("subject", subject);
        out.put("fingerprint", f.fingerprint());
        return out;
    }
}
