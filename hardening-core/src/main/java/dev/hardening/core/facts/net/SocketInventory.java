package dev.hardening.core.facts.net;

import java.net.InetAddress;
import java.util.List;
import java.util.stream.Collectors;

import dev.hardening.core.facts.FactKey;

/**
 * Every listening socket of a host, TCP and UDP, IPv4 and IPv6, with its owning processes where they
 * could be read, and the host's interfaces.
 *
 * @param source where the sockets were read from, for the evidence
 * @param interfacesNote why {@code interfaces} is empty when it could not be read; empty otherwise
 */
public record SocketInventory(String source, List<ListeningSocket> sockets, List<HostInterface> interfaces,
        String interfacesNote) {
    /** The fact: every listening TCP and UDP socket with its owners, and the interfaces. */
    public static final FactKey<SocketInventory> KEY = FactKey.of("sockets");

    public SocketInventory {
        sockets = List.copyOf(sockets);
        interfaces = List.copyOf(interfaces);
        interfacesNote = interfacesNote == null ? "" : interfacesNote;
    }

    /** The interfaces holding the address, such as {@code veth-pub}; empty when none does. */
    public String interfacesOf(InetAddress address) {
        return interfaces.stream().filter(i -> i.holds(address)).map(HostInterface::name)
                .collect(Collectors.joining(", "));
    }

    /** The interface lines for the evidence, or the reason they are unknown. */
    public List<String> interfaceLines() {
        if (interfaces.isEmpty()) {
            return List.of("interfaces unknown: " + (interfacesNote.isEmpty() ? "none listed" : interfacesNote));
        }
        return interfaces.stream().map(i -> "interface " + i.describe()).toList();
    }
}
