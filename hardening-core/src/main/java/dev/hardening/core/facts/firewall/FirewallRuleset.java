package dev.hardening.core.facts.firewall;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.hardening.core.facts.net.IpFamily;
import dev.hardening.core.facts.net.Transport;
import dev.hardening.core.facts.FactKey;

/**
 * What the host's firewall does with inbound packets, from every ruleset that could be read.
 *
 * @param sources one line per tool read, e.g. "nft -j list ruleset: 1 table", for the evidence
 * @param tables how many tables all sources hold together; 0 means no ruleset at all
 * @param managers the tools that manage the rules: ufw, firewalld, or the plain tools
 * @param ipv6 true when the kernel has IPv6, so IPv6 packets must be covered too
 */
public record FirewallRuleset(List<String> sources, int tables, List<InputChain> chains, List<String> managers,
        boolean ipv6) {
    /** The fact: the inbound firewall rules, from nftables and iptables/ip6tables. */
    public static final FactKey<FirewallRuleset> KEY = FactKey.of("firewall");


    public FirewallRuleset {
        sources = List.copyOf(sources);
        chains = List.copyOf(chains);
        managers = List.copyOf(managers);
    }

    /**
     * Puts together what every tool read. Tables that {@code iptables-nft} lists are also in nft's
     * ruleset; they are taken from iptables-save, which shows their rules plainly, and not twice.
     */
    public static FirewallRuleset combine(List<ParsedRuleset> parsed, boolean ipv6) {
        Set<String> viaIptablesNft = new LinkedHashSet<>();
        parsed.stream().filter(p -> p.tool().endsWith("tables-nft")).forEach(p -> viaIptablesNft.addAll(p.tables()));
        List<String> sources = new ArrayList<>();
        List<InputChain> chains = new ArrayList<>();
        Set<String> tables = new LinkedHashSet<>();
        Set<String> managers = new LinkedHashSet<>();
        for (ParsedRuleset p : parsed) {
            boolean nft = p.tool().equals("nftables");
            List<String> own = p.tables().stream().filter(t -> !(nft && viaIptablesNft.contains(t))).toList();
            sources.add(p.tool() + ": " + (p.tables().isEmpty() ? "no tables" : String.join(", ", p.tables()))
                    + (own.size() < p.tables().size() ? " (the iptables-nft tables are read through iptables-nft-save)" : ""));
            p.inputChains().stream().filter(c -> !nft || own.contains(c.table())).forEach(chains::add);
            tables.addAll(p.tables());
            if (p.chainNames().stream().anyMatch(c -> c.startsWith("ufw-") || c.startsWith("ufw6-"))) {
                managers.add("ufw");
            }
            if (p.tables().contains("inet firewalld") || p.chainNames().contains("INPUT_direct")) {
                managers.add("firewalld");
            }
        }
        if (managers.isEmpty()) {
            parsed.stream().filter(p -> !p.tables().isEmpty()).forEach(p -> managers.add(p.tool()));
        }
        return new FirewallRuleset(sources, tables.size(), chains, List.copyOf(managers), ipv6);
    }

    /** The input chains that see packets of the family. */
    public List<InputChain> chainsFor(IpFamily family) {
        return chains.stream().filter(c -> c.families().contains(family)).toList();
    }

    /**
     * The chains that drop unmatched packets of the family. Every input chain sees every packet and a
     * drop in any of them is final, so one such chain makes default-deny hold.
     */
    public List<InputChain> denyingChains(IpFamily family) {
        return chainsFor(family).stream().filter(InputChain::deniesByDefault).toList();
    }

    /** The accept rules for the port, in any chain that sees the family. */
    public List<PortRule> acceptRulesFor(IpFamily family, Transport transport, int port) {
        List<PortRule> rules = new ArrayList<>();
        chainsFor(family).forEach(c -> c.acceptedPorts().stream().filter(r -> r.allows(transport, port))
                .forEach(rules::add));
        return rules;
    }
}
