package dev.hardening.core.model;

/** Outcome of one check on one host. */
public enum Status {
    PASS,
    FAIL,
    /** The check could not determine the answer; never read as a pass. */
    ERROR,
    WAIVED,
    /** The check does not apply to this host (e.g. no SSH server installed). */
    SKIPPED
}
