package dev.hardening.core.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * The {@code checks:} section: each family's settings under its own key. An omitted family runs with
 * its defaults; which families exist is the registry's business, not this class's.
 */
@JsonDeserialize(using = ChecksSectionReader.class)
public final class ChecksConfig {
    public static final ChecksConfig DEFAULT = new ChecksConfig(Map.of());
    private final Map<String, Object> sections;

    private ChecksConfig(Map<String, Object> sections) {
        this.sections = Map.copyOf(sections);
    }

    /** The family's settings: as the policy gives them, or the family's defaults. */
    public <C> C get(ConfigKey<C> key) {
        Object given = sections.get(key.section());
        return given == null ? key.defaults() : key.type().cast(given);
    }

    /** These settings with one family's replaced. */
    public <C> ChecksConfig with(ConfigKey<C> key, C settings) {
        Objects.requireNonNull(settings, "settings");
        Map<String, Object> copy = new LinkedHashMap<>(sections);
        copy.put(key.section(), key.type().cast(settings));
        return new ChecksConfig(copy);
    }

    /** The sections the policy gives explicitly. */
    public Set<String> givenSections() {
        return sections.keySet();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChecksConfig that && sections.equals(that.sections);
    }

    @Override
    public int hashCode() {
        return sections.hashCode();
    }

    @Override
    public String toString() {
        return "ChecksConfig" + sections;
    }
}
