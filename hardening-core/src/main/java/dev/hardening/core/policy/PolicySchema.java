package dev.hardening.core.policy;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The JSON Schema of the policy file, made from the records the loader binds (and each registered
 * family's settings record), so that a key the loader reads is never missing from it. Editors take it
 * through {@code # yaml-language-server: $schema=...}; the repository keeps a copy its tests compare.
 */
public final class PolicySchema {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    /** Keys the loader's records cannot say they need (their constructors check them). */
    private static final Map<Class<?>, List<String>> REQUIRED = Map.of(
            HostSpec.class, List.of("address"),
            Waiver.class, List.of("check", "reason", "expires"));
    /** What a waiver names at least one of. */
    private static final List<String> WAIVER_SUBJECTS = List.of("match", "port", "package", "file", "setting",
            "rule", "certificate");

    private PolicySchema() {
    }

    /** The schema as JSON text, with the sections of these families under {@code checks:}. */
    public static String generate(PolicySections sections) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        schema.put("title", "hardening policy");
        schema.putAll(object(PolicyLoader.Document.class, sections));
        try {
            return JSON.writeValueAsString(schema) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings always serialise", e);
        }
    }

    /** Every key path the schema knows, such as {@code hosts[].address} or {@code checks.crypto.forbiddenMacs}. */
    public static List<String> keys(PolicySections sections) {
        List<String> keys = new ArrayList<>();
        collect(object(PolicyLoader.Document.class, sections), "", keys);
        return keys;
    }

    /**
     * The keys of the object's properties, and of the named entries of a mapping such as {@code groups}
     * ({@code groups.<name>.hosts}); a property that refers to another's schema is documented there.
     */
    @SuppressWarnings("unchecked")
    private static void collect(Map<String, Object> node, String prefix, List<String> keys) {
        Object properties = node.get("properties");
        if (properties instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Map<String, Object> value = (Map<String, Object>) entry.getValue();
                if (value.containsKey("$ref")) {
                    continue;
                }
                String key = prefix + entry.getKey();
                keys.add(key);
                Object items = value.get("items");
                collect(items instanceof Map<?, ?> ? (Map<String, Object>) items : value,
                        key + (items instanceof Map<?, ?> ? "[]." : "."), keys);
            }
        }
        if (node.get("additionalProperties") instanceof Map<?, ?> named && named.containsKey("properties")) {
            collect((Map<String, Object>) named, prefix + "<name>.", keys);
        }
    }

    private static Map<String, Object> object(Class<?> type, PolicySections sections) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            // @JsonProperty cannot target a record component; Java puts it on the accessor
            JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
            String name = renamed != null ? renamed.value() : component.getName();
            properties.put(name, switch (name) {
                case "defaults" -> hostFields(Map.of(), "host fields every host takes unless a group or the host "
                        + "sets them");
                case "groups" -> groups();
                default -> component.getType() == ChecksConfig.class ? checks(sections)
                        : of(component.getGenericType(), sections);
            });
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "object");
        out.put("properties", properties);
        out.put("additionalProperties", false);
        List<String> required = REQUIRED.getOrDefault(type, List.of());
        if (!required.isEmpty()) {
            out.put("required", required);
        }
        if (type == Waiver.class) {
            out.put("anyOf", WAIVER_SUBJECTS.stream().map(k -> Map.of("required", List.of(k))).toList());
        }
        if (type == TlsEndpoint.class) {
            out.put("anyOf", List.of(Map.of("required", List.of("port")), Map.of("required", List.of("file"))));
        }
        return out;
    }

    /**
     * An object of host fields (all but {@code name} and {@code address}), each referring to the schema of
     * the same key of a {@code hosts:} entry, so a field added to hosts is a field of defaults and groups too.
     */
    private static Map<String, Object> hostFields(Map<String, Object> own, String description) {
        Map<String, Object> properties = new LinkedHashMap<>(own);
        for (RecordComponent component : HostSpec.class.getRecordComponents()) {
            if (!component.getName().equals("name") && !component.getName().equals("address")) {
                properties.put(component.getName(), Map.of("$ref", "#/properties/hosts/items/properties/"
                        + component.getName()));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "object");
        out.put("description", description);
        out.put("properties", properties);
        out.put("additionalProperties", false);
        return out;
    }

    /** {@code groups:}: named groups, each with member patterns, host fields and checks overrides. */
    private static Map<String, Object> groups() {
        Map<String, Object> own = new LinkedHashMap<>();
        own.put("hosts", Map.of("type", "array", "minItems", 1, "items", Map.of("type", "string", "minLength", 1),
                "description", "the group's members: host names or globs (web*)"));
        own.put("checks", Map.of("$ref", "#/properties/checks"));
        Map<String, Object> group = hostFields(own, "host fields and checks overrides for the group's members");
        group.put("required", List.of("hosts"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "object");
        out.put("additionalProperties", group);
        return out;
    }

    private static Map<String, Object> checks(PolicySections sections) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String section : sections.sectionNames()) {
            properties.put(section, object(sections.section(section).orElseThrow().type(), sections));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "object");
        out.put("properties", properties);
        // a family a plugin dependency registers brings a section this schema cannot know; the loader checks it
        out.put("additionalProperties", Map.of("type", "object"));
        return out;
    }

    private static Map<String, Object> of(Type type, PolicySections sections) {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            return Map.of("type", "array", "items", of(list.getActualTypeArguments()[0], sections));
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            return Map.of("type", "string");
        }
        if (raw == Integer.class || raw == int.class) {
            return Map.of("type", "integer");
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return Map.of("type", "boolean");
        }
        if (raw.isEnum()) {
            // YAML 1.1 reads an unquoted no as false, and the loader takes it as "no"
            List<Object> values = new ArrayList<>(Arrays.stream(raw.getEnumConstants()).map(String::valueOf).toList());
            if (values.contains("no")) {
                values.add(false);
            }
            if (values.contains("prohibit-password")) {
                values.add("without-password"); // OpenSSH's old name, which sshd -T still prints
            }
            return Map.of("enum", values);
        }
        if (raw.isRecord()) {
            return object(raw, sections);
        }
        throw new IllegalArgumentException("the policy schema has no JSON type for " + raw.getName());
    }
}
