package dev.hardening.core.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.hardening.core.Fixtures;
import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.FactKey;
import dev.hardening.core.facts.firewall.FirewallRuleset;
import dev.hardening.core.facts.firewall.Forwarding;
import dev.hardening.core.facts.firewall.NftJsonParser;
import dev.hardening.core.facts.firewall.ProbeResult;
import dev.hardening.core.facts.net.InterfaceParsers;
import dev.hardening.core.facts.net.IpFamily;
import dev.hardening.core.facts.net.ListeningSocket;
import dev.hardening.core.facts.net.ProcNetParser;
import dev.hardening.core.facts.net.SocketInventory;
import dev.hardening.core.facts.net.SocketOwners;
import dev.hardening.core.facts.net.Transport;

/** Host facts made from fixtures, for the network checks' rules. */
record NetworkFacts(Fact<SocketInventory> sockets, Fact<FirewallRuleset> firewall, Fact<List<ProbeResult>> firewallProbe)
        implements UngatheredFacts {

    /** The lab host of the fixtures: listeners on loopback, the private address, 198.18.0.10, 0.0.0.0, [::], UDP 161. */
    static SocketInventory labInventory(String fdListing) {
        SocketOwners owners = SocketOwners.parse(Fixtures.read("net/" + fdListing)).withNames(Fixtures.read("net/lab.comm.txt"));
        List<ListeningSocket> sockets = new ArrayList<>();
        sockets.addAll(ProcNetParser.parse(Fixtures.read("net/lab.tcp"), Transport.TCP, IpFamily.IPV4));
        sockets.addAll(ProcNetParser.parse(Fixtures.read("net/lab.tcp6"), Transport.TCP, IpFamily.IPV6));
        sockets.addAll(ProcNetParser.parse(Fixtures.read("net/lab.udp"), Transport.UDP, IpFamily.IPV4));
        return new SocketInventory("/proc/net/{tcp,tcp6,udp,udp6}", sockets.stream().map(owners::attach).toList(),
                InterfaceParsers.parseIpJson(Fixtures.read("net/lab.ip-addr.json")), "");
    }

    /** The sockets on a host whose firewall publishes nothing by DNAT. */
    static NetworkFacts sockets(SocketInventory inventory) {
        return withFirewall(inventory, Fact.known(FirewallRuleset.combine(List.of(), true,
                Forwarding.parse(Forwarding.IPV4_FILE + "=0\n" + Forwarding.IPV6_FILE + "=0\n"))));
    }

    static NetworkFacts withFirewall(SocketInventory inventory, Fact<FirewallRuleset> firewall) {
        return new NetworkFacts(Fact.known(inventory), firewall, Fact.notApplicable("off"));
    }

    static NetworkFacts nft(String fixture, boolean ipv6) {
        return new NetworkFacts(Fact.unknown("not read", List.of()),
                Fact.known(FirewallRuleset.combine(List.of(NftJsonParser.parse(Fixtures.read("firewall/" + fixture))), ipv6,
                        Forwarding.parse(""))),
                Fact.notApplicable("off"));
    }

    @Override
    public String hostName() {
        return "lab";
    }

    @Override
    public Map<FactKey<?>, Fact<?>> given() {
        return Map.of(SocketInventory.KEY, sockets, FirewallRuleset.KEY, firewall, ProbeResult.RESULTS, firewallProbe);
    }

}
