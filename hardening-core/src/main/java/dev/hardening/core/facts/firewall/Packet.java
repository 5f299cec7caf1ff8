package dev.hardening.core.facts.firewall;

import java.net.InetAddress;
import java.util.Optional;

import dev.hardening.core.facts.net.IpFamily;
import dev.hardening.core.util.IpAddresses;

/**
 * A representative packet of a NEW connection, as the rules see it.
 *
 * @param protocol {@code tcp}, {@code udp}, {@code icmp} or {@code icmpv6}
 * @param destination empty for a packet to one of the host's own addresses, which the rules may name
 *        but the evaluator does not know; a forwarded packet has its (DNAT) destination here
 * @param toHost true on the input path (addrtype LOCAL), false for a packet the host forwards
 * @param icmpType the ICMP(v6) type of an ICMP packet, -1 otherwise
 */
public record Packet(IpFamily family, String protocol, InetAddress source, Optional<InetAddress> destination,
        Iface in, Iface out, int sourcePort, int destinationPort, int icmpType, boolean toHost) {

    /**
     * An interface a packet arrives on or leaves by.
     *
     * @param name empty for an interface whose name is not known
     * @param unnamedByRules true for "any other interface": one that no rule names
     */
    public record Iface(Optional<String> name, boolean unnamedByRules) {
        public static final Iface OTHER = new Iface(Optional.empty(), true);
        public static final Iface UNKNOWN = new Iface(Optional.empty(), false);

        public static Iface named(String name) {
            return new Iface(Optional.of(name), false);
        }

        /** Whether an interface name pattern ({@code eth0}, {@code eth*}, iptables' {@code eth+}) names this one. */
        Truth matches(String pattern) {
            if (name.isPresent()) {
                String n = name.get();
                boolean wildcard = pattern.endsWith("*") || pattern.endsWith("+");
                return Truth.of(wildcard ? n.startsWith(pattern.substring(0, pattern.length() - 1)) : n.equals(pattern));
            }
            // a packet from a public source never arrives on loopback, whatever the names
            return unnamedByRules || pattern.equals("lo") ? Truth.NO : Truth.MAYBE;
        }

        @Override
        public String toString() {
            return name.orElse(unnamedByRules ? "any other interface" : "an interface whose name is unknown");
        }
    }

    public boolean hasPorts() {
        return protocol.equals("tcp") || protocol.equals("udp");
    }

    /** {@code a NEW tcp packet from 198.51.100.7 on eth0 to port 31337}. */
    public String describe() {
        String to = destination.map(d -> " to " + IpAddresses.format(d)).orElse("");
        String what = hasPorts() ? (to.isEmpty() ? " to port " : ":") + destinationPort : " (type " + icmpType + ")";
        return "a NEW " + protocol + " packet from " + IpAddresses.format(source) + " on " + in + to + what;
    }
}
