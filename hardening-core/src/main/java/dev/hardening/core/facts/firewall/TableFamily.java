package dev.hardening.core.facts.firewall;

import java.util.Locale;
import java.util.Optional;

import dev.hardening.core.facts.net.IpFamily;

/** The address family of a netfilter table, as nft spells it. */
public enum TableFamily {
    IP,
    IP6,
    INET,
    ARP,
    BRIDGE,
    NETDEV;

    /** @return empty for a family nft does not know */
    public static Optional<TableFamily> of(String nft) {
        for (TableFamily f : values()) {
            if (f.nftName().equals(nft)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public static TableFamily of(IpFamily family) {
        return family == IpFamily.IPV4 ? IP : IP6;
    }

    /** True when the IP stack's hooks of this table see packets of the family ({@code inet} sees both). */
    public boolean sees(IpFamily family) {
        return this == INET || this == of(family);
    }

    public String nftName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
