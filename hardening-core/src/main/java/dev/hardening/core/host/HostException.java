package dev.hardening.core.host;

import java.io.IOException;

/** A host could not be reached or could not run what was asked; the message says what to fix. */
public class HostException extends IOException {
    private static final long serialVersionUID = 1L;

    public HostException(String message) {
        super(message);
    }

    public HostException(String message, Throwable cause) {
        super(message, cause);
    }
}
