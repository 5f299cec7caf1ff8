package dev.hardening.core.model;

import java.util.Locale;

/** How bad a failure is; declared from most to least severe. */
public enum Severity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW;

    /** True when this severity is as bad as {@code threshold} or worse. */
    public boolean isAtLeast(Severity threshold) {
        return compareTo(threshold) <= 0;
    }

    /** Parses a user-supplied severity such as {@code high}; the error lists the valid names. */
    public static Severity parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "unknown severity '" + text + "' (expected one of CRITICAL, HIGH, MEDIUM, LOW)");
        }
    }
}
