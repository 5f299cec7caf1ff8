package dev.hardening.core.host.agent;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages of the ssh-agent protocol (draft-miller-ssh-agent) the gate sends and reads: list the
 * identities, sign with one. Each message is a {@code uint32} length, a type byte and its fields;
 * replies are hostile input, bounded and checked field by field.
 */
public final class AgentProtocol {
    /** OpenSSH's ssh-agent refuses messages longer than this ({@code AGENT_MAX_LEN}); so does the gate. */
    public static final int MAX_MESSAGE = 256 * 1024;
    /** More keys than anyone loads; bounds the list a hostile agent could claim. */
    static final int MAX_IDENTITIES = 1024;
    static final byte FAILURE = 5;
    static final byte REQUEST_IDENTITIES = 11;
    static final byte IDENTITIES_ANSWER = 12;
    static final byte SIGN_REQUEST = 13;
    static final byte SIGN_RESPONSE = 14;
    /** Sign flags: RSA keys sign with SHA-2 instead of SHA-1 ({@code ssh-rsa}). */
    public static final int RSA_SHA2_256 = 2;
    public static final int RSA_SHA2_512 = 4;

    /** A key the agent holds: its public key blob and comment (both as the agent sent them). */
    public record Identity(byte[] blob, String comment) {
        public Identity {
            blob = blob.clone();
        }

        @Override
        public byte[] blob() {
            return blob.clone();
        }
    }

    /** A reply that is not what the protocol allows; the message says what was wrong. */
    public static final class ProtocolException extends Exception {
        private static final long serialVersionUID = 1L;

        ProtocolException(String message) {
            super(message);
        }
    }

    private AgentProtocol() {
    }

    /** {@code SSH_AGENTC_REQUEST_IDENTITIES}, framed. */
    public static byte[] requestIdentities() {
        return frame(ByteBuffer.allocate(1).put(REQUEST_IDENTITIES));
    }

    /** {@code SSH_AGENTC_SIGN_REQUEST} for {@code data} with the key {@code blob}, framed. */
    public static byte[] signRequest(byte[] blob, byte[] data, int flags) {
        ByteBuffer body = ByteBuffer.allocate(1 + 4 + blob.length + 4 + data.length + 4);
        body.put(SIGN_REQUEST).putInt(blob.length).put(blob).putInt(data.length).put(data).putInt(flags);
        return frame(body);
    }

    private static byte[] frame(ByteBuffer body) {
        byte[] content = body.array();
        return ByteBuffer.allocate(4 + content.length).putInt(content.length).put(content).array();
    }

    /**
     * The length a frame header announces.
     *
     * @throws ProtocolException when it is zero or more than {@link #MAX_MESSAGE}
     */
    public static int frameLength(byte[] header) throws ProtocolException {
        if (header.length != 4) {
            throw new ProtocolException("the agent's reply ended inside its length");
        }
        long length = ByteBuffer.wrap(header).getInt() & 0xffffffffL;
        if (length == 0 || length > MAX_MESSAGE) {
            throw new ProtocolException("the agent announced a reply of " + length + " bytes (allowed: 1-"
                    + MAX_MESSAGE + ")");
        }
        return (int) length;
    }

    /** The identities of an {@code SSH_AGENT_IDENTITIES_ANSWER} body (the frame without its length). */
    public static List<Identity> identities(byte[] body) throws ProtocolException {
        Reader in = new Reader(body);
        in.expectType(IDENTITIES_ANSWER, "identities");
        long count = in.uint32();
        if (count > MAX_IDENTITIES) {
            throw new ProtocolException("the agent claims " + count + " keys, more than " + MAX_IDENTITIES);
        }
        List<Identity> identities = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            byte[] blob = in.string();
            identities.add(new Identity(blob, new String(in.string(), StandardCharsets.UTF_8)));
        }
        in.expectEnd();
        return identities;
    }

    /** The signature (an SSH signature blob: algorithm name and bytes) of an {@code SSH_AGENT_SIGN_RESPONSE} body. */
    public static byte[] signature(byte[] body) throws ProtocolException {
        Reader in = new Reader(body);
        in.expectType(SIGN_RESPONSE, "a signature");
        byte[] signature = in.string();
        in.expectEnd();
        return signature;
    }

    private static final class Reader {
        private final ByteBuffer buffer;

        Reader(byte[] body) {
            this.buffer = ByteBuffer.wrap(body);
        }

        void expectType(byte type, String what) throws ProtocolException {
            if (!buffer.hasRemaining()) {
                throw new ProtocolException("the agent sent an empty reply");
            }
            byte got = buffer.get();
            if (got == FAILURE) {
                throw new ProtocolException("the agent refused (SSH_AGENT_FAILURE) to send " + what);
            }
            if (got != type) {
                throw new ProtocolException("the agent answered with message type " + (got & 0xff) + " where "
                        + what + " (type " + type + ") belongs");
            }
        }

        long uint32() throws ProtocolException {
            if (buffer.remaining() < 4) {
                throw new ProtocolException("the agent's reply ends inside a number");
            }
            return buffer.getInt() & 0xffffffffL;
        }

        byte[] string() throws ProtocolException {
            long length = uint32();
            if (length > buffer.remaining()) {
                throw new ProtocolException("the agent's reply announces a field of " + length + " bytes and has "
                        + buffer.remaining() + " left");
            }
            byte[] out = new byte[(int) length];
            buffer.get(out);
            return out;
        }

        void expectEnd() throws ProtocolException {
            if (buffer.hasRemaining()) {
                throw new ProtocolException("the agent's reply has " + buffer.remaining() + " bytes after its fields");
            }
        }
    }
}
