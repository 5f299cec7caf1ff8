package dev.hardening.core.gather;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.packages.AutoUpdateFacts;
import dev.hardening.core.facts.packages.PackageFacts;
import dev.hardening.core.facts.ssh.SshFacts;
import dev.hardening.core.facts.tls.TlsFacts;

/** The facts of one host, gathered at most once and shared by every check. */
public interface HostFacts {

    /** The label of the host in reports. */
    String hostName();

    Fact<SshFacts> ssh();

    /** Pending updates, the package index's age and a pending reboot. */
    Fact<PackageFacts> packages();

    /** Whether the host installs updates by itself. */
    Fact<AutoUpdateFacts> autoUpdates();

    /** The TLS endpoints and certificate files the policy lists for the host; not applicable when none. */
    Fact<TlsFacts> tls();
}
