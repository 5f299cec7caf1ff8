package dev.hardening.core.families.crypto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a server's first binary packet after the version exchange, unencrypted (RFC 4253 6):
 * {@code uint32 packet_length, byte padding_length, payload, padding}, where the payload is an
 * SSH_MSG_KEXINIT (RFC 4253 7.1). A pure function; everything it reads is bounded by the packet.
 */
public final class KexInitParser {
    /** RFC 4253 6.1: implementations must handle packets of 35000 bytes; a larger first packet is not SSH. */
    public static final int MAX_PACKET_LENGTH = 35000;
    /** RFC 4253 4.2: the identification line is at most 255 characters including CR LF. */
    public static final int MAX_IDENTIFICATION_LENGTH = 253;
    static final int SSH_MSG_KEXINIT = 20;
    private static final int COOKIE_LENGTH = 16;
    /** RFC 4253 6: at least four bytes of padding. */
    private static final int MIN_PADDING = 4;
    private static final String[] LIST_NAMES = {
        "kex_algorithms", "server_host_key_algorithms",
        "encryption_algorithms_client_to_server", "encryption_algorithms_server_to_client",
        "mac_algorithms_client_to_server", "mac_algorithms_server_to_client",
        "compression_algorithms_client_to_server", "compression_algorithms_server_to_client",
        "languages_client_to_server", "languages_server_to_client"};
    /** Lists a server must fill: with one of them empty no connection can be negotiated. */
    private static final int REQUIRED_LISTS = 8;

    private KexInitParser() {
    }

    /**
     * @param serverIdentification the identification line without its line end
     * @param packet exactly one binary packet: its length field, then {@code packet_length} bytes
     * @throws CryptoParseException naming the first thing that is not a well-formed KEXINIT
     */
    public static KexInit parse(String serverIdentification, byte[] packet) throws CryptoParseException {
        checkIdentification(serverIdentification);
        if (packet.length < 5) {
            throw new CryptoParseException("packet of " + packet.length + " bytes is shorter than its header (5 bytes)");
        }
        long packetLength = uint32(packet, 0);
        if (packetLength > MAX_PACKET_LENGTH) {
            throw new CryptoParseException("packet_length " + packetLength + " exceeds " + MAX_PACKET_LENGTH
                    + " (RFC 4253 6.1)");
        }
        if (packet.length != 4 + packetLength) {
            throw new CryptoParseException("packet_length says " + packetLength + " bytes follow, but "
                    + (packet.length - 4) + " did");
        }
        int paddingLength = packet[4] & 0xff;
        int payloadLength = (int) packetLength - 1 - paddingLength;
        if (paddingLength < MIN_PADDING || payloadLength < 1) {
            throw new CryptoParseException("padding_length " + paddingLength + " does not fit packet_length "
                    + packetLength + " (RFC 4253 6: at least 4, leaving a payload)");
        }
        Reader payload = new Reader(packet, 5, 5 + payloadLength);
        int messageCode = payload.readByte("message code");
        if (messageCode != SSH_MSG_KEXINIT) {
            throw new CryptoParseException("first packet is message " + messageCode + ", not SSH_MSG_KEXINIT (20)");
        }
        payload.skip(COOKIE_LENGTH, "cookie");
        List<List<String>> lists = new ArrayList<>();
        for (int i = 0; i < LIST_NAMES.length; i++) {
            lists.add(AlgorithmNames.split(payload.readAsciiString(LIST_NAMES[i]), LIST_NAMES[i]));
            if (i < REQUIRED_LISTS && lists.get(i).isEmpty()) {
                throw new CryptoParseException(LIST_NAMES[i] + " is empty: nothing could be negotiated");
            }
        }
        payload.readByte("first_kex_packet_follows");
        payload.skip(4, "reserved");
        if (payload.remaining() != 0) {
            throw new CryptoParseException(payload.remaining() + " bytes after the reserved field of KEXINIT");
        }
        return new KexInit(serverIdentification, lists.get(0), lists.get(1), lists.get(2), lists.get(3), lists.get(4),
                lists.get(5), lists.get(6), lists.get(7));
    }

    /**
     * RFC 4253 4.2: {@code SSH-protoversion-softwareversion SP comments}, printable ASCII; protocol 2.0,
     * or 1.99 from a server that also speaks 1.
     */
    static void checkIdentification(String line) throws CryptoParseException {
        if (line.length() > MAX_IDENTIFICATION_LENGTH) {
            throw new CryptoParseException("identification is longer than 255 bytes with its line end (RFC 4253 4.2)");
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                throw new CryptoParseException("identification has a character that is not printable ASCII (0x"
                        + Integer.toHexString(c) + ")");
            }
        }
        if (!line.startsWith("SSH-")) {
            throw new CryptoParseException("identification does not begin with SSH-");
        }
        if (!line.startsWith("SSH-2.0-") && !line.startsWith("SSH-1.99-")) {
            int dash = line.indexOf('-', 4);
            String version = dash < 0 ? line.substring(4) : line.substring(4, dash);
            throw new CryptoParseException("server speaks SSH protocol '"
                    + version.substring(0, Math.min(version.length(), 16)) + "', not 2.0");
        }
    }

    private static long uint32(byte[] bytes, int at) {
        return ((bytes[at] & 0xffL) << 24) | ((bytes[at + 1] & 0xffL) << 16) | ((bytes[at + 2] & 0xffL) << 8)
                | (bytes[at + 3] & 0xffL);
    }

    /** Reads fields of the payload, never past its end. */
    private static final class Reader {
        private final byte[] bytes;
        private final int end;
        private int at;

        Reader(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.at = start;
            this.end = end;
        }

        int remaining() {
            return end - at;
        }

        int readByte(String field) throws CryptoParseException {
            need(1, field);
            return bytes[at++] & 0xff;
        }

        void skip(int length, String field) throws CryptoParseException {
            need(length, field);
            at += length;
        }

        String readAsciiString(String field) throws CryptoParseException {
            need(4, field + " length");
            long length = uint32(bytes, at);
            at += 4;
            if (length > remaining()) {
                throw new CryptoParseException(field + " says " + length + " bytes, but the payload has "
                        + remaining() + " left");
            }
            String text = new String(bytes, at, (int) length, StandardCharsets.ISO_8859_1);
            at += (int) length;
            return text;
        }

        private void need(int length, String field) throws CryptoParseException {
            if (remaining() < length) {
                throw new CryptoParseException("KEXINIT ends before its " + field + " (" + remaining()
                        + " bytes left, " + length + " needed)");
            }
        }
    }
}
