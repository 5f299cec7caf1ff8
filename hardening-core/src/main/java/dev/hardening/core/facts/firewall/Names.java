package dev.hardening.core.facts.firewall;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import dev.hardening.core.facts.net.IpFamily;

/** The names nft and iptables give protocols, ICMP types and targets, in the model's spelling. */
final class Names {
    private static final Map<String, Integer> ICMP = Map.ofEntries(Map.entry("echo-reply", 0),
            Map.entry("destination-unreachable", 3), Map.entry("source-quench", 4), Map.entry("redirect", 5),
            Map.entry("echo-request", 8), Map.entry("router-advertisement", 9), Map.entry("router-solicitation", 10),
            Map.entry("time-exceeded", 11), Map.entry("parameter-problem", 12), Map.entry("timestamp-request", 13),
            Map.entry("timestamp-reply", 14), Map.entry("info-request", 15), Map.entry("info-reply", 16),
            Map.entry("address-mask-request", 17), Map.entry("address-mask-reply", 18));
    private static final Map<String, Integer> ICMPV6 = Map.ofEntries(Map.entry("destination-unreachable", 1),
            Map.entry("packet-too-big", 2), Map.entry("time-exceeded", 3), Map.entry("parameter-problem", 4),
            Map.entry("echo-request", 128), Map.entry("echo-reply", 129), Map.entry("mld-listener-query", 130),
            Map.entry("mld-listener-report", 131), Map.entry("mld-listener-done", 132),
            Map.entry("mld-listener-reduction", 132), Map.entry("nd-router-solicit", 133),
            Map.entry("router-solicitation", 133), Map.entry("nd-router-advert", 134),
            Map.entry("router-advertisement", 134), Map.entry("nd-neighbor-solicit", 135),
            Map.entry("neighbour-solicitation", 135), Map.entry("neighbor-solicitation", 135),
            Map.entry("nd-neighbor-advert", 136), Map.entry("neighbour-advertisement", 136),
            Map.entry("neighbor-advertisement", 136), Map.entry("nd-redirect", 137), Map.entry("redirect", 137),
            Map.entry("router-renumbering", 138), Map.entry("ind-neighbor-solicit", 141),
            Map.entry("ind-neighbor-advert", 142), Map.entry("mld2-listener-report", 143));
    /** iptables targets that change or log the packet and let the next rule see it. */
    private static final Set<String> NON_TERMINAL_TARGETS = Set.of("LOG", "NFLOG", "ULOG", "MARK", "CONNMARK", "CT",
            "NOTRACK", "TCPMSS", "AUDIT", "CLASSIFY", "DSCP", "TOS", "TTL", "HL", "TRACE", "SET", "CHECKSUM",
            "CONNSECMARK", "SECMARK", "IDLETIMER", "RATEEST", "LED", "TEE");

    private Names() {
    }

    /**
     * {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6} from a name or number either tool prints; other
     * protocols keep their name; empty for "every protocol".
     */
    static Optional<String> protocol(String name) {
        String p = name.toLowerCase(Locale.ROOT);
        return switch (p) {
            case "all", "0" -> Optional.empty();
            case "6" -> Optional.of("tcp");
            case "17" -> Optional.of("udp");
            case "1" -> Optional.of("icmp");
            case "58", "ipv6-icmp", "icmp6" -> Optional.of("icmpv6");
            default -> Optional.of(p);
        };
    }

    /** An ICMP type from its number ({@code 8}, {@code 3/4} for type 3 code 4) or name; empty when unknown. */
    static OptionalInt icmpType(IpFamily family, String text) {
        String type = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
        try {
            int n = Integer.parseInt(type);
            return n >= 0 && n <= 255 ? OptionalInt.of(n) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            Integer named = (family == IpFamily.IPV4 ? ICMP : ICMPV6).get(type.toLowerCase(Locale.ROOT));
            return named == null ? OptionalInt.empty() : OptionalInt.of(named);
        }
    }

    /** The verdict of an iptables target that is not a chain of the table. */
    static Verdict target(String target, String arguments) {
        return switch (target) {
            case "ACCEPT" -> Verdict.ACCEPT;
            case "DROP" -> Verdict.DROP;
            case "REJECT" -> Verdict.REJECT;
            case "RETURN" -> Verdict.RETURN;
            case "QUEUE", "NFQUEUE" -> Verdict.QUEUE;
            case "DNAT" -> new Verdict(Verdict.Kind.DNAT, arguments);
            case "SNAT", "MASQUERADE", "REDIRECT", "NETMAP" -> new Verdict(Verdict.Kind.NAT, target);
            default -> NON_TERMINAL_TARGETS.contains(target) ? Verdict.CONTINUE
                    : Verdict.unknown(("-j " + target + " " + arguments).strip());
        };
    }
}
