package dev.hardening.core.facts.packages;

import java.util.List;
import java.util.Optional;

/**
 * A package the host could upgrade from its package index.
 *
 * @param installed the version installed now; empty when the upgrade installs the package anew (apt) or
 *     the package manager does not print it (dnf check-update lists candidates only)
 * @param origin where the candidate comes from, e.g. {@code Debian-Security:12/oldstable-security}
 * @param securityReason why this is a security update; empty when it is not one
 * @param keptBack true when the package manager would not install it on its own (held, or it needs a removal)
 * @param evidence the package manager's own lines about this update
 * @param upgradeCommand the command that installs this update on the host
 */
public record PendingUpdate(String name, Optional<String> installed, String candidate, String origin,
        Optional<String> securityReason, boolean keptBack, List<String> evidence, String upgradeCommand) {

    public PendingUpdate {
        evidence = List.copyOf(evidence);
    }

    public boolean security() {
        return securityReason.isPresent();
    }

    /**
     * The change in words, e.g. {@code 1:9.2p1-2+deb12u7 installed, 1:9.2p1-2+deb12u10 available from
     * Debian:12.15/oldstable}; without the installed part where it is unknown.
     */
    public String describeVersions() {
        return installed.map(v -> v + " installed, ").orElse("")
                + candidate + " available" + (origin.isEmpty() ? "" : " from " + origin);
    }
}
