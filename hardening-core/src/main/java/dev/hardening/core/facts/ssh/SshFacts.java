package dev.hardening.core.facts.ssh;

import java.util.List;
import java.util.OptionalInt;

import dev.hardening.core.facts.FactKey;

/**
 * Every SSH daemon of a host, each with its own effective configuration, files and wire probes, and
 * those that listen like sshd but could not be examined.
 *
 * @param loginPort the host-side port the gate's own SSH connection arrived on ({@code SSH_CONNECTION});
 *     empty for a host not reached over SSH (this machine, a container by docker exec)
 */
public record SshFacts(List<SshDaemonFacts> daemons, List<UnexaminedDaemon> unexamined, OptionalInt loginPort) {
    /** The fact: every sshd of the host with its effective settings for every context, and what it offers on the wire. */
    public static final FactKey<SshFacts> KEY = FactKey.of("ssh");

    public SshFacts {
        daemons = List.copyOf(daemons);
        unexamined = List.copyOf(unexamined);
    }

    /** Daemons of a host not reached over SSH. */
    public SshFacts(List<SshDaemonFacts> daemons, List<UnexaminedDaemon> unexamined) {
        this(daemons, unexamined, OptionalInt.empty());
    }

    /** A host with one daemon, examined. */
    public static SshFacts of(SshDaemonFacts daemon) {
        return new SshFacts(List.of(daemon), List.of());
    }

    /** True when findings must say which daemon they are about, because there is more than one. */
    public boolean severalDaemons() {
        return daemons.size() + unexamined.size() > 1;
    }
}
