package dev.hardening.core.facts.net;

import java.net.InetAddress;
import java.util.List;
import java.util.stream.Collectors;

import dev.hardening.core.util.Cidr;

/**
 * A network interface of the host and its addresses, each with its prefix length ({@code 172.17.0.3/16}).
 *
 * @param name the interface name, or {@code ?} where the source does not say (IPv4 from {@code fib_trie})
 */
public record HostInterface(String name, List<Cidr> addresses) {

    public HostInterface {
        addresses = List.copyOf(addresses);
    }

    public boolean holds(InetAddress address) {
        return addresses.stream().anyMatch(a -> a.network().equals(address));
    }

    /** {@code eth0 172.17.0.3/16 fe80::1/64}. */
    public String describe() {
        return name + " " + addresses.stream().map(Cidr::toString).collect(Collectors.joining(" "));
    }
}
