package dev.hardening.core.families.firewall;

import java.util.List;

import dev.hardening.core.family.Check;
import dev.hardening.core.family.CheckFamily;
import dev.hardening.core.family.FactSource;
import dev.hardening.core.gather.FirewallFactsCollector;
import dev.hardening.core.gather.FirewallProbe;
import dev.hardening.core.policy.ConfigKey;
import dev.hardening.core.policy.FirewallChecksConfig;

/** {@code firewall.*}: the inbound policy, from the rules and optionally from TCP connects. */
public final class FirewallFamily implements CheckFamily<FirewallChecksConfig> {

    @Override
    public ConfigKey<FirewallChecksConfig> config() {
        return FirewallChecksConfig.KEY;
    }

    @Override
    public List<Check> checks() {
        return List.of(new FirewallDefaultDenyCheck());
    }

    @Override
    public List<FactSource<?>> facts() {
        return List.of(FirewallFactsCollector.SOURCE, FirewallProbe.SOURCE);
    }

    @Override
    public int order() {
        return 130;
    }
}
