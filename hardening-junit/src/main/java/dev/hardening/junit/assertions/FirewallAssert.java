package dev.hardening.junit.assertions;

import dev.hardening.core.HostCheck;
import dev.hardening.core.model.CheckId;

/** Assertions on a host's firewall ({@code firewall.*}). */
public class FirewallAssert extends AbstractFamilyAssert<FirewallAssert, HostCheck.FirewallChecks> {

    public FirewallAssert(HostCheck.FirewallChecks actual) {
        super(actual, FirewallAssert.class);
    }

    /** {@code firewall.default-deny}: inbound traffic is denied by default, for IPv4 and IPv6. */
    public FirewallAssert deniesInboundByDefault() {
        return passes(CheckId.FIREWALL_DEFAULT_DENY, HostCheck.FirewallChecks::defaultDeny);
    }
}
