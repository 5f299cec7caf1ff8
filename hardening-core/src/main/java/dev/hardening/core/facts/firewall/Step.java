package dev.hardening.core.facts.firewall;

import java.util.Locale;

/**
 * One rule (or a base chain's policy) on a packet's way through the rules.
 *
 * @param table the table's label, e.g. {@code nftables table inet filter}
 * @param rule {@code handle 7}, {@code line 23}, or {@code policy} when the chain's policy decided
 * @param text the rule as the tool prints it ({@code policy drop} for a policy)
 */
public record Step(String table, String chain, String rule, String text, Verdict.Kind action) {

    static Step of(Table table, Chain chain, Rule rule) {
        return new Step(table.label(), chain.name(), rule.location(), rule.text(), rule.verdict().kind());
    }

    static Step policy(Table table, Chain chain, Policy policy) {
        return new Step(table.label(), chain.name(), "policy", "policy " + policy.name().toLowerCase(Locale.ROOT),
                policy == Policy.ACCEPT ? Verdict.Kind.ACCEPT : Verdict.Kind.DROP);
    }

    public boolean isPolicy() {
        return rule.equals("policy");
    }

    /** {@code nftables table inet filter chain input} */
    public String chainLabel() {
        return table + " chain " + chain;
    }

    /** {@code nftables table inet filter chain input rule handle 3 `jump allow_all`}, or the chain and its policy. */
    public String describe() {
        return chainLabel() + (isPolicy() ? " " + text : " rule " + rule + " `" + text + "`");
    }
}
