package dev.hardening.core.facts.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.hardening.core.facts.net.IpFamily;

/**
 * A chain that sees every inbound packet (an nftables base chain on the {@code input} hook, an
 * iptables {@code INPUT} chain) and what decides a packet no accept rule matched.
 *
 * @param tool what the chain was read with: {@code nftables}, {@code iptables-nft}, {@code ip6tables-legacy}...
 * @param table the table as the tool names it: {@code inet filter}, {@code filter}
 * @param families the packets it sees
 * @param header the chain's own line, with its policy, as the tool prints it
 * @param policy what happens to a packet at the end of the chain: {@code accept} or {@code drop}
 * @param finalRule the last rule when it drops or rejects every packet that reaches it
 * @param acceptAll a rule without any condition that accepts every packet reaching it
 * @param acceptedPorts the accept rules that name ports plainly, in this chain and the chains it jumps to
 */
public record InputChain(String tool, String table, String name, Set<IpFamily> families, String header,
        String policy, Optional<String> finalRule, Optional<String> acceptAll, List<PortRule> acceptedPorts) {

    public InputChain {
        families = Set.copyOf(families);
        acceptedPorts = List.copyOf(acceptedPorts);
    }

    /** True when a packet that matches no accept rule is dropped or rejected here. */
    public boolean deniesByDefault() {
        return acceptAll.isEmpty() && (policy.equalsIgnoreCase("drop") || finalRule.isPresent());
    }

    /** {@code nftables table inet filter chain input}. */
    public String label() {
        return tool + " table " + table + " chain " + name;
    }

    /** The lines that show what the chain does with an unmatched packet. */
    public List<String> evidence() {
        List<String> lines = new ArrayList<>();
        lines.add(label() + ": " + header);
        finalRule.ifPresent(r -> lines.add(label() + " ends with: " + r));
        acceptAll.ifPresent(r -> lines.add(label() + " accepts every packet with: " + r));
        return lines;
    }
}
