package dev.hardening.core.policy;

/** A policy that cannot be used; the message names the file, line and column and what to fix. */
public final class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    public PolicyException(String message) {
        super(message);
    }
}
