package dev.hardening.junit.lab;

import java.util.List;
import java.util.Optional;

import dev.hardening.core.gate.Gate;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.GateResult;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.FirewallChecksConfig;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.Policy;
import dev.hardening.core.policy.PortsChecksConfig;

/** Runs the gate on lab hosts the way the Maven goal does, for assertions on its findings. */
final class GateRuns {
    /** Only the SSH checks: the other families would judge the stock lab host's listeners and firewall too. */
    static final ChecksConfig SSH_ONLY = new ChecksConfig(null, new PortsChecksConfig(false, null, null),
            new FirewallChecksConfig(false, null, null), null, null);

    private GateRuns() {
    }

    static GateResult gate(ChecksConfig checks, HostSpec... hosts) {
        return gate(checks, GateOptions.DEFAULT, hosts);
    }

    static GateResult gate(ChecksConfig checks, GateOptions options, HostSpec... hosts) {
        return new Gate(new Policy(Optional.empty(), List.of(hosts), checks, List.of()), options).run();
    }

    static List<Finding> findings(GateResult result, CheckId check) {
        return result.findings().stream().filter(f -> f.check() == check).toList();
    }
}
