package dev.hardening.core.families.ports;

import dev.hardening.core.facts.firewall.PublishedPort;
import dev.hardening.core.facts.net.ListeningSocket;
import dev.hardening.core.facts.net.Transport;

/** One entry of {@code checks.ports.publicAllowed}: {@code 443/tcp}, {@code 53/udp}, {@code 8000-8099/tcp}. */
record PortAllowance(int from, int to, Transport transport, String text) {

    /** Parses an entry the policy has already validated. */
    static PortAllowance parse(String text) {
        String[] parts = text.split("/");
        String[] range = parts[0].split("-");
        int from = Integer.parseInt(range[0]);
        return new PortAllowance(from, range.length > 1 ? Integer.parseInt(range[1]) : from,
                Transport.valueOf(parts[1].toUpperCase(java.util.Locale.ROOT)), text);
    }

    boolean allows(ListeningSocket socket) {
        return socket.transport() == transport && socket.port() >= from && socket.port() <= to;
    }

    /** A port published for every protocol ({@code any}) is allowed by no single-protocol entry. */
    boolean allows(PublishedPort port) {
        return port.protocol().equals(transport.label()) && port.published().from() >= from
                && port.published().to() <= to;
    }
}
