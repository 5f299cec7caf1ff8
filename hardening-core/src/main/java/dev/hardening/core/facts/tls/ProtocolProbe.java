package dev.hardening.core.facts.tls;

/** What offering an endpoint exactly one protocol version gave. */
public sealed interface ProtocolProbe {

    TlsProtocol protocol();

    /** One evidence line. */
    String describe();

    /** The server agreed to the version (its ServerHello named it). */
    record Accepted(TlsProtocol protocol, String detail) implements ProtocolProbe {
        @Override
        public String describe() {
            return protocol + ": accepted (" + detail + ")";
        }
    }

    /** The server turned the version down: an alert, another version, or a closed connection. */
    record Refused(TlsProtocol protocol, String reason) implements ProtocolProbe {
        @Override
        public String describe() {
            return protocol + ": refused (" + reason + ")";
        }
    }

    /** No answer either way, e.g. a timeout; never read as refused. */
    record Inconclusive(TlsProtocol protocol, String reason) implements ProtocolProbe {
        @Override
        public String describe() {
            return protocol + ": could not tell (" + reason + ")";
        }
    }
}
