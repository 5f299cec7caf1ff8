package dev.hardening.core.facts.firewall;

import java.util.Optional;

import dev.hardening.core.facts.net.Transport;

/**
 * An accept rule that names destination ports plainly, such as {@code tcp dport 22 accept} or
 * {@code -A ufw-user-input -p tcp --dport 22 -j ACCEPT}.
 *
 * @param transport the protocol the rule names; empty when it accepts the port for any protocol
 * @param rule the rule as the tool prints it, for the evidence
 */
public record PortRule(Optional<Transport> transport, int from, int to, String rule) {

    public boolean allows(Transport candidate, int port) {
        return transport.map(t -> t == candidate).orElse(true) && port >= from && port <= to;
    }

    /** {@code 22/tcp}, {@code 8000-8099/tcp}. */
    public String ports() {
        return (from == to ? String.valueOf(from) : from + "-" + to) + "/" + transport.map(Transport::label).orElse("any");
    }
}
