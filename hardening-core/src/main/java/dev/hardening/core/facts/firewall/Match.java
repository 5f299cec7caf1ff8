package dev.hardening.core.facts.firewall;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import dev.hardening.core.facts.net.IpFamily;
import dev.hardening.core.util.Cidr;

/** A condition of a rule, in the terms the evaluator understands; anything else is {@link Unknown}. */
public sealed interface Match {

    Truth test(Packet packet);

    /** The parts of this match that the model does not understand, in the tool's words. */
    default List<String> unknownParts() {
        return List.of();
    }

    /** {@code iifname "eth0"}, {@code -i eth+} (incoming); {@code oifname "docker0"}, {@code -o docker0} (outgoing). */
    record Interface(boolean incoming, List<String> names) implements Match {
        public Interface {
            names = List.copyOf(names);
        }

        @Override
        public Truth test(Packet packet) {
            Packet.Iface iface = incoming ? packet.in() : packet.out();
            return anyOf(names.stream().map(iface::matches).toList());
        }
    }

    /** {@code ip saddr 10.0.0.0/8}, {@code -s 10.0.0.0/8}. */
    record Source(List<Cidr> networks) implements Match {
        public Source {
            networks = List.copyOf(networks);
        }

        @Override
        public Truth test(Packet packet) {
            return Truth.of(networks.stream().anyMatch(n -> n.contains(packet.source())));
        }
    }

    /** {@code ip daddr 172.17.0.2}, {@code -d 224.0.0.251/32}. */
    record Destination(List<Cidr> networks) implements Match {
        private static final List<Cidr> NEVER_A_HOST_ADDRESS = List.of(Cidr.parse("224.0.0.0/4"),
                Cidr.parse("255.255.255.255/32"), Cidr.parse("ff00::/8"));

        public Destination {
            networks = List.copyOf(networks);
        }

        @Override
        public Truth test(Packet packet) {
            if (packet.destination().isPresent()) {
                InetAddress d = packet.destination().get();
                return Truth.of(networks.stream().anyMatch(n -> n.contains(d)));
            }
            // the host's own unicast address is not known here: only "everything" and multicast are certain
            return anyOf(networks.stream().map(n -> n.prefixLength() == 0 ? Truth.YES
                    : NEVER_A_HOST_ADDRESS.stream().anyMatch(m -> m.contains(n.network())) ? Truth.NO : Truth.MAYBE)
                    .toList());
        }
    }

    /** {@code meta nfproto ipv6}, and what {@code ip saddr} in an inet table implies. */
    record Family(IpFamily family) implements Match {
        @Override
        public Truth test(Packet packet) {
            return Truth.of(packet.family() == family);
        }
    }

    /** {@code meta l4proto tcp}, {@code -p udp}; names as {@link Packet#protocol()} spells them. */
    record Protocol(Set<String> protocols) implements Match {
        public Protocol {
            protocols = Set.copyOf(protocols);
        }

        @Override
        public Truth test(Packet packet) {
            return Truth.of(protocols.contains(packet.protocol()));
        }
    }

    /** {@code tcp dport { 80, 443 }}, {@code --dports 8000:8099} (destination); {@code udp sport 67} (source). */
    record Port(boolean destination, List<PortRange> ports) implements Match {
        public Port {
            ports = List.copyOf(ports);
        }

        @Override
        public Truth test(Packet packet) {
            int port = destination ? packet.destinationPort() : packet.sourcePort();
            return Truth.of(packet.hasPorts() && ports.stream().anyMatch(p -> p.contains(port)));
        }
    }

    /** {@code ct state new}, {@code --ctstate RELATED,ESTABLISHED}; states in lower case. */
    record CtState(Set<String> states) implements Match {
        public CtState {
            states = Set.copyOf(states);
        }

        @Override
        public Truth test(Packet packet) {
            if (states.contains("new")) {
                return Truth.YES;
            }
            // a notrack rule in a chain before the input hook (raw) would make the packet untracked
            return states.contains("untracked") ? Truth.MAYBE : Truth.NO;
        }
    }

    /**
     * {@code ct status dnat}, {@code --ctstatus DNAT}; statuses in lower case. The representative packet is
     * the first of a connection from outside to a port no rule names: no reply seen, not assured, not yet
     * confirmed (that happens after the input hook), and not DNATed, since no port-specific DNAT rule names
     * its port (a DNAT of every port is a published port that {@code ports.private-only} reports).
     */
    record CtStatus(Set<String> statuses) implements Match {
        private static final Set<String> NOT_ON_A_FIRST_PACKET = Set.of("dnat", "snat", "seen-reply", "assured",
                "confirmed", "dying", "expected");

        public CtStatus {
            statuses = Set.copyOf(statuses);
        }

        @Override
        public Truth test(Packet packet) {
            return NOT_ON_A_FIRST_PACKET.containsAll(statuses) ? Truth.NO : Truth.MAYBE;
        }
    }

    /** {@code icmp type echo-request}, {@code --icmpv6-type 128}; the protocol is a separate match. */
    record IcmpType(Set<Integer> types) implements Match {
        public IcmpType {
            types = Set.copyOf(types);
        }

        @Override
        public Truth test(Packet packet) {
            return Truth.of(packet.icmpType() >= 0 && types.contains(packet.icmpType()));
        }
    }

    /** {@code fib daddr type local}, {@code -m addrtype --dst-type LOCAL}; types in lower case. */
    record DestinationType(Set<String> types) implements Match {
        public DestinationType {
            types = Set.copyOf(types);
        }

        @Override
        public Truth test(Packet packet) {
            boolean unicast = types.contains("unicast");
            return Truth.of(unicast || packet.toHost() && types.contains("local"));
        }
    }

    /**
     * A lookup in a named set. A set the ruleset fills at run time ({@code update @set}, timeouts) may hold
     * the packet's value later even when it does not now.
     */
    record SetLookup(String set, Match elements, boolean changesAtRuntime) implements Match {
        @Override
        public Truth test(Packet packet) {
            Truth now = elements.test(packet);
            return now == Truth.NO && changesAtRuntime ? Truth.MAYBE : now;
        }

        @Override
        public List<String> unknownParts() {
            return changesAtRuntime ? List.of("@" + set + " (filled at run time)") : elements.unknownParts();
        }
    }

    /** {@code !=}, iptables' {@code !}. */
    record Not(Match match) implements Match {
        @Override
        public Truth test(Packet packet) {
            return match.test(packet).not();
        }

        @Override
        public List<String> unknownParts() {
            return match.unknownParts();
        }
    }

    /** A condition the model does not understand: it may hold for any packet. */
    record Unknown(String text) implements Match {
        @Override
        public Truth test(Packet packet) {
            return Truth.MAYBE;
        }

        @Override
        public List<String> unknownParts() {
            return List.of(text);
        }
    }

    private static Truth anyOf(List<Truth> values) {
        if (values.contains(Truth.YES)) {
            return Truth.YES;
        }
        return values.contains(Truth.MAYBE) ? Truth.MAYBE : Truth.NO;
    }
}
