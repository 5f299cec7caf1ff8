package dev.hardening.core.facts.firewall;

import java.util.List;

/**
 * One rule: all its matches must hold for its verdict to apply.
 *
 * @param location where the rule is for the evidence: {@code handle 7} (nft) or {@code line 23} (iptables-save)
 * @param text the rule as the tool prints it
 */
public record Rule(String location, String text, List<Match> matches, Verdict verdict) {

    public Rule {
        matches = List.copyOf(matches);
    }

    public Truth test(Packet packet) {
        Truth result = Truth.YES;
        for (Match m : matches) {
            result = result.and(m.test(packet));
            if (result == Truth.NO) {
                return result;
            }
        }
        return result;
    }

    /** True when the rule matches every packet that reaches it. */
    public boolean unconditional() {
        return matches.isEmpty();
    }
}
