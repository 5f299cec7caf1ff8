package dev.hardening.core.facts.firewall;

import java.util.List;
import java.util.Optional;

/** A chain: a base chain when it has a hook, a regular chain (reached by jump or goto) otherwise. */
public record Chain(String name, Optional<Hook> hook, List<Rule> rules) {

    public Chain {
        rules = List.copyOf(rules);
    }

    /** The last rule when it drops or rejects every packet that reaches it. */
    public Optional<Rule> finalDeny() {
        return rules.isEmpty() ? Optional.empty() : Optional.of(rules.get(rules.size() - 1))
                .filter(r -> r.unconditional() && r.verdict().denies());
    }
}
