package dev.hardening.junit.lab;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.hardening.core.family.Check;
import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.gate.Gate;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.GateResult;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.Policy;

/** Runs the gate on lab hosts the way the Maven goal does, for assertions on its findings. */
final class GateRuns {
    private GateRuns() {
    }

    static GateResult gate(ChecksConfig checks, HostSpec... hosts) {
        return gate(checks, GateOptions.DEFAULT, hosts);
    }

    static GateResult gate(ChecksConfig checks, GateOptions options, HostSpec... hosts) {
        return new Gate(new Policy(Optional.empty(), List.of(hosts), checks, List.of()), options).run();
    }

    /** Runs only the checks of one family (its {@code checks:} section, e.g. {@code ssh}), for tests about it alone. */
    static GateResult gate(String family, ChecksConfig checks, HostSpec... hosts) {
        return gate(family, checks, GateOptions.DEFAULT, hosts);
    }

    /** The same with options, e.g. probe routes to a lab host's ports. */
    static GateResult gate(String family, ChecksConfig checks, GateOptions options, HostSpec... hosts) {
        FamilyRegistry all = FamilyRegistry.discover();
        Set<CheckId> ofFamily = all.families().stream().filter(f -> f.config().section().equals(family))
                .flatMap(f -> f.checks().stream()).map(Check::id).collect(Collectors.toSet());
        return new Gate(new Policy(Optional.empty(), List.of(hosts), checks, List.of()), options,
                all.selecting(ofFamily::contains)).run();
    }

    static List<Finding> findings(GateResult result, CheckId check) {
        return result.findings().stream().filter(f -> f.check().equals(check)).toList();
    }
}
