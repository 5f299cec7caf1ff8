package dev.hardening.core.facts.firewall;

import java.util.ArrayList;
import java.util.List;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.firewall.Packet.Iface;
import dev.hardening.core.facts.net.HostInterface;
import dev.hardening.core.facts.net.SocketInventory;

/**
 * The host's interface names that packets from outside may arrive on.
 *
 * @param known false when the host's interfaces could not be read: every rule naming an interface other
 *        than loopback may then match
 */
public record InterfaceNames(List<String> names, boolean known) {

    public InterfaceNames {
        names = List.copyOf(names);
    }

    public static InterfaceNames of(List<String> names) {
        return new InterfaceNames(names.stream().filter(n -> !n.equals("lo")).distinct().toList(), true);
    }

    /** The interfaces of the host's socket inventory; unknown when it could not be read or names are missing. */
    public static InterfaceNames of(Fact<SocketInventory> sockets) {
        if (sockets instanceof Fact.Known<SocketInventory> known && !known.value().interfaces().isEmpty()
                && known.value().interfaces().stream().noneMatch(i -> i.name().equals("?"))) {
            return of(known.value().interfaces().stream().map(HostInterface::name).toList());
        }
        return unknown();
    }

    public static InterfaceNames unknown() {
        return new InterfaceNames(List.of(), false);
    }

    /** Each named interface and one that no rule names, or one whose name is not known. */
    List<Iface> arrivals() {
        if (!known) {
            return List.of(Iface.UNKNOWN);
        }
        List<Iface> out = new ArrayList<>(names.stream().map(Iface::named).toList());
        out.add(Iface.OTHER);
        return out;
    }
}
