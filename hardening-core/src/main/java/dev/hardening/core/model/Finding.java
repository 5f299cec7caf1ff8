package dev.hardening.core.model;

import java.util.List;
import java.util.Objects;

/**
 * One result of one check on one host: what was found, the lines that prove it and how to fix it.
 *
 * @param evidence the exact lines (command output, config lines) the status rests on
 * @param remediation what to change; empty when there is nothing to change
 */
public record Finding(
        String host,
        CheckId check,
        Status status,
        Severity severity,
        String message,
        List<String> evidence,
        String remediation) {

    public Finding {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        evidence = List.copyOf(evidence);
        remediation = remediation == null ? "" : remediation;
    }

    public Finding withStatus(Status newStatus, String newMessage) {
        return new Finding(host, check, newStatus, severity, newMessage, evidence, remediation);
    }
}
