package dev.hardening.core.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hardening.core.gate.GateResult;
import dev.hardening.core.gate.HostRun;
import dev.hardening.core.gate.Verdict;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;
import dev.hardening.core.model.Subject;

/**
 * Reads a {@code hardening.json} ({@link JsonReport}, schema version 1) back into a {@link GateResult}, e.g.
 * to merge the reports of CI matrix jobs. Fields it does not know are ignored, so a report of a newer
 * minor version reads; a missing or mistyped field it needs, an unknown status or subject kind, or a
 * newer major version is an {@link IOException} naming the file and the JSON path of the problem.
 * Per-host runs (schema 1.2's {@code hosts}, with each check's duration) and the start ({@code run.started})
 * are read when the report has them; {@code groups} are not read, the writers derive them from the findings.
 */
public final class JsonResultReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SCHEMA_VERSION = 1;

    private final Path file;
    private final Function<String, CheckId> checkIds;

    private JsonResultReader(Path file, Function<String, CheckId> checkIds) {
        this.file = file;
        this.checkIds = checkIds;
    }

    /**
     * Reads {@code file}. Check ids among {@code known} keep their titles; others get their id as title.
     * Without {@code run.started} (schema 1.0 and 1.1) the run is taken to have started {@code durationMs}
     * before the file was last written.
     */
    public static GateResult read(Path file, Collection<CheckId> known) throws IOException {
        Map<String, CheckId> byId = new LinkedHashMap<>();
        known.forEach(id -> byId.put(id.id(), id));
        byId.putIfAbsent(CheckId.HOST_CONNECTION.id(), CheckId.HOST_CONNECTION);
        return new JsonResultReader(file, byId::get).read();
    }

    private GateResult read() throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IOException(file + (at != null ? ":" + at.getLineNr() + ":" + at.getColumnNr() : "")
                    + ": not a hardening.json, the JSON does not parse: "
                    + e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source.*", ""));
        }
        if (root == null || !root.isObject()) {
            throw problem("$", "expected a JSON object (a hardening.json written by hardening:verify)");
        }
        int schema = integer(root, "$", "schemaVersion");
        if (schema != SCHEMA_VERSION) {
            throw problem("$.schemaVersion", "version " + schema + " is not read by this version of hardening (it "
                    + "reads version " + SCHEMA_VERSION + "); merge with the plugin version that wrote the report");
        }
        boolean passed = bool(root, "$", "passed");
        long durationMs = longValue(root, "$", "durationMs");
        List<Finding> findings = new ArrayList<>();
        JsonNode results = array(root, "$", "results");
        for (int i = 0; i < results.size(); i++) {
            findings.add(finding(results.get(i), "$.results[" + i + "]"));
        }
        List<String> notes = new ArrayList<>();
        JsonNode waiverNotes = root.get("waiverNotes");
        if (waiverNotes != null) {
            JsonNode list = array(root, "$", "waiverNotes");
            for (int i = 0; i < list.size(); i++) {
                notes.add(textOf(list.get(i), "$.waiverNotes[" + i + "]"));
            }
        }
        Instant started = root.hasNonNull("run") && root.get("run").hasNonNull("started")
                ? instant(root.get("run"), "$.run", "started")
                : Files.getLastModifiedTime(file).toInstant().minusMillis(durationMs);
        List<HostRun> hosts = root.has("hosts") ? hosts(array(root, "$", "hosts"), started) : List.of();
        Verdict verdict = passed ? Verdict.PASSED
                : findings.stream().anyMatch(f -> f.status() == Status.FAIL) ? Verdict.FAILED : Verdict.ERROR;
        return new GateResult(verdict, started, durationMs, findings, notes, hosts);
    }

    private Finding finding(JsonNode node, String path) throws IOException {
        if (!node.isObject()) {
            throw problem(path, "expected an object (one result)");
        }
        CheckId id = checkId(text(node, path, "check"), path + ".check");
        List<String> evidence = new ArrayList<>();
        JsonNode lines = array(node, path, "evidence");
        for (int i = 0; i < lines.size(); i++) {
            evidence.add(textOf(lines.get(i), path + ".evidence[" + i + "]"));
        }
        Subject subject = node.has("subject") ? subject(node.get("subject"), path + ".subject") : Subject.HOST;
        return new Finding(text(node, path, "host"), id, constant(Status.class, node, path, "status"),
                constant(Severity.class, node, path, "severity"), text(node, path, "message"), evidence,
                node.has("remediation") ? text(node, path, "remediation") : "", subject);
    }

    private CheckId checkId(String id, String path) throws IOException {
        CheckId known = checkIds.apply(id);
        if (known != null) {
            return known;
        }
        try {
            return CheckId.of(id, id);
        } catch (IllegalArgumentException e) {
            throw problem(path, e.getMessage());
        }
    }

    /** The subject from the fields {@link Subject#fields()} wrote; its key, hence the fingerprint, is the same. */
    private Subject subject(JsonNode node, String path) throws IOException {
        if (!node.isObject()) {
            throw problem(path, "expected an object with a kind");
        }
        String kind = text(node, path, "kind");
        return switch (kind) {
            case "host" -> Subject.HOST;
            case "port" -> port(node, path);
            case "file" -> new Subject.FileLine(text(node, path, "file"), lineNumber(node, path));
            case "package" -> new Subject.Package(text(node, path, "package"), optionalText(node, path, "installed"),
                    optionalText(node, path, "candidate"));
            case "certificate" -> new Subject.Certificate(text(node, path, "certificate"),
                    optionalText(node, path, "subject"), optionalText(node, path, "sha256"));
            case "rule" -> rule(node, path);
            case "setting" -> new Subject.Setting(text(node, path, "setting"), optionalText(node, path, "value"),
                    node.has("file") ? Optional.of(new Subject.FileLine(text(node, path, "file"), 0)) : Optional.empty());
            default -> throw problem(path + ".kind", "unknown subject kind '" + kind + "' (this version knows host, "
                    + "port, file, package, certificate, rule and setting); merge with the plugin version that "
                    + "wrote the report");
        };
    }

    private Subject port(JsonNode node, String path) throws IOException {
        String port = text(node, path, "port");
        int slash = port.indexOf('/');
        try {
            return new Subject.Port(Integer.parseInt(port.substring(0, Math.max(0, slash))), port.substring(slash + 1),
                    optionalText(node, path, "address"));
        } catch (NumberFormatException e) {
            throw problem(path + ".port", "'" + port + "' is not PORT/PROTOCOL such as 8080/tcp");
        }
    }

    private int lineNumber(JsonNode node, String path) throws IOException {
        String line = text(node, path, "line");
        try {
            return Integer.parseInt(line);
        } catch (NumberFormatException e) {
            throw problem(path + ".line", "'" + line + "' is not a line number");
        }
    }

    /** {@code rule} is written as "TABLE CHAIN[ RULE]"; any split that rejoins to it keeps the fingerprint. */
    private Subject rule(JsonNode node, String path) throws IOException {
        String rule = text(node, path, "rule");
        int space = rule.indexOf(' ');
        if (space < 0) {
            throw problem(path + ".rule", "'" + rule + "' is not TABLE CHAIN [RULE]");
        }
        return new Subject.Rule(rule.substring(0, space), rule.substring(space + 1), "");
    }

    private List<HostRun> hosts(JsonNode list, Instant runStarted) throws IOException {
        List<HostRun> hosts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "$.hosts[" + i + "]";
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                throw problem(path, "expected an object (one host's run)");
            }
            Map<CheckId, Long> checks = new LinkedHashMap<>();
            if (node.has("checks")) {
                JsonNode list2 = array(node, path, "checks");
                for (int j = 0; j < list2.size(); j++) {
                    String at = path + ".checks[" + j + "]";
                    JsonNode check = list2.get(j);
                    if (!check.isObject()) {
                        throw problem(at, "expected an object (one check's status and duration)");
                    }
                    if (check.hasNonNull("durationMs")) {
                        checks.put(checkId(text(check, at, "check"), at + ".check"), longValue(check, at, "durationMs"));
                    }
                }
            }
            hosts.add(new HostRun(text(node, path, "host"), node.has("address") ? text(node, path, "address") : "",
                    constant(Verdict.class, node, path, "verdict"),
                    node.has("started") ? instant(node, path, "started") : runStarted,
                    longValue(node, path, "durationMs"),
                    node.hasNonNull("os") ? Optional.of(text(node, path, "os")) : Optional.empty(), checks));
        }
        return hosts;
    }

    private <E extends Enum<E>> E constant(Class<E> type, JsonNode node, String path, String field) throws IOException {
        String value = text(node, path, field);
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw problem(path + "." + field, "'" + value + "' is not one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    private Instant instant(JsonNode node, String path, String field) throws IOException {
        String value = text(node, path, field);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw problem(path + "." + field, "'" + value + "' is not an ISO-8601 instant such as 2026-06-01T12:00:00Z");
        }
    }

    private String text(JsonNode node, String path, String field) throws IOException {
        return textOf(required(node, path, field), path + "." + field);
    }

    private String optionalText(JsonNode node, String path, String field) throws IOException {
        return node.has(field) ? text(node, path, field) : "";
    }

    private String textOf(JsonNode value, String path) throws IOException {
        if (!value.isTextual()) {
            throw problem(path, "expected a string, found " + describe(value));
        }
        return value.textValue();
    }

    private boolean bool(JsonNode node, String path, String field) throws IOException {
        JsonNode value = required(node, path, field);
        if (!value.isBoolean()) {
            throw problem(path + "." + field, "expected true or false, found " + describe(value));
        }
        return value.booleanValue();
    }

    private int integer(JsonNode node, String path, String field) throws IOException {
        JsonNode value = required(node, path, field);
        if (!value.isInt()) {
            throw problem(path + "." + field, "expected a whole number, found " + describe(value));
        }
        return value.intValue();
    }

    private long longValue(JsonNode node, String path, String field) throws IOException {
        JsonNode value = required(node, path, field);
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < 0) {
            throw problem(path + "." + field, "expected a whole number of milliseconds, found " + describe(value));
        }
        return value.longValue();
    }

    private JsonNode array(JsonNode node, String path, String field) throws IOException {
        JsonNode value = required(node, path, field);
        if (!value.isArray()) {
            throw problem(path + "." + field, "expected an array, found " + describe(value));
        }
        return value;
    }

    private JsonNode required(JsonNode node, String path, String field) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw problem(path + "." + field, "missing");
        }
        return value;
    }

    private static String describe(JsonNode value) {
        String text = value.toString();
        return Sanitizer.line(text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }

    private IOException problem(String path, String what) {
        return new IOException(file + ": " + path + ": " + what);
    }
}
