package dev.hardening.core.gather;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one pool every host of the process gathers side work on (a second script, TLS handshakes, wire
 * probes), instead of a pool per host. Bounded; its daemon threads end after a second without work,
 * so a finished run leaves none behind.
 */
final class GatherThreads {
    static final int MAX_THREADS = 64;
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService POOL = create();

    private GatherThreads() {
    }

    static ExecutorService pool() {
        return POOL;
    }

    private static ExecutorService create() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 1, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "hardening-facts-" + COUNT.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
