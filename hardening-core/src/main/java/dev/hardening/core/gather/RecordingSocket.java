package dev.hardening.core.gather;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A plain socket that keeps the first bytes the server sends, so a failed TLS handshake can say what
 * answered instead ({@code SSH-2.0-OpenSSH_9.2}, {@code HTTP/1.1 400}).
 */
final class RecordingSocket extends java.net.Socket {
    private static final int KEPT = 80;
    private static final int REST_OF_LINE_MILLIS = 500;
    /** TLS record content types: change_cipher_spec, alert, handshake, application_data. */
    private static final int FIRST_RECORD_TYPE = 20;
    private static final int LAST_RECORD_TYPE = 23;

    private final byte[] first = new byte[KEPT];
    private int kept;
    private InputStream recording;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (recording == null) {
            recording = new FilterInputStream(super.getInputStream()) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        keep(new byte[] {(byte) b}, 0, 1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        keep(buffer, offset, n);
                    }
                    return n;
                }
            };
        }
        return recording;
    }

    private synchronized void keep(byte[] buffer, int offset, int length) {
        int room = Math.min(KEPT - kept, length);
        System.arraycopy(buffer, offset, first, kept, room);
        kept += room;
    }

    /** True when the server sent something, and it does not begin like a TLS record. */
    synchronized boolean answeredWithoutTls() {
        return kept > 0 && (first[0] < FIRST_RECORD_TYPE || first[0] > LAST_RECORD_TYPE);
    }

    /**
     * The first line the server sent, printable characters only. The TLS client stops reading after
     * a record header, so the rest of the line is read here, briefly.
     */
    String firstLine() {
        readRestOfLine();
        return keptLine();
    }

    private void readRestOfLine() {
        try {
            setSoTimeout(REST_OF_LINE_MILLIS);
            InputStream in = getInputStream();
            while (kept() > 0 && kept() < KEPT && !sawLineEnd() && in.read() >= 0) {
                // keep() records each byte
            }
        } catch (IOException e) {
            // what was kept so far is the answer
        }
    }

    private synchronized int kept() {
        return kept;
    }

    private synchronized boolean sawLineEnd() {
        for (int i = 0; i < kept; i++) {
            if (first[i] == '\n' || first[i] == '\r') {
                return true;
            }
        }
        return false;
    }

    private synchronized String keptLine() {
        String text = new String(Arrays.copyOf(first, kept), StandardCharsets.ISO_8859_1);
        String line = text.lines().findFirst().orElse("");
        return line.replaceAll("[^\\x20-\\x7e]", ".");
    }
}
