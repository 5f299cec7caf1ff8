package dev.hardening.core.facts.net;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;

import dev.hardening.core.util.Cidr;
import dev.hardening.core.util.IpAddresses;

/**
 * Whether a listening socket can be reached from outside the host's private networks, and why.
 * Loopback and the private networks are private; a wildcard bind listens on every interface, present
 * and future, so it is public; any other address is public. An IPv4-mapped IPv6 address counts as
 * its IPv4 part (Java already turns {@code ::ffff:a.b.c.d} into that IPv4 address).
 *
 * @param where the bound address in words, e.g. "every IPv4 address (0.0.0.0)" or "loopback"
 */
public record Exposure(boolean isPublic, String where) {

    public static Exposure of(ListeningSocket socket, List<Cidr> privateNetworks, SocketInventory inventory) {
        var address = socket.address();
        if (address.isAnyLocalAddress()) {
            return new Exposure(true, address instanceof Inet4Address
                    ? "every IPv4 address of every interface (wildcard bind)"
                    : "every IPv6 address of every interface, and every IPv4 address too unless the socket "
                            + "sets IPV6_V6ONLY (wildcard bind)");
        }
        String onInterface = inventory.interfacesOf(address);
        String interfaceNote = onInterface.isEmpty() ? "" : " on " + onInterface;
        if (address.isLoopbackAddress()) {
            return new Exposure(false, "loopback");
        }
        Optional<Cidr> network = privateNetworks.stream().filter(n -> n.contains(address)).findFirst();
        return network.map(n -> new Exposure(false, "private network " + n + interfaceNote))
                .orElseGet(() -> new Exposure(true, "public address " + IpAddresses.format(address) + interfaceNote));
    }
}
