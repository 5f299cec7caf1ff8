package dev.hardening.core.families.ssh;

import java.util.List;

import dev.hardening.core.family.Check;
import dev.hardening.core.family.CheckFamily;
import dev.hardening.core.family.FactSource;
import dev.hardening.core.gather.SshFactsCollector;
import dev.hardening.core.policy.ConfigKey;
import dev.hardening.core.policy.SshChecksConfig;

/** {@code ssh.*}: how the SSH server lets users and root in. */
public final class SshFamily implements CheckFamily<SshChecksConfig> {

    @Override
    public ConfigKey<SshChecksConfig> config() {
        return SshChecksConfig.KEY;
    }

    @Override
    public List<Check> checks() {
        return List.of(new SshKeyOnlyCheck(), new SshRootLoginCheck());
    }

    @Override
    public List<FactSource<?>> facts() {
        return List.of(SshFactsCollector.SOURCE);
    }

    @Override
    public int order() {
        return 100;
    }
}
