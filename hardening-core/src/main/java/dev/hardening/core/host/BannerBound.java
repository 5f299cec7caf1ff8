package dev.hardening.core.host;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A server's input up to and including its SSH identification, bounded: RFC 4253 4.2 lets a server
 * send other lines first, so their count, their bytes and the length of any one line are limited,
 * and the identification line itself is at most 255 bytes. sshj reads the identification byte by
 * byte and rescans the line it is building on every byte, so without these bounds a server sending
 * lines forever, or one endless line, holds the connection and grows memory without limit.
 * After the identification everything passes through unchanged.
 */
public final class BannerBound extends FilterInputStream {
    public static final int MAX_LINES_BEFORE_IDENTIFICATION = 1024;
    public static final int MAX_BYTES_BEFORE_IDENTIFICATION = 64 * 1024;
    /**
     * One line before the identification. sshj rescans the line it builds on every byte, so the
     * cost of a line grows with its square: 1 KiB keeps that small and is far more than a notice needs.
     */
    static final int MAX_LINE_LENGTH = 1024;
    static final int MAX_IDENTIFICATION_LENGTH = 255;
    private static final int QUOTED_LENGTH = 64;

    private final Runnable onIdentification;
    private final StringBuilder line = new StringBuilder();
    private final byte[] ahead = new byte[4096];
    private int position;
    private int limit;
    private String firstLine;
    private long bytesBefore;
    private int linesBefore;
    private boolean identified;
    private volatile boolean endOfStream;

    /** @param onIdentification run once, when the identification line is complete */
    BannerBound(InputStream in, Runnable onIdentification) {
        super(in);
        this.onIdentification = onIdentification;
    }

    /** Thrown when what the server sends before its identification is beyond the bounds: it is not SSH. */
    public static final class NotSshException extends IOException {
        private static final long serialVersionUID = 1L;

        NotSshException(String reason) {
            super(reason);
        }
    }

    @Override
    public int read() throws IOException {
        if (position == limit) {
            if (identified) {
                return ended(in.read());
            }
            // sshj asks for one byte at a time; one system call per byte would make a flood outrun the deadline
            limit = Math.max(0, in.read(ahead));
            position = 0;
            if (limit == 0) {
                return ended(-1);
            }
        }
        int b = ahead[position++] & 0xff;
        if (!identified) {
            inspect(b);
        }
        return b;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (identified && position == limit) {
            return ended(in.read(into, offset, length));
        }
        if (length == 0) {
            return 0;
        }
        int b = read();
        if (b < 0) {
            return -1;
        }
        into[offset] = (byte) b;
        return 1;
    }

    private int ended(int read) {
        if (read < 0) {
            endOfStream = true;
        }
        return read;
    }

    /** True once the server closed its side: whatever failed next failed because of that. */
    public boolean endOfStream() {
        return endOfStream;
    }

    @Override
    public int available() throws IOException {
        return (limit - position) + in.available();
    }

    /** Bytes received before the identification was complete. */
    public long bytesBefore() {
        return bytesBefore;
    }

    public int linesBefore() {
        return linesBefore;
    }

    public boolean identified() {
        return identified;
    }

    /** What the server sent instead of an identification, quoted and shortened, or empty when it sent nothing. */
    public String quote() {
        String shown = firstLine != null ? firstLine : line.toString();
        if (shown.isEmpty()) {
            return "";
        }
        return " (it sent '" + (shown.length() > QUOTED_LENGTH ? shown.substring(0, QUOTED_LENGTH) + "..." : shown)
                + "')";
    }

    private void inspect(int b) throws NotSshException {
        bytesBefore++;
        if (b == '\n') {
            endLine();
            return;
        }
        line.append(new String(new byte[] {(byte) b}, StandardCharsets.ISO_8859_1));
        boolean identification = line.length() >= 4 && line.substring(0, 4).equals("SSH-");
        if (identification && line.length() > MAX_IDENTIFICATION_LENGTH) {
            throw new NotSshException("the SSH identification is longer than " + MAX_IDENTIFICATION_LENGTH
                    + " bytes (RFC 4253 4.2)");
        }
        if (line.length() > MAX_LINE_LENGTH) {
            throw new NotSshException("a line of more than " + MAX_LINE_LENGTH
                    + " bytes without a line end before any SSH identification: not SSH" + quote());
        }
        if (bytesBefore > MAX_BYTES_BEFORE_IDENTIFICATION) {
            throw new NotSshException("no SSH identification in the first " + MAX_BYTES_BEFORE_IDENTIFICATION
                    + " bytes: not SSH" + quote());
        }
    }

    private void endLine() throws NotSshException {
        if (line.length() >= 4 && line.substring(0, 4).equals("SSH-")) {
            identified = true;
            onIdentification.run();
            return;
        }
        if (firstLine == null) {
            firstLine = line.toString().stripTrailing();
        }
        line.setLength(0);
        if (++linesBefore > MAX_LINES_BEFORE_IDENTIFICATION) {
            throw new NotSshException("more than " + MAX_LINES_BEFORE_IDENTIFICATION
                    + " lines before an SSH identification: not SSH" + quote());
        }
    }
}
