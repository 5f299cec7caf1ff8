package dev.hardening.core.facts.firewall;

import java.util.List;

import dev.hardening.core.facts.firewall.PacketVerdict.Outcome;
import dev.hardening.core.facts.net.IpFamily;

/**
 * A port published by destination NAT in {@code prerouting} (nft {@code dnat to}, iptables {@code -j DNAT},
 * Docker's {@code DOCKER} chain): packets to it are sent on to {@code target}, through the forward path.
 *
 * @param protocol {@code tcp}, {@code udp}, or {@code any} when the rule names none
 * @param published the ports on the host that are published
 * @param target where the packets go: {@code 172.17.0.2:80}
 * @param rule the DNAT rule
 * @param forwarding whether the kernel forwards this family at all; without it nothing is published
 * @param forward what the forward hook does with a NEW packet from outside to the target, per interface
 */
public record PublishedPort(IpFamily family, String protocol, PortRange published, String target, Step rule,
        boolean forwarding, List<PacketVerdict> forward) {

    public PublishedPort {
        forward = List.copyOf(forward);
    }

    /** True when a packet from outside may reach the target: forwarding is on and not every way is denied. */
    public boolean reachable() {
        return forwarding && forward.stream().anyMatch(v -> v.outcome() != Outcome.DENIED);
    }

    /** {@code 8080/tcp}, as ports.private-only labels a listening socket. */
    public String portLabel() {
        return published + "/" + protocol;
    }

    /** {@code 8080/tcp -> 172.17.0.2:80 (iptables-nft table nat chain DOCKER rule line 30)} and what forward does. */
    public String describe() {
        String head = portLabel() + " -> " + target + " (" + rule.describe() + ")";
        if (!forwarding) {
            return head + ": not forwarded (" + family + " forwarding is off)";
        }
        PacketVerdict worst = forward.stream().filter(v -> v.outcome() != Outcome.DENIED).findFirst()
                .orElse(forward.get(0));
        return head + ": " + worst.packet().describe() + (worst.outcome() == Outcome.DENIED ? " is dropped by "
                : worst.outcome() == Outcome.ACCEPTED ? " is forwarded, accepted by " : " may be forwarded: ")
                + (worst.outcome() == Outcome.MAY_BE_ACCEPTED ? worst.why() : worst.decidedBy());
    }
}
