package dev.hardening.core.gate;

import java.nio.file.Path;

import dev.hardening.core.host.Host;
import dev.hardening.core.host.HostException;
import dev.hardening.core.host.HostKeyVerification;
import dev.hardening.core.host.LocalHost;
import dev.hardening.core.host.SshHost;
import dev.hardening.core.host.SshSettings;
import dev.hardening.core.policy.HostSpec;

/** Opens the {@link Host} a policy entry describes: the local machine, or an SSH connection. */
public final class HostConnector {
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

    public static SshSettings settings(HostSpec spec, GateOptions options) throws HostException {
        return settings(spec, options, KnownHostsFiles.perRun());
    }

    /** The connection settings of the host, its known_hosts file taken from {@code knownHosts}. */
    public static SshSettings settings(HostSpec spec, GateOptions options, KnownHostsFiles knownHosts)
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
        return builder.build();
    }
}
