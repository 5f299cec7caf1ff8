package dev.hardening.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One result of one check on one host: what was found, the lines that prove it and how to fix it.
 *
 * @param evidence the exact lines (command output, config lines) the status rests on
 * @param remediation what to change; empty when there is nothing to change
 * @param subject what the finding is about, as data ({@link Subject#HOST} when it is the host as a whole)
 */
public record Finding(
        String host,
        CheckId check,
        Status status,
        Severity severity,
        String message,
        List<String> evidence,
        String remediation,
        Subject subject) {

    public Finding {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        evidence = List.copyOf(evidence);
        remediation = remediation == null ? "" : remediation;
        subject = subject == null ? Subject.HOST : subject;
    }

    /** A finding about the host as a whole. */
    public Finding(String host, CheckId check, Status status, Severity severity, String message,
            List<String> evidence, String remediation) {
        this(host, check, status, severity, message, evidence, remediation, Subject.HOST);
    }

    public Finding withStatus(Status newStatus, String newMessage) {
        return new Finding(host, check, newStatus, severity, newMessage, evidence, remediation, subject);
    }

    /**
     * A stable id of what this finding is about: the same host, check and subject give the same
     * fingerprint in every run, whatever the message or the versions say (SARIF's partial fingerprint).
     */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((host + "\u0000" + check.id() + "\u0000"
                    + subject.key()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** This finding with more evidence lines after its own (where the settings it was judged by came from). */
    public Finding withEvidenceAdded(List<String> more) {
        List<String> all = new ArrayList<>(evidence);
        all.addAll(more);
        return new Finding(host, check, status, severity, message, all, remediation, subject);
    }

    public Finding withSubject(Subject newSubject) {
        return new Finding(host, check, status, severity, message, evidence, remediation, newSubject);
    }
}
