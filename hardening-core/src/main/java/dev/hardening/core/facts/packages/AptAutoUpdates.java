package dev.hardening.core.facts.packages;

import java.util.ArrayList;
import java.util.List;

/**
 * How a Debian-family host updates itself: whether unattended-upgrades is installed and what apt's
 * periodic settings say.
 */
public record AptAutoUpdates(DpkgPackageStatus unattendedUpgrades, AptConfig aptConfig) {
    public static final String UPDATE_LISTS = "APT::Periodic::Update-Package-Lists";
    public static final String UNATTENDED_UPGRADE = "APT::Periodic::Unattended-Upgrade";
    private static final String CONFIG_FILE = "/etc/apt/apt.conf.d/20auto-upgrades";

    /**
     * True when the periodic interval {@code key} is set and not zero: apt.systemd.daily skips a task
     * whose interval is unset or {@code 0}, and runs it for {@code always} or a number of days.
     */
    public boolean periodicEnabled(String key) {
        return aptConfig.get(key).map(String::strip).filter(v -> !v.isEmpty() && !v.matches("0+")).isPresent();
    }

    /** The shared shape: unattended-upgrades missing, and each periodic setting that is off, are gaps. */
    public AutoUpdateFacts facts(OsRelease os) {
        String packageEvidence = "dpkg-query " + unattendedUpgrades.name() + ": " + unattendedUpgrades.status()
                + unattendedUpgrades.version().map(v -> " " + v).orElse("");
        List<AutoUpdateFacts.Gap> gaps = new ArrayList<>();
        if (!unattendedUpgrades.installed()) {
            gaps.add(new AutoUpdateFacts.Gap("unattended-upgrades is not installed"
                    + (unattendedUpgrades.status().startsWith("deinstall") ? " (it was removed; its config files remain)"
                            : ""),
                    List.of(packageEvidence), "run `apt-get install unattended-upgrades`, then "
                            + "`dpkg-reconfigure -plow unattended-upgrades` to switch it on"));
        }
        for (String key : List.of(UPDATE_LISTS, UNATTENDED_UPGRADE)) {
            if (!periodicEnabled(key)) {
                gaps.add(new AutoUpdateFacts.Gap(key + " is " + aptConfig.get(key).map(v -> "\"" + v + "\"")
                        .orElse("not set") + ", so apt's daily job " + (key.equals(UPDATE_LISTS)
                                ? "does not refresh the package index" : "does not run unattended-upgrades"),
                        List.of(aptConfig.evidence(key)), "set `" + key + " \"1\";` in " + CONFIG_FILE
                                + " (`dpkg-reconfigure -plow unattended-upgrades` writes it)"));
            }
        }
        return new AutoUpdateFacts(os, "unattended-upgrades is installed and apt's daily job refreshes the index and "
                + "runs it", List.of(packageEvidence, aptConfig.evidence(UPDATE_LISTS), aptConfig.evidence(UNATTENDED_UPGRADE)),
                gaps);
    }
}
