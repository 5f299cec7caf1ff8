package dev.hardening.junit.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A TCP service on 127.0.0.1 that is not TLS: it greets with a line, or says nothing at all. */
final class PlainTcpServer implements AutoCloseable {
    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Socket> open = new ArrayList<>();

    private PlainTcpServer(String greeting) {
        try {
            server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(() -> serve(greeting), "plain-tcp-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Sends {@code greeting} on connect, like an SSH server, and keeps the connection open. */
    static PlainTcpServer greeting(String greeting) {
        return new PlainTcpServer(greeting);
    }

    /** Accepts connections and never sends a byte. */
    static PlainTcpServer silent() {
        return new PlainTcpServer("");
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve(String greeting) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                synchronized (open) {
                    open.add(client);
                }
                client.getOutputStream().write(greeting.getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
            } catch (IOException e) {
                // closing
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (open) {
            for (Socket socket : open) {
                socket.close();
            }
        }
    }
}
