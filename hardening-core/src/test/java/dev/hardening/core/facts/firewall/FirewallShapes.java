package dev.hardening.core.facts.firewall;

import java.util.ArrayList;
import java.util.List;

import dev.hardening.core.Fixtures;
import dev.hardening.core.facts.net.IpFamily;

/** The captured rule shapes under fixtures/firewall/graph/, read as the gatherer reads a host. */
public final class FirewallShapes {
    private FirewallShapes() {
    }

    /** nft's ruleset, and iptables-nft-save's where the shape has one. */
    public static FirewallRuleset shape(String name, Forwarding forwarding) {
        List<ParsedRuleset> parsed = new ArrayList<>();
        parsed.add(NftJsonParser.parse(Fixtures.read("firewall/graph/" + name + ".nft.json")));
        if (Fixtures.class.getResource("/fixtures/firewall/graph/" + name + ".iptables.save") != null) {
            parsed.add(IptablesSaveParser.parse(Fixtures.read("firewall/graph/" + name + ".iptables.save"),
                    IpFamily.IPV4, "iptables-nft"));
            parsed.add(IptablesSaveParser.parse(Fixtures.read("firewall/graph/" + name + ".ip6tables.save"),
                    IpFamily.IPV6, "ip6tables-nft"));
        }
        return FirewallRuleset.combine(parsed, true, forwarding);
    }

    /** The shape on a host whose forwarding settings could not be read, so count as on. */
    public static FirewallRuleset shape(String name) {
        return shape(name, Forwarding.parse(""));
    }
}
