package dev.hardening.core.families.packages;

import java.util.ArrayList;
import java.util.List;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.packages.AutoUpdateFacts;
import dev.hardening.core.facts.packages.DpkgPackageStatus;
import dev.hardening.core.facts.HostFacts;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.PackagesChecksConfig;
import dev.hardening.core.family.FindingFactory;
import dev.hardening.core.family.FactCheck;

/**
 * {@code packages.auto-updates}: the host installs updates by itself. On Debian and Ubuntu that is
 * unattended-upgrades installed, with apt's daily job told to refresh the index and to run it.
 */
public final class PackagesAutoUpdatesCheck extends FactCheck<AutoUpdateFacts> {
    private static final String CONFIG_FILE = "/etc/apt/apt.conf.d/20auto-upgrades";

    public PackagesAutoUpdatesCheck() {
        super(CheckId.PACKAGES_AUTO_UPDATES, Severity.MEDIUM, AutoUpdateFacts.KEY);
    }

    @Override
    public boolean enabled(ChecksConfig config) {
        return config.get(PackagesChecksConfig.KEY).enabled();
    }


    @Override
    protected List<Finding> judge(AutoUpdateFacts auto, FindingFactory findings, ChecksConfig config) {
        DpkgPackageStatus unattended = auto.unattendedUpgrades();
        String packageEvidence = "dpkg-query " + unattended.name() + ": " + unattended.status()
                + unattended.version().map(v -> " " + v).orElse("");
        List<Finding> failures = new ArrayList<>();
        if (!unattended.installed()) {
            failures.add(findings.fail("unattended-upgrades is not installed"
                    + (unattended.status().startsWith("deinstall") ? " (it was removed; its config files remain)" : ""),
                    List.of(packageEvidence), "run `apt-get install unattended-upgrades`, then "
                            + "`dpkg-reconfigure -plow unattended-upgrades` to switch it on"));
        }
        for (String key : List.of(AutoUpdateFacts.UPDATE_LISTS, AutoUpdateFacts.UNATTENDED_UPGRADE)) {
            if (!auto.periodicEnabled(key)) {
                failures.add(findings.fail(key + " is " + auto.aptConfig().get(key).map(v -> "\"" + v + "\"")
                        .orElse("not set") + ", so apt's daily job " + (key.equals(AutoUpdateFacts.UPDATE_LISTS)
                                ? "does not refresh the package index" : "does not run unattended-upgrades"),
                        List.of(auto.aptConfig().evidence(key)), "set `" + key + " \"1\";` in " + CONFIG_FILE
                                + " (`dpkg-reconfigure -plow unattended-upgrades` writes it)"));
            }
        }
        if (!failures.isEmpty()) {
            return failures;
        }
        return List.of(findings.pass("unattended-upgrades is installed and apt's daily job refreshes the index and "
                + "runs it", List.of("os-release: " + auto.os().describe(), packageEvidence,
                        auto.aptConfig().evidence(AutoUpdateFacts.UPDATE_LISTS),
                        auto.aptConfig().evidence(AutoUpdateFacts.UNATTENDED_UPGRADE))));
    }
}
