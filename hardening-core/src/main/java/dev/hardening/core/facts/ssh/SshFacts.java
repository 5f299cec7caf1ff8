package dev.hardening.core.facts.ssh;

import java.util.List;

import dev.hardening.core.facts.FactKey;

/**
 * Every SSH daemon of a host, each with its own effective configuration, files and wire probes, and
 * those that listen like sshd but could not be examined.
 */
public record SshFacts(List<SshDaemonFacts> daemons, List<UnexaminedDaemon> unexamined) {
    /** The fact: every sshd of the host with its effective settings for every context, and what it offers on the wire. */
    public static final FactKey<SshFacts> KEY = FactKey.of("ssh");

    public SshFacts {
        daemons = List.copyOf(daemons);
        unexamined = List.copyOf(unexamined);
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
