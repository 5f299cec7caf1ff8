package dev.hardening.core.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A family's section of the policy's {@code checks:}: its name, the record it binds to and the
 * settings an omitted section stands for.
 *
 * @param section the key under {@code checks:} ({@code ssh}, {@code crypto}, {@code loginBanner})
 * @param type the record the section's YAML binds to (unknown keys and wrong types are policy errors)
 * @param defaults the settings when the policy leaves the section out
 */
public record ConfigKey<C>(String section, Class<C> type, C defaults) {
    private static final Pattern SECTION = Pattern.compile("[a-z][a-zA-Z0-9]*");

    public ConfigKey {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaults, "defaults");
        if (!SECTION.matcher(section).matches()) {
            throw new IllegalArgumentException("checks section '" + section + "' must be a lower camel case word");
        }
        if (!type.isInstance(defaults)) {
            throw new IllegalArgumentException("the defaults of checks section '" + section + "' are not a " + type);
        }
    }
}
