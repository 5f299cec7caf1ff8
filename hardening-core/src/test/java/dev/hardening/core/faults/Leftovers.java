package dev.hardening.core.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.hardening.core.host.Watchdog;

/**
 * What a run may leave behind in this JVM: gate and sshj threads (the watchdog timer lives as long as
 * the JVM and is left out), open sockets (from /proc/self/fd) and child processes.
 */
record Leftovers(long threads, long sockets, long processes) {

    static Leftovers now() {
        long threads = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> (n.startsWith("hardening-") && !n.equals(Watchdog.THREAD_NAME)) || n.startsWith("sshj-"))
                .count();
        return new Leftovers(threads, openSockets(), ProcessHandle.current().children().count());
    }

    /** Waits up to {@code millis} for the count to fall to {@code baseline}; returns what is left over it. */
    static Leftovers over(Leftovers baseline, long millis) throws InterruptedException {
        long until = System.nanoTime() + millis * 1_000_000;
        Leftovers left;
        do {
            Leftovers now = now();
            left = new Leftovers(Math.max(0, now.threads - baseline.threads), Math.max(0, now.sockets - baseline.sockets),
                    Math.max(0, now.processes - baseline.processes));
            if (left.none()) {
                return left;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < until);
        return left;
    }

    boolean none() {
        return threads == 0 && sockets == 0 && processes == 0;
    }

    private static long openSockets() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException closedMeanwhile) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new IllegalStateException("/proc/self/fd is needed to count sockets", e);
        }
    }
}
