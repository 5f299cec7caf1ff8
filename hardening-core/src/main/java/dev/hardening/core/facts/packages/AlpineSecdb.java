package dev.hardening.core.facts.packages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Alpine's security database (the secdb JSON Alpine publishes per release and repository, e.g.
 * {@code v3.20/main.json}): for each package, the versions that fixed vulnerabilities and their ids.
 *
 * @param source where the copy came from, for evidence
 * @param fixes by package name, then by fixing version, the vulnerability ids
 */
public record AlpineSecdb(String source, Map<String, Map<String, List<String>>> fixes) {
    /** Version "0" lists vulnerabilities that never affected Alpine's package: nothing to install. */
    private static final String NEVER_AFFECTED = "0";

    public AlpineSecdb {
        Map<String, Map<String, List<String>>> copy = new LinkedHashMap<>();
        fixes.forEach((name, byVersion) -> copy.put(name, Map.copyOf(byVersion)));
        fixes = Map.copyOf(copy);
    }

    /**
     * Parses secdb JSON: {@code {"packages": [{"pkg": {"name": N, "secfixes": {VERSION: [ID...]}}}]}}.
     *
     * @throws IllegalArgumentException when the text is not JSON of that shape, or a version is not Alpine's
     */
    public static AlpineSecdb parse(String source, String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("packages").isArray()) {
            throw new IllegalArgumentException(source + " has no \"packages\" list: not an Alpine secdb file");
        }
        Map<String, Map<String, List<String>>> fixes = new LinkedHashMap<>();
        for (JsonNode entry : root.path("packages")) {
            JsonNode pkg = entry.path("pkg");
            if (!pkg.path("name").isTextual() || !pkg.path("secfixes").isObject()) {
                throw new IllegalArgumentException(source + ": a package entry without name or secfixes: " + entry);
            }
            Map<String, List<String>> byVersion = fixes.computeIfAbsent(pkg.path("name").asText(),
                    k -> new LinkedHashMap<>());
            pkg.path("secfixes").fields().forEachRemaining(fix -> {
                if (!fix.getKey().equals(NEVER_AFFECTED) && !ApkVersion.valid(fix.getKey())) {
                    throw new IllegalArgumentException(source + ": " + pkg.path("name").asText() + " lists '"
                            + fix.getKey() + "', which is not an Alpine version");
                }
                List<String> ids = new ArrayList<>();
                fix.getValue().forEach(id -> ids.add(id.asText()));
                byVersion.put(fix.getKey(), List.copyOf(ids));
            });
        }
        return new AlpineSecdb(source, fixes);
    }

    /** The fixes newer than {@code installed} up to {@code available}, as {@code VERSION: ID, ID} lines. */
    public List<String> fixesBetween(String name, String installed, String available) {
        List<String> lines = new ArrayList<>();
        fixes.getOrDefault(name, Map.of()).forEach((version, ids) -> {
            if (!version.equals(NEVER_AFFECTED) && ApkVersion.compare(version, installed) > 0
                    && ApkVersion.compare(version, available) <= 0) {
                lines.add(version + ": " + String.join(", ", ids));
            }
        });
        return lines;
    }
}
