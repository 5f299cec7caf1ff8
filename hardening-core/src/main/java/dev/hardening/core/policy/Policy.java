package dev.hardening.core.policy;

import java.util.List;
import java.util.Optional;

/**
 * A whole policy: the hosts, the check settings and the waivers.
 *
 * @param source the file it was read from; empty for the built-in baseline
 */
public record Policy(Optional<String> source, List<HostSpec> hosts, ChecksConfig checks, List<Waiver> waivers) {

    public Policy {
        hosts = List.copyOf(hosts);
        checks = checks == null ? ChecksConfig.DEFAULT : checks;
        waivers = waivers == null ? List.of() : List.copyOf(waivers);
    }

    /** The default baseline: every check with its defaults, on the machine running the gate. */
    public static Policy baseline() {
        return new Policy(Optional.empty(), List.of(HostSpec.local()), ChecksConfig.DEFAULT, List.of());
    }
}
