package dev.hardening.core.facts.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.hardening.core.facts.packages.AptPolicy.Source;
import dev.hardening.core.facts.packages.AptPolicy.TableVersion;
import dev.hardening.core.facts.packages.PendingUpdate.Hold;

/**
 * Joins what apt would upgrade with each package's version table, and decides which updates are
 * security updates: the candidate comes from a {@code *-security} archive, or a {@code *-security}
 * archive carries a version newer than the installed one (a point release that supersedes a
 * security fix still carries that fix, so installing the candidate is what closes the hole; Ubuntu's
 * update-notifier counts such updates as security updates the same way).
 */
public final class AptUpdates {
    private AptUpdates() {
    }

    /** The packages {@code apt-cache policy} must describe for {@link #pending}. */
    public static List<String> packagesToDescribe(AptSimulation simulation) {
        List<String> names = new ArrayList<>();
        simulation.installs().forEach(i -> names.add(i.name()));
        names.addAll(simulation.keptBack());
        names.addAll(simulation.phased());
        return names;
    }

    /**
     * @throws IllegalArgumentException when a package of the simulation is missing from the policies
     *     (its security status could not be decided), naming it
     */
    public static List<PendingUpdate> pending(AptSimulation simulation, Map<String, AptPolicy> policies) {
        List<PendingUpdate> updates = new ArrayList<>();
        for (AptSimulation.PlannedInstall install : simulation.installs()) {
            AptPolicy policy = policyOf(install.name(), policies);
            String origin = String.join(", ", install.origins());
            Optional<String> reason = install.origins().stream().filter(o -> o.endsWith("-security")).findFirst()
                    .map(o -> "the candidate comes from " + o)
                    .or(() -> securityReason(policy));
            updates.add(new PendingUpdate(install.name(), install.installed(), install.candidate(), origin, reason,
                    Hold.NONE, List.of(install.line(), policy.summary()), upgradeCommand(install.name()),
                    "run `" + upgradeCommand(install.name()) + "` on the host"));
        }
        for (String name : simulation.keptBack()) {
            updates.add(notOffered(name, policyOf(name, policies), Hold.KEPT_BACK, "apt-get -s dist-upgrade keeps "
                    + name + " back", "find out why it is kept back (`apt-mark showhold`, `apt-get -s install " + name
                    + "`), release the hold if there is one (`apt-mark unhold " + name + "`), then run `"
                    + upgradeCommand(name) + "`"));
        }
        for (String name : simulation.phased()) {
            updates.add(notOffered(name, policyOf(name, policies), Hold.PHASED, "apt-get -s dist-upgrade defers "
                    + name + " due to phasing", "nothing is neglected: apt installs it when this host's phase of the "
                    + "staged rollout comes; to install it now run `apt-get update && apt-get install --only-upgrade "
                    + "-o APT::Get::Always-Include-Phased-Updates=true " + name + "`"));
        }
        return updates;
    }

    /** An update apt does not plan to install: its candidate and origin come from the version table. */
    private static PendingUpdate notOffered(String name, AptPolicy policy, Hold hold, String why, String fix) {
        String candidate = policy.candidate().orElseThrow(() -> new IllegalArgumentException(
                why + ", but apt-cache policy shows no candidate for it"));
        String origin = String.join(", ", policy.candidateSources().stream().map(Source::suite).distinct().toList());
        return new PendingUpdate(name, policy.installed(), candidate, origin, securityReason(policy), hold,
                List.of(why, policy.summary()), upgradeCommand(name), fix);
    }

    private static String upgradeCommand(String name) {
        return "apt-get update && apt-get install --only-upgrade " + name;
    }

    private static AptPolicy policyOf(String name, Map<String, AptPolicy> policies) {
        AptPolicy policy = policies.get(name);
        if (policy == null) {
            throw new IllegalArgumentException("apt-cache policy did not describe " + name
                    + ", so whether its update is a security update is unknown");
        }
        return policy;
    }

    private static Optional<String> securityReason(AptPolicy policy) {
        Optional<Source> candidateFromSecurity = policy.candidateSources().stream().filter(Source::isSecurity)
                .findFirst();
        if (candidateFromSecurity.isPresent()) {
            return Optional.of("the candidate comes from " + candidateFromSecurity.get().suite());
        }
        List<TableVersion> fixes = policy.securityVersionsNewerThanInstalled();
        if (fixes.isEmpty()) {
            return Optional.empty();
        }
        TableVersion fix = fixes.get(0);
        String suite = fix.sources().stream().filter(Source::isSecurity).findFirst().map(Source::suite).orElseThrow();
        return Optional.of(suite + " has " + fix.version() + ", a security fix newer than the installed version "
                + "that the candidate supersedes");
    }
}
