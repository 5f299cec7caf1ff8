package dev.hardening.core.facts.ssh;

import java.util.List;

/**
 * A {@code Match} line and its criteria, e.g. {@code Match User deploy Address 10.0.0.0/8}. All
 * criteria must hold for the block to apply.
 */
public record MatchBlock(List<Criterion> criteria, String text, ConfigOrigin origin) {

    public MatchBlock {
        criteria = List.copyOf(criteria);
    }

    /** {@code Match User deploy}, as written, for messages. */
    public String label() {
        return "Match " + text;
    }

    /** One criterion: a type (lower case: user, group, host, address, localaddress, localport, rdomain, all) and its pattern list. */
    public record Criterion(String type, String patterns) {
    }
}
