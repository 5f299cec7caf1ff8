package dev.hardening.core.facts.firewall;

import java.util.List;
import java.util.Set;

/**
 * One tool's view of the rules: the output of {@code nft -j list ruleset} or of one {@code iptables-save}.
 *
 * @param tool {@code nftables}, {@code iptables-nft}, {@code ip6tables-legacy}...
 * @param tables the tables it lists, as nft names them ({@code inet filter}, {@code ip6 filter})
 * @param chainNames every chain it lists, base or not (ufw and firewalld are known by their chains)
 */
public record ParsedRuleset(String tool, List<String> tables, List<InputChain> inputChains, Set<String> chainNames) {

    public ParsedRuleset {
        tables = List.copyOf(tables);
        inputChains = List.copyOf(inputChains);
        chainNames = Set.copyOf(chainNames);
    }
}
