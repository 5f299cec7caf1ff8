package dev.hardening.core.facts.firewall;

import java.util.List;

import dev.hardening.core.facts.firewall.PacketVerdict.Outcome;
import dev.hardening.core.facts.net.IpFamily;

/** What the input path does with the representative packets of one family. */
public record FamilyVerdict(IpFamily family, List<PacketVerdict> packets) {

    public FamilyVerdict {
        packets = List.copyOf(packets);
    }

    /** ACCEPTED when any packet is, else MAY_BE_ACCEPTED when any may be, else DENIED. */
    public Outcome outcome() {
        return worst().outcome();
    }

    /** The first packet with the family's outcome: the one the finding names. */
    public PacketVerdict worst() {
        for (Outcome o : List.of(Outcome.ACCEPTED, Outcome.MAY_BE_ACCEPTED)) {
            for (PacketVerdict v : packets) {
                if (v.outcome() == o) {
                    return v;
                }
            }
        }
        return packets.get(0);
    }
}
