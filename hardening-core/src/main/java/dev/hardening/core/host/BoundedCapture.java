package dev.hardening.core.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a stream to its end on its own thread, keeping at most {@code limit} bytes. Reading on
 * goes past the limit so that the producer (a process or an SSH channel) is never blocked.
 */
final class BoundedCapture {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final Thread reader;
    private volatile boolean truncated;

    private BoundedCapture(InputStream in, int limit, String threadName) {
        reader = new Thread(() -> drain(in, limit), threadName);
        reader.setDaemon(true);
        reader.start();
    }

    static BoundedCapture start(InputStream in, int limit, String threadName) {
        return new BoundedCapture(in, limit, threadName);
    }

    private void drain(InputStream in, int limit) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                int room = limit - kept.size();
                if (n > room) {
                    truncated = true;
                }
                if (room > 0) {
                    kept.write(buffer, 0, Math.min(n, room));
                }
            }
        } catch (IOException e) {
            // the channel or pipe broke: what was read so far stands, and the exit status tells the rest
        }
    }

    /** Waits for the end of the stream (bounded by {@code millis}) and returns what was kept. */
    String await(long millis) {
        return new String(awaitBytes(millis), StandardCharsets.UTF_8);
    }

    /** The same, as the bytes that arrived. */
    byte[] awaitBytes(long millis) {
        try {
            reader.join(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return kept.toByteArray();
    }

    boolean truncated() {
        return truncated;
    }
}
