package dev.hardening.core;

import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.HostConnector;
import dev.hardening.core.gate.KnownHostsFiles;
import dev.hardening.core.gather.ProbeRoutes;
import dev.hardening.core.host.Bastions;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.HostException;
import dev.hardening.core.host.SshHost;
import dev.hardening.core.host.SshSettings;
import dev.hardening.core.host.Timeouts;
import dev.hardening.core.host.UnreachableHost;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.HostSpec;

/**
 * The checks without a gate, for custom tooling: open a {@link HostCheck} on a host and ask it for
 * findings, e.g. {@code Hardening.check(host).ssh().keyOnly()}. The checks are those of the families on
 * the class path ({@link FamilyRegistry#discover()}) unless a registry is given.
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
        return check(host, spec, checks, FamilyRegistry.discover());
    }

    /** Like {@link #check(Host, HostSpec, ChecksConfig)} with these families' checks. */
    public static HostCheck check(Host host, HostSpec spec, ChecksConfig checks, FamilyRegistry registry) {
        return new HostCheck(host, false, spec, checks, registry, Timeouts.DEFAULT, ProbeRoutes.DIRECT);
    }

    /**
     * Connects to a policy's host (strict host keys, as the gate does; the firewall probe goes where
     * the options route it); closing the session disconnects.
     */
    public static HostCheck connect(HostSpec spec, ChecksConfig checks, GateOptions options) throws HostException {
        return connect(spec, checks, options, FamilyRegistry.discover());
    }

    /** Like {@link #connect(HostSpec, ChecksConfig, GateOptions)} with these families' checks. */
    public static HostCheck connect(HostSpec spec, ChecksConfig checks, GateOptions options, FamilyRegistry registry)
            throws HostException {
        return connect(spec, checks, options, registry, KnownHostsFiles.perRun());
    }

    /**
     * Like {@link #connect(HostSpec, ChecksConfig, GateOptions, FamilyRegistry)}, verifying the host key
     * against {@code knownHosts}: a gate run passes one for all its hosts, so each file is parsed once.
     */
    public static HostCheck connect(HostSpec spec, ChecksConfig checks, GateOptions options, FamilyRegistry registry,
            KnownHostsFiles knownHosts) throws HostException {
        return new HostCheck(HostConnector.open(spec, options, knownHosts), true, spec, checks, registry,
                options.timeouts(), options.probeRoutes());
    }

    /**
     * Like {@link #connect(HostSpec, ChecksConfig, GateOptions, FamilyRegistry)}, reaching the host through the
     * bastion connections of a run (the caller closes them when the run is over).
     */
    public static HostCheck connect(HostSpec spec, ChecksConfig checks, GateOptions options, FamilyRegistry registry,
            Bastions bastions) throws HostException {
        return connect(spec, checks, options, registry, KnownHostsFiles.perRun(), bastions);
    }

    /** Like the others, with a run's shared known_hosts files and bastion connections. */
    public static HostCheck connect(HostSpec spec, ChecksConfig checks, GateOptions options, FamilyRegistry registry,
            KnownHostsFiles knownHosts, Bastions bastions) throws HostException {
        return new HostCheck(HostConnector.open(spec, options, knownHosts, bastions), true, spec, checks, registry,
                options.timeouts(), options.probeRoutes());
    }

    /**
     * A session on a host that could not be reached: only the facts the gate's machine reads itself are
     * known, so checks that need no login (TLS endpoints) still run.
     */
    public static HostCheck unreachable(HostSpec spec, String reason, ChecksConfig checks, GateOptions options,
            FamilyRegistry registry) {
        return new HostCheck(new UnreachableHost(spec.name(), reason), true, spec, checks,
                registry, options.timeouts(), options.probeRoutes());
    }

    private static HostSpec describe(Host host) {
        if (host instanceof SshHost ssh) {
            SshSettings s = ssh.settings();
            return HostSpec.builder(s.address()).name(host.name()).port(s.port()).user(s.user()).sudo(s.sudo()).build();
        }
        return HostSpec.builder("localhost").name(host.name()).user(host.loginUser()).sudo(host.usesSudo()).build();
    }
}
