package dev.hardening.core.families.ports;

import java.util.List;

import dev.hardening.core.family.Check;
import dev.hardening.core.family.CheckFamily;
import dev.hardening.core.family.FactSource;
import dev.hardening.core.gather.NetFactsCollector;
import dev.hardening.core.policy.ConfigKey;
import dev.hardening.core.policy.PortsChecksConfig;

/** {@code ports.*}: where listening services are bound. */
public final class PortsFamily implements CheckFamily<PortsChecksConfig> {

    @Override
    public ConfigKey<PortsChecksConfig> config() {
        return PortsChecksConfig.KEY;
    }

    @Override
    public List<Check> checks() {
        return List.of(new PortsPrivateOnlyCheck());
    }

    @Override
    public List<FactSource<?>> facts() {
        return List.of(NetFactsCollector.FACT);
    }

    @Override
    public int order() {
        return 120;
    }
}
