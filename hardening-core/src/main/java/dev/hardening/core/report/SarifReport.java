package dev.hardening.core.report;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;


import dev.hardening.core.gate.GateResult;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;

/**
 * {@code hardening.sarif}: SARIF 2.1.0 for code-scanning dashboards. Each check is a rule; each
 * FAIL, ERROR or WAIVED finding a result, located at the host (a logical location) and, when its typed
 * subject is written at a file and line on the host, at that file and line; a partial fingerprint from
 * the subject lets dashboards follow one finding across runs.
 */
public final class SarifReport {
    public static final String FILE_NAME = "hardening.sarif";
    private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private SarifReport() {
    }

    public static Path write(GateResult result, Path reportDir) throws IOException {
        return ReportFiles.write(reportDir, FILE_NAME, render(result));
    }

    public static String render(GateResult result) {
        return render(result, RunInfo.unknown());
    }

    public static String render(GateResult result, RunInfo info) {
        List<CheckId> rules = new ResultMatrix(result.findings()).checks();
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "hardening");
        driver.put("informationUri", "https://github.com/hardening-dev/hardening");
        driver.put("version", info.toolVersion());
        driver.put("rules", rules.stream().map(SarifReport::rule).toList());
        List<Map<String, Object>> results = new ArrayList<>();
        for (Finding f : result.findings()) {
            if (f.status() == Status.FAIL || f.status() == Status.ERROR || f.status() == Status.WAIVED) {
                results.add(result(f, rules.indexOf(f.check())));
            }
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("invocations", List.of(invocation(result, info)));
        run.put("results", results);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        log.put("runs", List.of(run));
        return JsonReport.toJson(log);
    }

    /** The run as SARIF's invocation: when, whether it passed, and the policy and options it ran with. */
    private static Map<String, Object> invocation(GateResult result, RunInfo info) {
        Map<String, Object> invocation = new LinkedHashMap<>();
        invocation.put("executionSuccessful", true);
        invocation.put("exitCode", result.verdict().exitCode());
        invocation.put("exitCodeDescription", result.verdict().name());
        invocation.put("startTimeUtc", result.started().toString());
        invocation.put("endTimeUtc", result.ended().toString());
        Map<String, Object> properties = new LinkedHashMap<>();
        info.policyPath().ifPresent(path -> properties.put("policy", Sanitizer.data(path)));
        info.policySha256().ifPresent(hash -> properties.put("policySha256", hash));
        properties.put("options", info.options());
        invocation.put("properties", properties);
        return invocation;
    }

    private static Map<String, Object> rule(CheckId check) {
        RuleHelp help = RuleHelp.of(check);
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", check.id());
        rule.put("shortDescription", Map.of("text", check.title()));
        rule.put("fullDescription", Map.of("text", help.description()));
        rule.put("help", Map.of("text", help.help()));
        return rule;
    }

    private static Map<String, Object> result(Finding f, int ruleIndex) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ruleId", f.check().id());
        out.put("ruleIndex", ruleIndex);
        out.put("level", f.status() == Status.ERROR ? "error" : level(f.severity()));
        out.put("message", Map.of("text", Sanitizer.line(f.message())
                + (f.remediation().isEmpty() ? "" : "\nFix: " + Sanitizer.line(f.remediation()))));
        Map<String, Object> location = new LinkedHashMap<>();
        configLine(f).ifPresent(physical -> location.put("physicalLocation", physical));
        out.put("partialFingerprints", Map.of("hardening/v1", f.fingerprint()));
        location.put("logicalLocations", List.of(Map.of("name", Sanitizer.line(f.host()), "kind", "resource")));
        out.put("locations", List.of(location));
        if (f.status() == Status.WAIVED) {
            out.put("suppressions", List.of(Map.of("kind", "external", "justification", Sanitizer.line(f.message()))));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("host", Sanitizer.line(f.host()));
        properties.put("status", f.status().name());
        properties.put("severity", f.severity().name());
        properties.put("evidence", f.evidence().stream().map(Sanitizer::line).toList());
        properties.put("remediation", Sanitizer.line(f.remediation()));
        out.put("properties", properties);
        return out;
    }

    private static Optional<Map<String, Object>> configLine(Finding f) {
        return f.subject().location().map(at -> {
            Map<String, Object> physical = new LinkedHashMap<>();
            physical.put("artifactLocation", Map.of("uri", fileUri(at.path())));
            if (at.line() > 0) {
                physical.put("region", Map.of("startLine", at.line()));
            }
            return physical;
        });
    }

    /**
     * The path on the host as a {@code file:} URI without authority (the host is the logical location):
     * percent-encoded, so a path with spaces, controls or {@code %} is still a valid URI reference.
     */
    static String fileUri(String path) {
        String data = Sanitizer.data(path);
        try {
            return new URI("file", "", data.startsWith("/") ? data : "/" + data, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("an absolute path with its illegal characters quoted is a URI", e);
        }
    }

    private static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "note";
        };
    }
}
