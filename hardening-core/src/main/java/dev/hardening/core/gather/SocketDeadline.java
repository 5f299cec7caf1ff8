package dev.hardening.core.gather;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.hardening.core.host.Watchdog;

/**
 * Closes a socket when a whole exchange takes longer than allowed. A read timeout alone bounds
 * each read, not a server that trickles one byte at a time.
 */
final class SocketDeadline implements AutoCloseable {
    private final AtomicBoolean fired = new AtomicBoolean();
    private final ScheduledFuture<?> closing;

    private SocketDeadline(Socket socket, Duration limit) {
        this.closing = Watchdog.after(limit, () -> {
            fired.set(true);
            try {
                socket.close();
            } catch (IOException e) {
                // the blocked read fails either way
            }
        });
    }

    static SocketDeadline arm(Socket socket, Duration limit) {
        return new SocketDeadline(socket, limit);
    }

    /** True when the deadline closed the socket. */
    boolean fired() {
        return fired.get();
    }

    @Override
    public void close() {
        closing.cancel(false);
    }
}
