package dev.hardening.core.gather;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.ssh.SshFacts;
import dev.hardening.core.facts.tls.TlsFacts;

/** The facts of one host, gathered at most once and shared by every check. */
public interface HostFacts {

    /** The label of the host in reports. */
    String hostName();

    Fact<SshFacts> ssh();

    /** The TLS endpoints and certificate files the policy lists for the host; not applicable when none. */
    Fact<TlsFacts> tls();
}
