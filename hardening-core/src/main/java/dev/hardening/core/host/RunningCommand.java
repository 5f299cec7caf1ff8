package dev.hardening.core.host;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A command started on some host, seen the same way whether it is a local process, an SSH channel
 * or a container exec, so that bounding its time and output is written once.
 */
public interface RunningCommand {
    InputStream stdout();

    InputStream stderr();

    /** Waits for the exit; false when it did not exit in time. */
    boolean awaitExit(long timeout, TimeUnit unit) throws HostException;

    /** The exit status, or -1 when there is none (killed by a signal). */
    int exitStatus();

    /** Stops the command if it still runs and releases what it holds. */
    void release();

    /** Collects the output of {@code command} within the host's bounds. */
    static CommandResult collect(String hostName, String command, RunningCommand running, Timeouts timeouts)
            throws HostException {
        RawOutput raw = collectRaw(hostName, running, timeouts.command(), timeouts.maxOutputBytes());
        if (raw.timedOut()) {
            throw new HostException("command timed out after " + timeouts.command().toSeconds() + " s on "
                    + hostName + ": " + command);
        }
        return new CommandResult(command, raw.exitStatus(), new String(raw.stdout(), StandardCharsets.UTF_8),
                raw.stderr(), raw.truncated());
    }

    /**
     * What a command printed, as bytes, and how it ended.
     *
     * @param timedOut true when it was stopped at its deadline; the output is what arrived before
     */
    record RawOutput(byte[] stdout, String stderr, int exitStatus, boolean truncated, boolean timedOut) {
    }

    /**
     * Collects at most {@code maxBytes} per stream until the command exits or {@code limit} passes; a
     * command still running then is stopped, and what it printed so far is kept.
     */
    static RawOutput collectRaw(String hostName, RunningCommand running, Duration limit, int maxBytes)
            throws HostException {
        long deadline = System.nanoTime() + limit.toNanos();
        BoundedCapture out = BoundedCapture.start(running.stdout(), maxBytes, "stdout " + hostName);
        BoundedCapture err = BoundedCapture.start(running.stderr(), maxBytes, "stderr " + hostName);
        boolean exited;
        try {
            exited = running.awaitExit(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (HostException e) {
            running.release();
            throw e;
        }
        if (!exited) {
            running.release();
            // the streams end once the command is stopped; what they carried until then stands
            return new RawOutput(out.awaitBytes(STOPPED_GRACE_MILLIS), err.await(STOPPED_GRACE_MILLIS), -1,
                    out.truncated() || err.truncated(), true);
        }
        long leftMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        byte[] stdout = out.awaitBytes(leftMillis);
        String stderr = err.await(leftMillis);
        running.release();
        return new RawOutput(stdout, stderr, running.exitStatus(), out.truncated() || err.truncated(), false);
    }

    /** How long the output of a stopped command may take to drain. */
    long STOPPED_GRACE_MILLIS = 1000;
}
