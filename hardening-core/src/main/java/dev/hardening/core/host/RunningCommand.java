package dev.hardening.core.host;

import java.io.InputStream;
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
        long deadline = System.nanoTime() + timeouts.command().toNanos();
        BoundedCapture out = BoundedCapture.start(running.stdout(), timeouts.maxOutputBytes(), "stdout " + hostName);
        BoundedCapture err = BoundedCapture.start(running.stderr(), timeouts.maxOutputBytes(), "stderr " + hostName);
        boolean exited;
        try {
            exited = running.awaitExit(timeouts.command().toMillis(), TimeUnit.MILLISECONDS);
        } catch (HostException e) {
            running.release();
            throw e;
        }
        if (!exited) {
            running.release();
            throw new HostException("command timed out after " + timeouts.command().toSeconds() + " s on "
                    + hostName + ": " + command);
        }
        long leftMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        String stdout = out.await(leftMillis);
        String stderr = err.await(leftMillis);
        running.release();
        return new CommandResult(command, running.exitStatus(), stdout, stderr, out.truncated() || err.truncated());
    }
}
