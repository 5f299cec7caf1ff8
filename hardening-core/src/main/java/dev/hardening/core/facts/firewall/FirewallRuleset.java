package dev.hardening.core.facts.firewall;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import dev.hardening.core.facts.FactKey;
import dev.hardening.core.facts.firewall.Packet.Iface;
import dev.hardening.core.facts.net.IpFamily;
import dev.hardening.core.facts.net.Transport;
import dev.hardening.core.util.IpAddresses;

/**
 * The host's firewall as one rule graph, from every ruleset that could be read, and what it does with
 * representative packets from outside.
 *
 * @param sources one line per tool read, e.g. "nftables: inet filter", for the evidence
 * @param tables every table of every tool, each once
 * @param managers the tools that manage the rules: ufw, firewalld, or the plain tools
 * @param ipv6 true when the kernel has IPv6, so IPv6 packets must be covered too
 */
public record FirewallRuleset(List<String> sources, List<Table> tables, List<String> managers, boolean ipv6,
        Forwarding forwarding) {
    /** The fact: the inbound firewall rules, from nftables and iptables/ip6tables, as one rule graph. */
    public static final FactKey<FirewallRuleset> KEY = FactKey.of("firewall");
    /** Documentation addresses (RFC 5737, RFC 3849): a source no rule names on a real host. */
    private static final InetAddress PUBLIC_V4 = IpAddresses.parse("198.51.100.7").orElseThrow();
    private static final InetAddress PUBLIC_V6 = IpAddresses.parse("2001:db8::7").orElseThrow();
    /** A port range this wide is not a deliberate exception: it opens the host. */
    private static final int WIDE_RANGE = 32768;

    public FirewallRuleset {
        sources = List.copyOf(sources);
        tables = List.copyOf(tables);
        managers = List.copyOf(managers);
    }

    /**
     * Puts together what every tool read. Tables that {@code iptables-nft} lists are also in nft's
     * ruleset; they are taken from iptables-save, which shows their rules plainly, and not twice.
     */
    public static FirewallRuleset combine(List<ParsedRuleset> parsed, boolean ipv6, Forwarding forwarding) {
        Set<String> viaIptablesNft = new LinkedHashSet<>();
        parsed.stream().filter(p -> p.tool().endsWith("tables-nft")).forEach(p -> viaIptablesNft.addAll(p.tableNames()));
        List<String> sources = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        Set<String> managers = new LinkedHashSet<>();
        for (ParsedRuleset p : parsed) {
            boolean nft = p.tool().equals("nftables");
            List<Table> own = p.tables().stream().filter(t -> !(nft && viaIptablesNft.contains(t.qualifiedName()))).toList();
            sources.add(p.tool() + ": " + (p.tables().isEmpty() ? "no tables" : String.join(", ", p.tableNames()))
                    + (own.size() < p.tables().size() ? " (the iptables-nft tables are read through iptables-nft-save)" : ""));
            tables.addAll(own);
            if (p.chainNames().stream().anyMatch(c -> c.startsWith("ufw-") || c.startsWith("ufw6-"))) {
                managers.add("ufw");
            }
            if (p.tableNames().contains("inet firewalld") || p.chainNames().contains("INPUT_direct")) {
                managers.add("firewalld");
            }
        }
        if (managers.isEmpty()) {
            parsed.stream().filter(p -> !p.tables().isEmpty()).forEach(p -> managers.add(p.tool()));
        }
        return new FirewallRuleset(sources, tables, List.copyOf(managers), ipv6, forwarding);
    }

    /** The families the host has: IPv4, and IPv6 where the kernel has it. */
    public List<IpFamily> families() {
        return ipv6 ? List.of(IpFamily.IPV4, IpFamily.IPV6) : List.of(IpFamily.IPV4);
    }

    /** The base chains on the hook that see packets of the family, in the order netfilter runs them. */
    public List<BaseChain> baseChains(String hook, IpFamily family) {
        return HookEvaluator.baseChains(tables, hook, family);
    }

    /**
     * What the input path does with a NEW connection from a public source to a port (and ICMP type) no rule
     * names, for tcp, udp and icmp, arriving on each interface and on one that no rule names.
     */
    public FamilyVerdict inbound(IpFamily family, InterfaceNames interfaces) {
        int port = unnamedPort(true);
        int sourcePort = unnamedPort(false);
        List<PacketVerdict> verdicts = new ArrayList<>();
        for (Iface in : interfaces.arrivals()) {
            for (String protocol : List.of("tcp", "udp", family == IpFamily.IPV4 ? "icmp" : "icmpv6")) {
                boolean icmp = protocol.startsWith("icmp");
                Packet packet = new Packet(family, protocol, family == IpFamily.IPV4 ? PUBLIC_V4 : PUBLIC_V6,
                        Optional.empty(), in, Iface.UNKNOWN, icmp ? 0 : sourcePort, icmp ? 0 : port,
                        icmp ? unnamedIcmpType(family) : -1, true);
                verdicts.add(HookEvaluator.evaluate(tables, "input", packet));
            }
        }
        return new FamilyVerdict(family, verdicts);
    }

    /** The rules on the input path that accept named destination ports: the deliberate exceptions. */
    public List<AcceptedPort> acceptedPorts(IpFamily family) {
        List<AcceptedPort> out = new ArrayList<>();
        for (Located located : reachable("input", family)) {
            Rule rule = located.rule();
            Step step = located.step();
            if (!rule.verdict().accepts() || rule.matches().contains(new Match.Family(other(family)))) {
                continue;
            }
            String protocol = protocolOf(rule).orElse("any");
            destinationPorts(rule).flatMap(List::stream)
                    .forEach(r -> out.add(new AcceptedPort(protocol, r, rule.text(), step.chainLabel() + " rule " + step.rule())));
        }
        return out;
    }

    /** The accept rules for the port on the input path of the family. */
    public List<AcceptedPort> acceptRulesFor(IpFamily family, Transport transport, int port) {
        return acceptedPorts(family).stream().filter(r -> r.allows(transport, port)).toList();
    }

    /**
     * The ports published by DNAT rules reachable from {@code prerouting}, each with what the forward hook
     * does with a NEW packet from outside to its target.
     */
    public List<PublishedPort> publishedPorts(InterfaceNames interfaces) {
        List<PublishedPort> out = new ArrayList<>();
        for (IpFamily family : families()) {
            for (Located located : reachable("prerouting", family)) {
                Rule rule = located.rule();
                if (rule.verdict().kind() != Verdict.Kind.DNAT) {
                    continue;
                }
                String protocol = protocolOf(rule).orElse("any");
                List<PortRange> ports = destinationPorts(rule).findFirst().orElse(List.of(PortRange.ALL));
                for (PortRange published : ports) {
                    out.add(new PublishedPort(family, protocol, published, rule.verdict().argument(), located.step(),
                            forwarding.enabled(family), forward(family, protocol, published, rule.verdict().argument(),
                                    interfaces)));
                }
            }
        }
        return out;
    }

    private List<PacketVerdict> forward(IpFamily family, String protocol, PortRange published, String target,
            InterfaceNames interfaces) {
        String host = target.startsWith("[") ? target.substring(1, Math.max(1, target.indexOf(']')))
                : target.contains(":") && family == IpFamily.IPV4 ? target.substring(0, target.indexOf(':')) : target;
        String portText = target.startsWith("[") ? target.substring(target.indexOf(']') + 1).replaceFirst("^:", "")
                : family == IpFamily.IPV4 && target.contains(":") ? target.substring(target.indexOf(':') + 1) : "";
        int port;
        try {
            port = portText.isEmpty() ? published.from() : Integer.parseInt(portText.replaceFirst("-.*", ""));
        } catch (NumberFormatException e) {
            port = published.from();
        }
        Optional<InetAddress> destination = IpAddresses.parse(host);
        List<PacketVerdict> out = new ArrayList<>();
        for (Iface in : interfaces.arrivals()) {
            Packet packet = new Packet(family, protocol.equals("udp") ? "udp" : "tcp",
                    family == IpFamily.IPV4 ? PUBLIC_V4 : PUBLIC_V6, destination, in, Iface.UNKNOWN,
                    unnamedPort(false), port, -1, false);
            out.add(HookEvaluator.evaluate(tables, "forward", packet));
        }
        return out;
    }

    private static IpFamily other(IpFamily family) {
        return family == IpFamily.IPV4 ? IpFamily.IPV6 : IpFamily.IPV4;
    }

    /** The destination ports the rule names plainly (not negated). */
    private static Stream<List<PortRange>> destinationPorts(Rule rule) {
        return rule.matches().stream().filter(Match.Port.class::isInstance).map(Match.Port.class::cast)
                .filter(Match.Port::destination).map(Match.Port::ports);
    }

    private static Optional<String> protocolOf(Rule rule) {
        return rule.matches().stream().filter(Match.Protocol.class::isInstance).map(Match.Protocol.class::cast)
                .filter(p -> p.protocols().size() == 1).map(p -> p.protocols().iterator().next()).findFirst();
    }

    /** A rule with the table and chain it is in. */
    private record Located(Table table, Chain chain, Rule rule) {
        Step step() {
            return Step.of(table, chain, rule);
        }
    }

    /** Every rule in the base chains of the hook and in the chains they jump or go to. */
    private List<Located> reachable(String hook, IpFamily family) {
        List<Located> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (BaseChain base : baseChains(hook, family)) {
            List<Chain> pending = new ArrayList<>(List.of(base.chain()));
            while (!pending.isEmpty()) {
                Chain chain = pending.remove(pending.size() - 1);
                if (!seen.add(base.table().label() + "/" + chain.name())) {
                    continue;
                }
                for (Rule rule : chain.rules()) {
                    out.add(new Located(base.table(), chain, rule));
                    Verdict.Kind kind = rule.verdict().kind();
                    if (kind == Verdict.Kind.JUMP || kind == Verdict.Kind.GOTO) {
                        base.table().chain(rule.verdict().argument()).ifPresent(pending::add);
                    }
                }
            }
        }
        return out;
    }

    /** Every match of every rule, with those inside negations and set lookups. */
    private Stream<Match> allMatches() {
        return tables.stream().flatMap(t -> t.chains().stream()).flatMap(c -> c.rules().stream())
                .flatMap(r -> r.matches().stream()).flatMap(FirewallRuleset::flatten);
    }

    private static Stream<Match> flatten(Match m) {
        if (m instanceof Match.Not not) {
            return flatten(not.match());
        }
        if (m instanceof Match.SetLookup lookup) {
            return flatten(lookup.elements());
        }
        return Stream.of(m);
    }

    /** A port (destination or source) that no rule names; ranges wide enough to open the host do not count. */
    private int unnamedPort(boolean destination) {
        List<PortRange> named = allMatches().filter(Match.Port.class::isInstance).map(Match.Port.class::cast)
                .filter(p -> p.destination() == destination).flatMap(p -> p.ports().stream())
                .filter(r -> r.size() < WIDE_RANGE).toList();
        int start = destination ? 31337 : 47123;
        for (int i = 0; i < 65535; i++) {
            int candidate = 1 + (start - 1 + i) % 65535;
            if (named.stream().noneMatch(r -> r.contains(candidate))) {
                return candidate;
            }
        }
        return start;
    }

    /** An ICMP type no rule names: not echo-request, which many rulesets accept on purpose. */
    private int unnamedIcmpType(IpFamily family) {
        Set<Integer> named = new HashSet<>();
        allMatches().filter(Match.IcmpType.class::isInstance).forEach(m -> named.addAll(((Match.IcmpType) m).types()));
        List<Integer> candidates = family == IpFamily.IPV4 ? List.of(13, 15, 17, 42, 253, 254)
                : List.of(139, 140, 200, 201, 254);
        return candidates.stream().filter(t -> !named.contains(t)).findFirst().orElse(candidates.get(0));
    }
}
