package dev.hardening.core.gate;

import java.nio.file.Path;
import java.util.Optional;

import dev.hardening.core.host.Bastions;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.HostException;
import dev.hardening.core.host.HostKeyVerification;
import dev.hardening.core.host.LocalHost;
import dev.hardening.core.host.SshHost;
import dev.hardening.core.host.SshSettings;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.JumpChains;

/** Opens the {@link Host} a policy entry describes: the local machine, or an SSH connection. */
public final class HostConnector {
    /** Where a running ssh-agent listens, as OpenSSH's clients find it. */
    public static final String AUTH_SOCK = "SSH_AUTH_SOCK";

    private HostConnector() {
    }

    public static Host open(HostSpec spec, GateOptions options) throws HostException {
        return open(spec, options, KnownHostsFiles.perRun());
    }

    /** Opens the host, verifying its key against {@code knownHosts}, which a gate run shares between its hosts. */
    public static Host open(HostSpec spec, GateOptions options, KnownHostsFiles knownHosts) throws HostException {
        if (spec.isLocal()) {
            return new LocalHost(spec.name(), spec.sudo(), options.timeouts());
        }
        return SshHost.connect(settings(spec, options, knownHosts));
    }

    /** Like {@link #open(HostSpec, GateOptions)}, sharing the bastion connections of a run. */
    public static Host open(HostSpec spec, GateOptions options, Bastions bastions) throws HostException {
        return open(spec, options, KnownHostsFiles.perRun(), bastions);
    }

    /** Opens the host with a run's shared known_hosts files and bastion connections. */
    public static Host open(HostSpec spec, GateOptions options, KnownHostsFiles knownHosts, Bastions bastions)
            throws HostException {
        if (spec.isLocal()) {
            return open(spec, options, knownHosts);
        }
        return SshHost.connect(settings(spec, options, knownHosts), bastions);
    }

    /** How to reach the host: its own connection settings and those of each bastion in front of it. */
    public static SshSettings settings(HostSpec spec, GateOptions options) throws HostException {
        return settings(spec, options, KnownHostsFiles.perRun());
    }

    /**
     * How to reach the host: its own connection settings and those of each bastion in front of it, every
     * known_hosts file taken from {@code knownHosts}.
     */
    public static SshSettings settings(HostSpec spec, GateOptions options, KnownHostsFiles knownHosts)
            throws HostException {
        SshSettings.Builder builder = connection(spec, options, knownHosts);
        for (HostSpec hop : JumpChains.hops(spec)) {
            builder.jump(connection(hop, options, knownHosts).build());
        }
        return builder.build();
    }

    private static SshSettings.Builder connection(HostSpec spec, GateOptions options, KnownHostsFiles knownHosts)
            throws HostException {
        HostKeyVerification hostKeys = spec.hostKey() != null
                ? HostKeyVerification.pinned(spec.hostKey())
                : knownHosts.verification(spec.knownHosts() != null ? Path.of(spec.knownHosts())
                        : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
        SshSettings.Builder builder = SshSettings.builder(spec.address()).name(spec.name()).port(spec.port())
                .user(spec.loginUser()).sudo(spec.sudo()).hostKeys(hostKeys).timeouts(options.timeouts());
        if (spec.identity() != null) {
            builder.identity(Path.of(spec.identity()));
        }
        try {
            options.passphrases().passphraseFor(spec)
                    .ifPresent(p -> builder.passphrase(p.value()::clone, p.origin()));
        } catch (IllegalStateException e) {
            throw new HostException(e.getMessage());
        }
        agentSocket(spec, options).ifPresent(builder::agent);
        return builder;
    }

    /**
     * The ssh-agent to ask for keys: with {@code agent: true} the one {@code SSH_AUTH_SOCK} names (an error when
     * none is), with {@code agent:} unset the running one when the host gives no identity, else none.
     */
    private static Optional<Path> agentSocket(HostSpec spec, GateOptions options) throws HostException {
        String socket = options.environment().apply(AUTH_SOCK);
        boolean running = socket != null && !socket.isBlank();
        if (Boolean.TRUE.equals(spec.agent()) && !running) {
            throw new HostException("host " + spec.name() + " has agent: true, but " + AUTH_SOCK + " is not set: start "
                    + "an ssh-agent (eval $(ssh-agent)), ssh-add the key, and run the gate from that shell");
        }
        boolean use = Boolean.TRUE.equals(spec.agent()) || (spec.agent() == null && spec.identity() == null && running);
        return use ? Optional.of(Path.of(socket)) : Optional.empty();
    }
}
