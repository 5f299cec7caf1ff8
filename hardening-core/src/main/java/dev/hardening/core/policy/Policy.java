package dev.hardening.core.policy;

import java.util.List;
import java.util.Optional;

/**
 * A whole policy: the hosts, the check settings and the waivers.
 *
 * @param source the file it was read from; empty for the built-in baseline
 * @param checks the policy's {@code checks:}; a host in a group that overrides some of them has its own,
 *     see {@link #checksFor(HostSpec)}
 * @param rules the policy's defaults and groups, which hosts added later (from an inventory) take too
 */
public record Policy(Optional<String> source, List<HostSpec> hosts, ChecksConfig checks, List<Waiver> waivers,
        HostRules rules) {

    public Policy {
        hosts = List.copyOf(hosts);
        checks = checks == null ? ChecksConfig.DEFAULT : checks;
        waivers = waivers == null ? List.of() : List.copyOf(waivers);
        rules = rules == null ? HostRules.NONE : rules;
    }

    /** A policy without defaults or groups: every host has {@code checks}. */
    public Policy(Optional<String> source, List<HostSpec> hosts, ChecksConfig checks, List<Waiver> waivers) {
        this(source, hosts, checks, waivers, HostRules.NONE);
    }

    /** The default baseline: every check with its defaults, on the machine running the gate. */
    public static Policy baseline() {
        return new Policy(Optional.empty(), List.of(HostSpec.local()), ChecksConfig.DEFAULT, List.of());
    }

    /** The check settings of this host: the policy's, with what the host's groups override. */
    public ChecksConfig checksFor(HostSpec host) {
        return rules.checksFor(host.name()).orElse(checks);
    }

    /**
     * Evidence lines naming the group (and its place in the file) that set each field of this checks
     * section for the host, e.g. {@code checks.ports.publicAllowed from group web (policy.yml:14:9)};
     * empty when the section is the policy's own.
     */
    public List<String> groupSettings(HostSpec host, String section) {
        return rules.origins(host.name(), section);
    }

    /** The same policy for other hosts (a subset, or the same hosts with credentials filled in). */
    public Policy withHosts(List<HostSpec> newHosts) {
        return new Policy(source, newHosts, checks, waivers, rules);
    }
}
