package dev.hardening.core.gate;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import dev.hardening.core.family.Check;
import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.Policy;
import dev.hardening.core.util.Glob;

/**
 * A subset of a run picked without editing the policy: check ids and host names by glob
 * ({@code -Dhardening.checks=ssh.*,tls.chain}, {@code -Dhardening.hosts=web*}). A pattern that picks
 * nothing is a mistake to report, not an empty run that passes.
 *
 * @param checks the check patterns; empty: every check
 * @param hosts the host patterns; empty: every host
 */
public record Selection(List<Glob> checks, List<Glob> hosts) {
    public Selection {
        checks = List.copyOf(checks);
        hosts = List.copyOf(hosts);
    }

    /** From comma-separated patterns; null or blank selects everything. */
    public static Selection parse(String checks, String hosts) {
        return new Selection(patterns(checks), patterns(hosts));
    }

    /** The registry with only the selected checks; every fact source stays. */
    public FamilyRegistry apply(FamilyRegistry registry) {
        if (checks.isEmpty()) {
            return registry;
        }
        List<String> ids = registry.checks().stream().map(Check::id).map(Object::toString).toList();
        for (Glob pattern : checks) {
            if (ids.stream().noneMatch(pattern::matches)) {
                throw new IllegalArgumentException("hardening.checks: '" + pattern + "' matches no check (the checks "
                        + "are " + String.join(", ", ids) + ")");
            }
        }
        return registry.selecting(id -> checks.stream().anyMatch(p -> p.matches(id.id())));
    }

    /** The policy with only the selected hosts. */
    public Policy apply(Policy policy) {
        if (hosts.isEmpty()) {
            return policy;
        }
        List<String> names = policy.hosts().stream().map(HostSpec::name).toList();
        for (Glob pattern : hosts) {
            if (names.stream().noneMatch(pattern::matches)) {
                throw new IllegalArgumentException("hardening.hosts: '" + pattern + "' matches no host of the policy "
                        + "(its hosts are " + String.join(", ", names) + ")");
            }
        }
        return policy.withHosts(policy.hosts().stream()
                .filter(h -> hosts.stream().anyMatch(p -> p.matches(h.name()))).toList());
    }

    private static List<Glob> patterns(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(p -> !p.isEmpty()).map(Glob::of)
                .collect(Collectors.toList());
    }
}
