package dev.hardening.core.facts.packages;

import java.util.List;
import java.util.Optional;

/**
 * A package the host could upgrade from its package index, in the same shape for every package manager.
 *
 * @param installed the version installed now (every installed instance of an install-only package such as
 *     the kernel, comma-separated); empty when the upgrade installs the package anew
 * @param origin where the candidate comes from, e.g. {@code Debian-Security:12/oldstable-security}
 * @param securityReason why this is a security update; empty when it is not one
 * @param hold whether the package manager would install it on its own, and if not, why
 * @param evidence the package manager's own lines about this update
 * @param upgradeCommand the command that installs this update on the host
 * @param fix what to do on the host, in words, with the exact commands of its package manager
 */
public record PendingUpdate(String name, Optional<String> installed, String candidate, String origin,
        Optional<String> securityReason, Hold hold, List<String> evidence, String upgradeCommand, String fix) {

    /** Why a package manager does not install an available update by itself. */
    public enum Hold {
        /** It would install it. */
        NONE,
        /** Held, locked, excluded, or it needs a removal the package manager will not make by itself. */
        KEPT_BACK,
        /**
         * Deferred on purpose by a staged rollout (Ubuntu's phased updates): apt installs it when this host's
         * phase comes, so it is not a neglected update.
         */
        PHASED
    }

    public PendingUpdate {
        evidence = List.copyOf(evidence);
    }

    public boolean security() {
        return securityReason.isPresent();
    }

    public boolean keptBack() {
        return hold == Hold.KEPT_BACK;
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
