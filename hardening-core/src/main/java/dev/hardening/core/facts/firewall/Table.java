package dev.hardening.core.facts.firewall;

import java.util.List;
import java.util.Optional;

/**
 * A netfilter table as one tool lists it.
 *
 * @param tool what it was read with: {@code nftables}, {@code iptables-nft}, {@code ip6tables-legacy}...
 * @param name the table's own name: {@code filter}, {@code nat}
 */
public record Table(String tool, TableFamily family, String name, List<Chain> chains) {

    public Table {
        chains = List.copyOf(chains);
    }

    /** {@code inet filter}: how nft names the table, the same whichever tool listed it. */
    public String qualifiedName() {
        return family.nftName() + " " + name;
    }

    /** {@code nftables table inet filter}, {@code iptables-nft table filter}. */
    public String label() {
        return tool + " table " + (tool.equals("nftables") ? qualifiedName() : name);
    }

    public Optional<Chain> chain(String chainName) {
        return chains.stream().filter(c -> c.name().equals(chainName)).findFirst();
    }
}
