package dev.hardening.junit.assertions;

import dev.hardening.core.HostCheck;
import dev.hardening.core.model.CheckId;

/** Assertions on where a host's services listen ({@code ports.*}). */
public class PortsAssert extends AbstractFamilyAssert<PortsAssert, HostCheck.PortsChecks> {

    public PortsAssert(HostCheck.PortsChecks actual) {
        super(actual, PortsAssert.class);
    }

    /** {@code ports.private-only}: every listening socket is on a private or loopback address. */
    public PortsAssert areBoundPrivately() {
        return areBoundPrivatelyExcept();
    }

    /** {@code ports.private-only}, allowing these public ports ({@code "443/tcp"}, {@code "8000-8099/tcp"}). */
    public PortsAssert areBoundPrivatelyExcept(String... publicAllowed) {
        return passes(CheckId.PORTS_PRIVATE_ONLY, ports -> ports.privateOnlyExcept(publicAllowed));
    }
}
