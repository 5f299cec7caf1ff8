package dev.hardening.core;

import dev.hardening.core.checks.Checks;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.HostConnector;
import dev.hardening.core.gather.ProbeRoutes;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.HostException;
import dev.hardening.core.host.SshHost;
import dev.hardening.core.host.SshSettings;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.HostSpec;

/**
 * The checks without a gate, for custom tooling: open a {@link HostCheck} on a host and ask it for
 * findings, e.g. {@code Hardening.check(host).ssh().keyOnly()}.
 */
public final class Hardening {
    private Hardening() {
    }

    /**
     * Checks an open host with the default settings, as its login user. The caller keeps the host
     * and closes it. A host that is not reached over SSH serves its ports on {@code localhost}.
     */
    public static HostCheck check(Host host) {
        return check(host, describe(host), ChecksConfig.DEFAULT);
    }

    /** Checks an open host described by a policy entry, starting from the policy's check settings. */
    public static HostCheck check(Host host, HostSpec spec, ChecksConfig checks) {
        return new HostCheck(host, false, spec, checks, Checks.all(), ProbeRoutes.DIRECT);
    }

    /**
     * Connects to a policy's host (strict host keys, as the gate does; the firewall probe goes where
     * the options route it); closing the session disconnects.
     */
    public static HostCheck connect(HostSpec spec, ChecksConfig checks, GateOptions options) throws HostException {
        return new HostCheck(HostConnector.open(spec, options), true, spec, checks, Checks.all(),
                options.probeRoutes());
    }

    private static HostSpec describe(Host host) {
        if (host instanceof SshHost ssh) {
            SshSettings s = ssh.settings();
            return new HostSpec(host.name(), s.address(), s.port(), s.user(), null, null, null, null, s.sudo(), null);
        }
        return new HostSpec(host.name(), "localhost", null, host.loginUser(), null, null, null, null, host.usesSudo(),
                null);
    }
}
