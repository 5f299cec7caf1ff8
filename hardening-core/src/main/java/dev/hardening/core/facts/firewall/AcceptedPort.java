package dev.hardening.core.facts.firewall;

import dev.hardening.core.facts.net.Transport;

/**
 * A rule that accepts named destination ports on the input path: a deliberate exception to default-deny,
 * such as {@code tcp dport 22 accept} or {@code -A ufw-user-input -p tcp --dport 22 -j ACCEPT}.
 *
 * @param protocol {@code tcp}, {@code udp}, or {@code any} when the rule names no protocol
 * @param rule the rule as the tool prints it
 * @param where the table, chain and rule handle or line
 */
public record AcceptedPort(String protocol, PortRange range, String rule, String where) {

    public boolean allows(Transport transport, int port) {
        return (protocol.equals("any") || protocol.equals(transport.label())) && range.contains(port);
    }

    /** {@code 22/tcp}, {@code 8000-8099/tcp}. */
    public String ports() {
        return range + "/" + protocol;
    }
}
