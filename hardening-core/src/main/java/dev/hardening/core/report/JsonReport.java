package dev.hardening.core.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.hardening.core.gate.GateResult;
import dev.hardening.core.model.Finding;

/**
 * {@code hardening.json}, schema version 1.1 ({@code schemaVersion} 1, {@code schemaMinorVersion} 1, so
 * readers of version 1 keep working): version 1's fields, and per result the typed
 * {@code subject} ({@code kind} and its fields) and a {@code fingerprint} that stays the same across runs.
 */
public final class JsonReport {
    public static final String FILE_NAME = "hardening.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static Path write(GateResult result, Path reportDir) throws IOException {
        return ReportFiles.write(reportDir, FILE_NAME, render(result));
    }

    public static String render(GateResult result) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", 1);
        root.put("passed", result.passed());
        root.put("durationMs", result.durationMs());
        root.put("results", result.findings().stream().map(JsonReport::finding).toList());
        root.put("waiverNotes", result.waiverNotes().stream().map(Sanitizer::data).toList());
        root.put("schemaMinorVersion", 1);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("maps of strings always serialise", e);
        }
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
