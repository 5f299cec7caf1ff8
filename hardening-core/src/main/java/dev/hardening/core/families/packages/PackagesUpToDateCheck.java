package dev.hardening.core.families.packages;

import java.util.ArrayList;
import java.util.List;

import dev.hardening.core.facts.packages.PackageFacts;
import dev.hardening.core.facts.packages.PackageIndexAge;
import dev.hardening.core.facts.packages.PendingUpdate;
import dev.hardening.core.facts.packages.RebootStatus;
import dev.hardening.core.family.FactCheck;
import dev.hardening.core.family.FindingFactory;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Subject;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.PackagesChecksConfig;

/**
 * {@code packages.up-to-date}: no pending (security) update on a package index fresh enough to prove
 * it, and no reboot waiting to load an updated kernel or library (a MEDIUM failure of its own).
 */
public final class PackagesUpToDateCheck extends FactCheck<PackageFacts> {
    private static final String ALL = "all";

    public PackagesUpToDateCheck() {
        super(CheckId.PACKAGES_UP_TO_DATE, Severity.HIGH, PackageFacts.KEY);
    }

    @Override
    public boolean enabled(ChecksConfig config) {
        return config.get(PackagesChecksConfig.KEY).enabled();
    }

    @Override
    protected List<Finding> judge(PackageFacts packages, FindingFactory findings, ChecksConfig config) {
        PackagesChecksConfig policy = config.get(PackagesChecksConfig.KEY);
        boolean failOnAll = policy.upToDate().equals(ALL);
        List<Finding> results = new ArrayList<>();
        if (packages.indexOlderThan(policy.maxIndexAgeHours())) {
            results.add(findings.fail(staleMessage(packages, policy.maxIndexAgeHours()), indexEvidence(packages),
                    packages.indexSource().refreshFix()));
        }
        for (PendingUpdate update : packages.pending()) {
            // a phased update is one the package manager holds back on purpose, so it fails only as a security fix
            boolean judged = update.security() || failOnAll && update.hold() != PendingUpdate.Hold.PHASED;
            if (judged) {
                results.add(findings.fail(new Subject.Package(update.name(), update.installed().orElse(""),
                        update.candidate()), pendingMessage(update), update.evidence(), update.fix()));
            }
        }
        RebootStatus reboot = packages.reboot();
        if (reboot.required()) {
            FindingFactory medium = findings.withSeverity(Severity.MEDIUM);
            String requestedBy = reboot.packages().isEmpty() ? ""
                    : " (requested by " + String.join(", ", reboot.packages()) + ")";
            results.add(medium.fail("a reboot is pending to load updated packages" + requestedBy
                    + "; until then the running kernel and libraries are the old ones", List.of(reboot.evidence()),
                    "reboot the host in a maintenance window so the updated kernel and libraries are loaded"));
        }
        if (!results.isEmpty()) {
            return results;
        }
        long allowed = packages.pending().stream().filter(u -> u.hold() != PendingUpdate.Hold.PHASED).count();
        long phased = packages.pending().size() - allowed;
        List<String> evidence = new ArrayList<>(List.of("os-release: " + packages.os().describe()));
        evidence.addAll(indexEvidence(packages));
        evidence.add(packages.summary());
        packages.pending().forEach(u -> evidence.add((u.hold() == PendingUpdate.Hold.PHASED
                ? "phased update, deferred by the package manager on purpose (not a security update): "
                : "not a security update: ") + u.name() + " " + u.describeVersions()));
        evidence.add(reboot.evidence());
        String rebootWords = reboot.determined() ? ", and no reboot pending"
                : "; whether a reboot is pending was not determined (see evidence)";
        String phasedWords = phased == 0 ? "" : " (" + phased + " phased update(s) deferred by apt on purpose)";
        return List.of(findings.pass(allowed == 0
                ? "no pending updates on a package index " + ageWords(packages) + phasedWords + rebootWords
                : "no pending security updates on a package index " + ageWords(packages) + " (" + allowed
                        + " other update(s) pending, allowed by upToDate: security)" + phasedWords
                        + rebootWords, evidence));
    }

    private static String staleMessage(PackageFacts packages, int maxHours) {
        return packages.index().ageHours().map(h -> "package index is " + h + " hours old (the policy allows "
                + maxHours + "), so it cannot prove that no update is pending")
                .orElse("there is no package index on the host (no " + packages.indexSource().files()
                        + "), so it cannot prove that no update is pending");
    }

    private static String ageWords(PackageFacts packages) {
        return packages.refresh().isPresent() ? "the gate refreshed just now"
                : packages.index().ageHours().map(h -> h + " hour(s) old").orElse("");
    }

    private static List<String> indexEvidence(PackageFacts packages) {
        List<String> lines = new ArrayList<>();
        packages.refresh().ifPresent(lines::add);
        PackageIndexAge index = packages.index();
        lines.add("host clock: " + index.hostNow() + " (date +%s)");
        index.files().forEach(f -> lines.add("modified " + f.modified() + " ("
                + Math.max(0, index.hostNow() - f.modified()) / 3600 + " h ago): " + f.path()));
        return lines;
    }

    private static String pendingMessage(PendingUpdate update) {
        String kind = update.security() ? "security update" : "update";
        return kind + " pending for " + update.name() + ": " + update.describeVersions()
                + (update.keptBack() ? "; the package manager does not offer it on its own (held, locked or "
                        + "excluded, or it needs a removal)" : "")
                + update.securityReason().map(r -> "; it is a security update because " + r).orElse("");
    }
}
