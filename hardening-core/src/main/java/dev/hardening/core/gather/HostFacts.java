package dev.hardening.core.gather;

import java.util.List;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.packages.AutoUpdateFacts;
import dev.hardening.core.facts.packages.PackageFacts;
import dev.hardening.core.facts.firewall.FirewallRuleset;
import dev.hardening.core.facts.firewall.ProbeResult;
import dev.hardening.core.facts.net.SocketInventory;
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

    /** Every listening TCP and UDP socket with its owners, and the interfaces. */
    Fact<SocketInventory> sockets();

    /** The inbound firewall rules, from nftables and iptables/ip6tables. */
    Fact<FirewallRuleset> firewall();

    /** TCP connects to the public ports; not applicable unless the policy sets {@code firewall: { probe: true }}. */
    Fact<List<ProbeResult>> firewallProbe();
}
