package dev.hardening.core.host;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The time one host may take, from its first connection attempt to its last check. The connections
 * opened while {@link #within} runs register here, so {@link #expire()} can end them from outside:
 * whatever call a server holds blocked fails at once, and the thread running the host gets free.
 */
public final class HostDeadline {
    private static final ThreadLocal<HostDeadline> CURRENT = new ThreadLocal<>();

    private final Duration limit;
    private final long startNanos = System.nanoTime();
    private final Set<Closeable> connections = ConcurrentHashMap.newKeySet();
    private volatile String activity = "running the checks";
    private volatile boolean expired;

    private HostDeadline(Duration limit) {
        this.limit = limit;
    }

    public static HostDeadline start(Duration limit) {
        return new HostDeadline(limit);
    }

    /** Runs {@code work} on this thread with this deadline watching the connections it opens. */
    public <T> T within(Callable<T> work) throws Exception {
        HostDeadline outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.call();
        } finally {
            CURRENT.set(outer);
        }
    }

    /** Work that throws one kind of exception. */
    @FunctionalInterface
    interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code work} with no host's deadline watching what it opens: a bastion connection serves every
     * host behind it, so one host's time running out must not close it under the others.
     */
    static <T, E extends Exception> T shared(Work<T, E> work) throws E {
        HostDeadline outer = CURRENT.get();
        CURRENT.remove();
        try {
            return work.run();
        } finally {
            CURRENT.set(outer);
        }
    }

    /** {@code task} as it runs on another thread, under the deadline of the host this thread works on (if any). */
    public static Runnable carried(Runnable task) {
        HostDeadline deadline = CURRENT.get();
        if (deadline == null) {
            return task;
        }
        return () -> {
            HostDeadline outer = CURRENT.get();
            CURRENT.set(deadline);
            try {
                task.run();
            } finally {
                CURRENT.set(outer);
            }
        };
    }

    /** The deadline of the host this thread works on, if the gate set one. */
    static Optional<HostDeadline> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    public Duration limit() {
        return limit;
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** What the host was doing last, for the message when time runs out. */
    public String activity() {
        return activity;
    }

    void doing(String what) {
        activity = what;
    }

    void watch(Closeable connection) {
        connections.add(connection);
        if (expired) {
            closeQuietly(connection);
        }
    }

    void release(Closeable connection) {
        connections.remove(connection);
    }

    public boolean expired() {
        return expired;
    }

    /** Time is up: every connection of the host is closed, and any opened later is closed at once. */
    public void expire() {
        expired = true;
        connections.forEach(HostDeadline::closeQuietly);
    }

    private static void closeQuietly(Closeable connection) {
        try {
            connection.close();
        } catch (IOException | RuntimeException e) {
            // the blocked call fails either way, which is the point
        }
    }
}
