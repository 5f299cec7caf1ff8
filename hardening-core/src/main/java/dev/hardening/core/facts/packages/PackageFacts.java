package dev.hardening.core.facts.packages;

import java.util.List;
import java.util.Optional;

import dev.hardening.core.facts.FactKey;

/**
 * What the host's package manager says about pending updates, read without changing anything
 * (unless the policy let the gate refresh the index first). The same shape for apt, dnf and apk.
 *
 * @param indexSource which files {@code index} dated and how the index is refreshed on this OS
 * @param summary the package manager's own count of what it would do, as evidence
 * @param refresh what the gate did to refresh the index, when the policy let it; empty otherwise
 */
public record PackageFacts(OsRelease os, PackageIndexAge index, IndexSource indexSource, List<PendingUpdate> pending,
        String summary, RebootStatus reboot, Optional<String> refresh) {
    /** The fact: pending updates, the package index's age and a pending reboot. */
    public static final FactKey<PackageFacts> KEY = FactKey.of("packages");

    public PackageFacts {
        pending = List.copyOf(pending);
    }

    /**
     * True when the index is too old to prove anything. An index the gate itself refreshed a moment
     * ago is fresh, whatever its files' times say: apt leaves a file that did not change untouched.
     */
    public boolean indexOlderThan(int maxHours) {
        return refresh.isEmpty() && index.olderThan(maxHours);
    }
}
