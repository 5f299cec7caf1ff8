package dev.hardening.core.families.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A server on 127.0.0.1 that answers one connection with a script, for probing what servers do wrong. */
final class LoopbackServer implements AutoCloseable {
    /** What the server does with the connection; an I/O error (the probe hung up) ends it quietly. */
    interface Script {
        void run(InputStream in, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket listener;
    private final Thread thread;

    private LoopbackServer(Script script) throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.thread = new Thread(() -> {
            try (Socket socket = listener.accept()) {
                script.run(socket.getInputStream(), socket.getOutputStream());
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // the probe closed the connection: what these scripts wait for
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "loopback-ssh-server");
        thread.setDaemon(true);
        thread.start();
    }

    static LoopbackServer serving(Script script) throws IOException {
        return new LoopbackServer(script);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Reads the client's identification line, CR LF included. */
    static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && line.length() < 1024) {
            line.append((char) b);
            if (b == '\n') {
                break;
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
