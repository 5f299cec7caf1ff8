package dev.hardening.core.host;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one timer that enforces deadlines from outside a blocking call: when time is up it closes the
 * socket (or ends the connection) the call is blocked on, because a read timeout bounds each read,
 * never a peer that trickles one byte at a time.
 */
public final class Watchdog {
    /** The thread's name; it lives as long as the JVM, so leak counts leave it out. */
    public static final String THREAD_NAME = "hardening-watchdog";

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, THREAD_NAME);
        thread.setDaemon(true);
        return thread;
    });

    private Watchdog() {
    }

    /** Runs {@code action} once {@code delay} has passed, unless the returned future is cancelled first. */
    public static ScheduledFuture<?> after(Duration delay, Runnable action) {
        return TIMER.schedule(action, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }
}
