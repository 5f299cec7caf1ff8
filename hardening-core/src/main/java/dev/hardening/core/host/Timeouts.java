package dev.hardening.core.host;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on everything a host does over the network or in a command. Each bound is an overall
 * deadline enforced from outside the blocking call, not a per-read timeout.
 *
 * @param connect each phase of opening a connection: TCP connect, SSH banner, key exchange, authentication
 * @param command one command from start to exit
 * @param host one host from its first connection attempt to its last check
 * @param maxOutputBytes output kept per stream of one command; more is cut and marked truncated
 */
public record Timeouts(Duration connect, Duration command, Duration host, int maxOutputBytes) {
    public static final Duration DEFAULT_HOST = Duration.ofSeconds(120);
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), DEFAULT_HOST,
            4 << 20);

    public Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(host, "host");
        if (!positive(connect) || !positive(command) || !positive(host)) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxOutputBytes <= 0) {
            throw new IllegalArgumentException("maxOutputBytes must be positive");
        }
    }

    /** Bounds with the default host deadline, {@link #DEFAULT_HOST}. */
    public Timeouts(Duration connect, Duration command, int maxOutputBytes) {
        this(connect, command, DEFAULT_HOST, maxOutputBytes);
    }

    public Timeouts withConnect(Duration newConnect) {
        return new Timeouts(newConnect, command, host, maxOutputBytes);
    }

    public Timeouts withCommand(Duration newCommand) {
        return new Timeouts(connect, newCommand, host, maxOutputBytes);
    }

    public Timeouts withHost(Duration newHost) {
        return new Timeouts(connect, command, newHost, maxOutputBytes);
    }

    /** A duration as messages give it: {@code 2 s}, {@code 1.5 s}, {@code 250 ms}. */
    public static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    int connectMillis() {
        return (int) Math.min(Integer.MAX_VALUE, connect.toMillis());
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }
}
