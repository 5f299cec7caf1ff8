package dev.hardening.core.host;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on everything a host does over the network or in a command.
 *
 * @param connect TCP connect, SSH handshake and authentication, each
 * @param command one command from start to exit
 * @param maxOutputBytes output kept per stream of one command; more is cut and marked truncated
 */
public record Timeouts(Duration connect, Duration command, int maxOutputBytes) {
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), 4 << 20);

    public Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(command, "command");
        if (connect.isNegative() || connect.isZero() || command.isNegative() || command.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxOutputBytes <= 0) {
            throw new IllegalArgumentException("maxOutputBytes must be positive");
        }
    }

    int connectMillis() {
        return (int) Math.min(Integer.MAX_VALUE, connect.toMillis());
    }
}
