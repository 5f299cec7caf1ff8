package dev.hardening.core.checks;

import java.util.List;

/** Every check the gate knows, in report order. */
public final class Checks {
    private static final List<Check> ALL = List.of(new SshKeyOnlyCheck(), new SshRootLoginCheck(),
            new PortsPrivateOnlyCheck(), new FirewallDefaultDenyCheck(),
            new TlsChainCheck(), new TlsProtocolsCheck(),
            new PackagesUpToDateCheck(), new PackagesAutoUpdatesCheck());


    private Checks() {
    }

    public static List<Check> all() {
        return ALL;
    }
}
