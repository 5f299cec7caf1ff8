package dev.hardening.core.facts.packages;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** apt's merged configuration as {@code apt-config dump} prints it: one {@code Key "value";} line per setting. */
public record AptConfig(Map<String, String> values) {
    private static final Pattern LINE = Pattern.compile("(\\S+) \"(.*)\";");

    public AptConfig {
        values = Map.copyOf(values);
    }

    /**
     * @throws IllegalArgumentException when a line is not {@code Key "value";}, naming it
     */
    public static AptConfig parse(String output) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("not apt-config dump output: '" + line.strip() + "'");
            }
            // list entries ("Key:: value") repeat their key; the settings read here are single values
            values.putIfAbsent(m.group(1), m.group(2));
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("apt-config dump printed nothing");
        }
        return new AptConfig(values);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The line as apt-config dump prints it, for evidence; says so when the key is not set. */
    public String evidence(String key) {
        return get(key).map(v -> key + " \"" + v + "\";").orElse("apt-config dump has no " + key);
    }
}
