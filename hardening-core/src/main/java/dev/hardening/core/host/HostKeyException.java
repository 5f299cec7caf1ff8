package dev.hardening.core.host;

/** The server's host key is unknown or differs from the trusted one; nothing was run on it. */
public final class HostKeyException extends HostException {
    private static final long serialVersionUID = 1L;

    public HostKeyException(String message) {
        super(message);
    }
}
