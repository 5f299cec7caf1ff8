package dev.hardening.core.facts.firewall;

import java.util.ArrayList;
import java.util.List;

/** A base chain with the table it is in. */
public record BaseChain(Table table, Chain chain) {

    public Hook hook() {
        return chain.hook().orElseThrow();
    }

    /** {@code nftables table inet filter chain input}. */
    public String label() {
        return table.label() + " chain " + chain.name();
    }

    /** The chain's own line and, when it has one, its final unconditional drop. */
    public List<String> evidence() {
        List<String> lines = new ArrayList<>();
        lines.add(label() + ": " + hook().header());
        chain.finalDeny().ifPresent(r -> lines.add(label() + " ends with: " + r.text()));
        return lines;
    }
}
