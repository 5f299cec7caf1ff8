package dev.hardening.core.policy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Binds {@code checks:} section by section to the record each registered family declares, so a
 * family's settings are read, checked and reported with file:line:col like every other key.
 */
final class ChecksSectionReader extends JsonDeserializer<ChecksConfig> {

    @Override
    public ChecksConfig deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!(ctxt.getAttribute(PolicySections.class) instanceof PolicySections sections)) {
            throw new IllegalStateException("checks: is read by PolicyLoader, which knows the registered families");
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return (ChecksConfig) ctxt.handleUnexpectedToken(ChecksConfig.class, p);
        }
        Map<String, Object> given = new LinkedHashMap<>();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            Optional<ConfigKey<?>> key = sections.section(name);
            if (key.isEmpty()) {
                throw UnrecognizedPropertyException.from(p, ChecksConfig.class, name,
                        new ArrayList<>(sections.sectionNames()));
            }
            p.nextToken();
            try {
                given.put(name, p.currentToken() == JsonToken.VALUE_NULL ? key.get().defaults()
                        : ctxt.readValue(p, key.get().type()));
            } catch (JsonMappingException e) {
                throw JsonMappingException.wrapWithPath(e, ChecksConfig.class, name);
            }
        }
        ChecksConfig config = ChecksConfig.DEFAULT;
        for (Map.Entry<String, Object> section : given.entrySet()) {
            config = withSection(config, sections.section(section.getKey()).orElseThrow(), section.getValue());
        }
        return config;
    }

    private static <C> ChecksConfig withSection(ChecksConfig config, ConfigKey<C> key, Object value) {
        return config.with(key, key.type().cast(value));
    }
}
