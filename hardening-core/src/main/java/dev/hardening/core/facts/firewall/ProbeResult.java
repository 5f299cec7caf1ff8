package dev.hardening.core.facts.firewall;

import java.util.List;
import java.util.Locale;

import dev.hardening.core.facts.FactKey;
import dev.hardening.core.facts.net.IpFamily;
import dev.hardening.core.facts.net.ListeningSocket;

/**
 * What a TCP connect from the machine running the gate to a listening port of the host did.
 *
 * @param target where the connect went ({@code 203.0.113.5:5432}, or a forwarded port for a lab host)
 * @param family the family of the address the connect went to (the packets the firewall saw)
 * @param detail the exception or the time it took, for the evidence
 */
public record ProbeResult(ListeningSocket socket, String target, IpFamily family, Outcome outcome, String detail) {
    /** The fact: TCP connects to the public ports; not applicable unless the policy sets firewall: { probe: true }. */
    public static final FactKey<List<ProbeResult>> RESULTS = FactKey.of("firewallProbe");

    public enum Outcome {
        /** The TCP handshake completed: the port is reachable from the gate. */
        ANSWERED,
        /** Refused (RST or ICMP reject): the firewall rejects it, or nothing listens there for the gate. */
        REFUSED,
        /** No answer within the timeout: the firewall drops it. */
        NO_ANSWER,
        /** Any other network error (no route, address not resolvable). */
        FAILED,
        /** Not tried, see the detail (no route to this port, or over the bound). */
        NOT_PROBED
    }

    /** {@code 5432/tcp at 203.0.113.5:5432: answered in 3 ms}. */
    public String describe() {
        return socket.portLabel() + " (bound to " + socket.endpoint() + ") probed at " + target + ": "
                + outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ') + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
