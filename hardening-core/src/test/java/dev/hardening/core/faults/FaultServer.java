package dev.hardening.core.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback server that answers every connection with one {@link FaultKind}. It only listens on
 * 127.0.0.1, sends at most {@link #MAX_BYTES_PER_CONNECTION} per connection and stops on close.
 */
final class FaultServer implements AutoCloseable {
    static final String THREAD_PREFIX = "fault-server-";
    private static final long MAX_BYTES_PER_CONNECTION = 16L << 20;
    private static final byte[] BANNER = "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n".getBytes(StandardCharsets.US_ASCII);

    private final FaultKind kind;
    private final ServerSocket server;
    private final int port;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;

    private FaultServer(FaultKind kind) throws IOException {
        this.kind = kind;
        if (kind == FaultKind.REFUSED) {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            server = null;
            return;
        }
        server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        port = server.getLocalPort();
        start(THREAD_PREFIX + kind + "-accept", this::acceptLoop);
    }

    static FaultServer start(FaultKind kind) throws IOException {
        return new FaultServer(kind);
    }

    int port() {
        return port;
    }

    FaultKind kind() {
        return kind;
    }

    private void acceptLoop() {
        try {
            while (open) {
                Socket connection = server.accept();
                connections.add(connection);
                start(THREAD_PREFIX + kind + "-conn", () -> serve(connection));
            }
        } catch (IOException closed) {
            // the server was closed: the test is over
        }
    }

    private void start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void serve(Socket connection) {
        try (connection) {
            OutputStream out = connection.getOutputStream();
            InputStream in = connection.getInputStream();
            switch (kind) {
                case BANNER_NEVER_SENT -> drain(in);
                case NON_BANNER_LINES_FOREVER -> repeat(out, "NOTICE this is not an SSH banner\r\n".getBytes(
                        StandardCharsets.US_ASCII), 0);
                case NON_BANNER_LINES_TRICKLED -> repeat(out, "NOTICE line, slowly\r\n".getBytes(
                        StandardCharsets.US_ASCII), 100);
                case ENDLESS_LINE -> repeat(out, "A".repeat(4096).getBytes(StandardCharsets.US_ASCII), 0);
                case SLOW_BYTE_BY_BYTE_BANNER -> {
                    for (byte b : BANNER) {
                        out.write(b);
                        out.flush();
                        pause(400);
                    }
                    drain(in);
                }
                case CLOSE_AFTER_BANNER -> {
                    out.write(BANNER);
                    out.flush();
                    readLine(in);
                }
                case SILENCE_AFTER_BANNER -> {
                    out.write(BANNER);
                    out.flush();
                    drain(in);
                }
                case CLOSE_DURING_KEY_EXCHANGE -> {
                    out.write(BANNER);
                    out.flush();
                    readLine(in);
                    // the start of a 1 KiB KEXINIT packet that never arrives whole
                    out.write(new byte[] {0, 0, 4, 0, 10, 20, 1, 2, 3, 4});
                    out.flush();
                    pause(100);
                }
                case BINARY_BURST -> {
                    byte[] junk = new byte[1 << 20];
                    new Random(16).nextBytes(junk);
                    out.write(junk);
                    out.flush();
                    drain(in);
                }
                case REFUSED -> throw new IllegalStateException("nothing listens for REFUSED");
            }
        } catch (IOException gone) {
            // the client closed the connection: what a fault server waits for
        }
    }

    private void repeat(OutputStream out, byte[] chunk, long pauseMillis) throws IOException {
        for (long sent = 0; open && sent < MAX_BYTES_PER_CONNECTION; sent += chunk.length) {
            out.write(chunk);
            out.flush();
            pause(pauseMillis);
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        while (in.read(buffer) != -1) {
            // whatever the client says is ignored
        }
    }

    private static void readLine(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            // the client's identification
        }
    }

    private void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            open = false;
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        if (server != null) {
            server.close();
        }
        for (Socket connection : connections) {
            connection.close();
        }
        for (Thread thread : threads) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
