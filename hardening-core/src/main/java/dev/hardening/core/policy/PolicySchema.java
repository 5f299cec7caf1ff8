package dev.hardening.core.policy;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
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

    @SuppressWarnings("unchecked")
    private static void collect(Map<String, Object> node, String prefix, List<String> keys) {
        Object properties = node.get("properties");
        if (properties instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = prefix + entry.getKey();
                keys.add(key);
                Map<String, Object> value = (Map<String, Object>) entry.getValue();
                Object items = value.get("items");
                collect(items instanceof Map<?, ?> ? (Map<String, Object>) items : value,
                        key + (items instanceof Map<?, ?> ? "[]." : "."), keys);
            }
        }
    }

    private static Map<String, Object> object(Class<?> type, PolicySections sections) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            // @JsonProperty cannot target a record component; Java puts it on the accessor
            if (component.getAccessor().isAnnotationPresent(JsonIgnore.class)) {
                continue;
            }
            JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
            String name = renamed != null ? renamed.value() : component.getName();
            Map<String, Object> schema = component.getType() == ChecksConfig.class ? checks(sections)
                    : of(component.getGenericType(), sections);
            JsonFormat format = component.getAccessor().getAnnotation(JsonFormat.class);
            if (format != null && List.of(format.with()).contains(JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)) {
                // the loader takes one item where a list of them belongs
                schema = Map.of("anyOf", List.of(schema.get("items"), schema));
            }
            properties.put(name, schema);
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
