package dev.hardening.core.facts.packages;
import dev.hardening.core.facts.FactKey;

/**
 * How a Debian-family host updates itself: whether unattended-upgrades is installed and what apt's
 * periodic settings say.
 */
public record AutoUpdateFacts(OsRelease os, DpkgPackageStatus unattendedUpgrades, AptConfig aptConfig) {
    /** The fact: whether the host installs updates by itself. */
    public static final FactKey<AutoUpdateFacts> KEY = FactKey.of("autoUpdates");

    public static final String UPDATE_LISTS = "APT::Periodic::Update-Package-Lists";
    public static final String UNATTENDED_UPGRADE = "APT::Periodic::Unattended-Upgrade";

    /**
     * True when the periodic interval {@code key} is set and not zero: apt.systemd.daily skips a task
     * whose interval is unset or {@code 0}, and runs it for {@code always} or a number of days.
     */
    public boolean periodicEnabled(String key) {
        return aptConfig.get(key).map(String::strip).filter(v -> !v.isEmpty() && !v.matches("0+")).isPresent();
    }
}
