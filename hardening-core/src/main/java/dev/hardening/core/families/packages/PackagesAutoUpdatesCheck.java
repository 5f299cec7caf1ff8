package dev.hardening.core.families.packages;

import java.util.ArrayList;
import java.util.List;

import dev.hardening.core.facts.packages.AutoUpdateFacts;
import dev.hardening.core.family.FactCheck;
import dev.hardening.core.family.FindingFactory;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.PackagesChecksConfig;

/**
 * {@code packages.auto-updates}: the host installs updates by itself. What counts is the backend's
 * to say (unattended-upgrades and apt's daily job; a dnf-automatic timer that applies updates; a cron
 * job running {@code apk upgrade}); each reason it does not is a failure with that OS's fix.
 */
public final class PackagesAutoUpdatesCheck extends FactCheck<AutoUpdateFacts> {

    public PackagesAutoUpdatesCheck() {
        super(CheckId.PACKAGES_AUTO_UPDATES, Severity.MEDIUM, AutoUpdateFacts.KEY);
    }

    @Override
    public boolean enabled(ChecksConfig config) {
        return config.get(PackagesChecksConfig.KEY).enabled();
    }

    @Override
    protected List<Finding> judge(AutoUpdateFacts auto, FindingFactory findings, ChecksConfig config) {
        if (!auto.appliesUpdates()) {
            return auto.gaps().stream().map(g -> findings.fail(g.problem(), g.evidence(), g.fix())).toList();
        }
        List<String> evidence = new ArrayList<>(List.of("os-release: " + auto.os().describe()));
        evidence.addAll(auto.evidence());
        return List.of(findings.pass(auto.found(), evidence));
    }
}
