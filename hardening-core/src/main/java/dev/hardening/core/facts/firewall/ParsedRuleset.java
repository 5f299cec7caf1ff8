package dev.hardening.core.facts.firewall;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One tool's view of the rules: the output of {@code nft -j list ruleset} or of one {@code iptables-save}.
 *
 * @param tool {@code nftables}, {@code iptables-nft}, {@code ip6tables-legacy}...
 */
public record ParsedRuleset(String tool, List<Table> tables) {

    public ParsedRuleset {
        tables = List.copyOf(tables);
    }

    /** The tables as nft names them: {@code inet filter}, {@code ip6 filter}. */
    public List<String> tableNames() {
        return tables.stream().map(Table::qualifiedName).toList();
    }

    /** Every chain, base or not (ufw and firewalld are known by their chains). */
    public Set<String> chainNames() {
        return tables.stream().flatMap(t -> t.chains().stream()).map(Chain::name).collect(Collectors.toSet());
    }
}
