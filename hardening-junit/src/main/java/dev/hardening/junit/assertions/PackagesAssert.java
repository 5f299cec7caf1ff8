package dev.hardening.junit.assertions;

import dev.hardening.core.HostCheck;
import dev.hardening.core.model.CheckId;

/** Assertions on a host's package updates ({@code packages.*}). */
public class PackagesAssert extends AbstractFamilyAssert<PackagesAssert, HostCheck.PackagesChecks> {

    public PackagesAssert(HostCheck.PackagesChecks actual) {
        super(actual, PackagesAssert.class);
    }

    /** {@code packages.up-to-date}: no pending security updates on a fresh index, no reboot pending. */
    public PackagesAssert hasNoPendingSecurityUpdates() {
        return passes(CheckId.PACKAGES_UP_TO_DATE, HostCheck.PackagesChecks::noPendingSecurityUpdates);
    }

    /** {@code packages.up-to-date}: no pending updates at all. */
    public PackagesAssert hasNoPendingUpdates() {
        return passes(CheckId.PACKAGES_UP_TO_DATE, HostCheck.PackagesChecks::noPendingUpdates);
    }

    /** {@code packages.auto-updates}: updates are installed automatically. */
    public PackagesAssert installsUpdatesAutomatically() {
        return passes(CheckId.PACKAGES_AUTO_UPDATES, HostCheck.PackagesChecks::autoUpdates);
    }
}
