package dev.hardening.core.families.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

import dev.hardening.core.host.BannerBound;

/**
 * Asks an SSH server, from the gate's machine, what it offers before authentication: connects,
 * reads the server's identification, sends {@value #CLIENT_IDENTIFICATION}, reads the server's
 * KEXINIT and closes. Nothing is negotiated, so nothing is logged in as and no key is needed.
 *
 * <p>One deadline bounds the whole exchange: every read may block only for the time left, so a
 * server that trickles one byte at a time cannot hold the probe longer than a silent one.
 */
public final class KexInitProbe {
    public static final String CLIENT_IDENTIFICATION = "SSH-2.0-hardening_probe";
    /** RFC 4253 4.2 lets a server send other lines first; the gate's SSH connections bound them the same. */
    static final int MAX_LINES_BEFORE_IDENTIFICATION = BannerBound.MAX_LINES_BEFORE_IDENTIFICATION;
    static final int MAX_BYTES_BEFORE_IDENTIFICATION = BannerBound.MAX_BYTES_BEFORE_IDENTIFICATION;
    /** How much of a line that is not SSH a reason quotes, so the reader sees what answered instead. */
    private static final int QUOTED_LINE_LENGTH = 64;

    private final InetSocketAddress target;
    private final String source;
    private final Duration deadline;
    private final long deadlineNanos;

    private KexInitProbe(String address, int port, Duration deadline) {
        this.target = new InetSocketAddress(address, port);
        this.source = source(address, port);
        this.deadline = deadline;
        this.deadlineNanos = System.nanoTime() + deadline.toNanos();
    }

    /**
     * The server's KEXINIT, or why there is none; never throws for anything the network or the
     * server does.
     *
     * @param deadline for the whole exchange, TCP connect included
     */
    public static Observation<KexInit> probe(String address, int port, Duration deadline) {
        Objects.requireNonNull(address, "address");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port");
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive");
        }
        KexInitProbe probe = new KexInitProbe(address, port, deadline);
        try {
            return Observation.seen(probe.source, probe.exchange());
        } catch (Failed e) {
            return Observation.unavailable(probe.source, e.getMessage());
        }
    }

    /** How evidence names the server on the wire, e.g. {@code wire 127.0.0.1:2222} or {@code wire [::1]:22}. */
    public static String source(String address, int port) {
        return "wire " + (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }

    private KexInit exchange() throws Failed {
        if (target.isUnresolved()) {
            throw new Failed("cannot resolve " + target.getHostString());
        }
        try (Socket socket = new Socket()) {
            connect(socket);
            Wire wire = new Wire(socket);
            String identification = readIdentification(wire);
            socket.getOutputStream().write((CLIENT_IDENTIFICATION + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] packet = readPacket(wire);
            try {
                return KexInitParser.parse(identification, packet);
            } catch (CryptoParseException e) {
                throw new Failed("the server's KEXINIT is malformed: " + e.getMessage());
            }
        } catch (IOException e) {
            throw new Failed("I/O error talking to the server: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private void connect(Socket socket) throws Failed, IOException {
        try {
            socket.connect(target, remainingMillis());
        } catch (ConnectException e) {
            throw new Failed("connection refused (nothing listens on " + source.substring(5) + ")");
        } catch (SocketTimeoutException e) {
            throw new Failed("no TCP connection within " + deadline.toMillis() + " ms");
        } catch (NoRouteToHostException e) {
            throw new Failed("no route to " + target.getHostString());
        }
    }

    /** The identification line without its line end; lines before it are read and dropped. */
    private String readIdentification(Wire wire) throws Failed, IOException {
        int linesBefore = 0;
        String firstLine = null;
        boolean identificationLine = false;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = wire.next();
            if (b == -1) {
                throw new Failed(wire.received() == 0 ? "the server closed the connection without sending anything"
                        : "the server closed the connection before an SSH identification, after " + wire.received()
                                + " bytes: not SSH" + quoted(firstLine != null ? firstLine : line.toString(
                                        StandardCharsets.ISO_8859_1)));
            }
            if (b == -2) {
                throw new Failed("no SSH identification within " + deadline.toMillis() + " ms"
                        + (wire.received() == 0 ? " (nothing received)"
                                : " (" + wire.received() + " bytes received, no complete identification line)"));
            }
            if (wire.received() > MAX_BYTES_BEFORE_IDENTIFICATION) {
                throw new Failed("no SSH identification in the first " + MAX_BYTES_BEFORE_IDENTIFICATION
                        + " bytes: not SSH" + quoted(firstLine != null ? firstLine : line.toString(
                                StandardCharsets.ISO_8859_1)));
            }
            if (b != '\n') {
                line.write(b);
                if (line.size() == 4) {
                    identificationLine = line.toString(StandardCharsets.ISO_8859_1).equals("SSH-");
                }
                if (identificationLine && line.size() > KexInitParser.MAX_IDENTIFICATION_LENGTH + 1) {
                    throw new Failed("the SSH identification is longer than 255 bytes (RFC 4253 4.2)");
                }
                continue;
            }
            identificationLine = false;
            String text = line.toString(StandardCharsets.ISO_8859_1);
            line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.startsWith("SSH-")) {
                try {
                    KexInitParser.checkIdentification(text);
                } catch (CryptoParseException e) {
                    throw new Failed(e.getMessage());
                }
                return text;
            }
            if (firstLine == null) {
                firstLine = text;
            }
            if (++linesBefore > MAX_LINES_BEFORE_IDENTIFICATION) {
                throw new Failed("more than " + MAX_LINES_BEFORE_IDENTIFICATION
                        + " lines before an SSH identification: not SSH" + quoted(firstLine));
            }
        }
    }

    private byte[] readPacket(Wire wire) throws Failed, IOException {
        byte[] header = new byte[4];
        readFully(wire, header, 0, "packet length", 0);
        long length = ((header[0] & 0xffL) << 24) | ((header[1] & 0xffL) << 16) | ((header[2] & 0xffL) << 8)
                | (header[3] & 0xffL);
        if (length > KexInitParser.MAX_PACKET_LENGTH) {
            throw new Failed("the first packet claims " + length + " bytes, more than " + KexInitParser.MAX_PACKET_LENGTH
                    + " (RFC 4253 6.1): not an SSH packet");
        }
        byte[] packet = new byte[4 + (int) length];
        System.arraycopy(header, 0, packet, 0, 4);
        readFully(wire, packet, 4, "KEXINIT", (int) length);
        return packet;
    }

    private void readFully(Wire wire, byte[] into, int from, String what, int announced) throws Failed, IOException {
        for (int i = from; i < into.length; i++) {
            int b = wire.next();
            if (b < 0) {
                String progress = announced > 0 ? " (" + (i - from) + " of " + announced + " bytes)" : "";
                throw new Failed(b == -1
                        ? "the server closed the connection after its identification, before the end of its "
                                + what + progress
                        : what + " not complete within " + deadline.toMillis() + " ms" + progress);
            }
            into[i] = (byte) b;
        }
    }

    private int remainingMillis() {
        long nanos = deadlineNanos - System.nanoTime();
        // 0 would mean "no timeout" to a socket; the caller checks for a passed deadline first
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Duration.ofNanos(nanos).toMillis()));
    }

    /** A bounded, printable quote of what the server sent instead of SSH. */
    private static String quoted(String line) {
        if (line.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(" (it sent '");
        int shown = Math.min(line.length(), QUOTED_LINE_LENGTH);
        for (int i = 0; i < shown; i++) {
            char c = line.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'') {
                out.append(c);
            } else {
                out.append(String.format("\\x%02x", (int) c));
            }
        }
        return out.append(line.length() > shown ? "...')" : "')").toString();
    }

    /** The socket's input, byte by byte, each read bounded by the time left until the deadline. */
    private final class Wire {
        private final Socket socket;
        private final InputStream in;
        private final byte[] buffer = new byte[4096];
        private int position;
        private int limit;
        private long received;

        Wire(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
        }

        /** The next byte; -1 at the end of the stream, -2 when the deadline passed first. */
        int next() throws IOException {
            if (position == limit) {
                if (deadlineNanos - System.nanoTime() <= 0) {
                    return -2;
                }
                socket.setSoTimeout(remainingMillis());
                try {
                    limit = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    return -2;
                }
                position = 0;
                if (limit == -1) {
                    limit = 0;
                    return -1;
                }
            }
            received++;
            return buffer[position++] & 0xff;
        }

        long received() {
            return received;
        }
    }

    /** Why the probe got no KEXINIT, in words for the evidence. */
    private static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        Failed(String reason) {
            super(reason, null, false, false);
        }
    }
}
