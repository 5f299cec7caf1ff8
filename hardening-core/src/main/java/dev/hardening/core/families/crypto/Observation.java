package dev.hardening.core.families.crypto;

import java.util.Objects;

/**
 * What one source (the server on the wire, or {@code sshd -T}) told, or why it told nothing.
 *
 * @param <T> what the source tells when it can be read
 */
public sealed interface Observation<T> {

    /** Names the source in evidence, e.g. {@code wire 127.0.0.1:2222} or {@code sshd -T}. */
    String source();

    record Seen<T>(String source, T value) implements Observation<T> {
        public Seen {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(value, "value");
        }
    }

    record Unavailable<T>(String source, String reason) implements Observation<T> {
        public Unavailable {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(reason, "reason");
        }
    }

    static <T> Observation<T> seen(String source, T value) {
        return new Seen<>(source, value);
    }

    static <T> Observation<T> unavailable(String source, String reason) {
        return new Unavailable<>(source, reason);
    }
}
