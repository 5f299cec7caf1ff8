package dev.hardening.core.policy;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;

/**
 * An accepted risk: findings of {@code check} on {@code host} ({@code *} for every host) whose
 * message or evidence contains {@code match} are WAIVED until {@code expires}.
 */
public record Waiver(String check, String host, String match, String reason, String expires) {

    public Waiver {
        if (check == null || CheckId.fromId(check).isEmpty()) {
            throw new IllegalArgumentException("waiver check must be one of " + java.util.Arrays.toString(
                    CheckId.values()) + ", got '" + check + "'");
        }
        host = host == null ? "*" : host;
        match = match == null ? "" : match;
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a waiver needs reason: (why the risk is accepted, e.g. a ticket)");
        }
        if (expires == null) {
            throw new IllegalArgumentException("a waiver needs expires: (an ISO date such as 2027-01-31)");
        }
        try {
            LocalDate.parse(expires);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("waiver expires must be an ISO date such as 2027-01-31, got '" + expires + "'");
        }
    }

    public LocalDate expiryDate() {
        return LocalDate.parse(expires);
    }

    public boolean isExpired(LocalDate today) {
        return today.isAfter(expiryDate());
    }

    /** True when this waiver is about the finding (expiry aside). */
    public boolean covers(Finding finding) {
        return finding.check().id().equals(check)
                && (host.equals("*") || host.equals(finding.host()))
                && (match.isEmpty() || finding.message().contains(match)
                        || finding.evidence().stream().anyMatch(e -> e.contains(match)));
    }
}
