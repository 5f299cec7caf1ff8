package dev.hardening.core.families.packages;

import java.util.List;
import java.util.function.UnaryOperator;

import dev.hardening.core.family.Check;
import dev.hardening.core.family.CheckFamily;
import dev.hardening.core.family.FactSource;
import dev.hardening.core.gather.PackageFactsCollector;
import dev.hardening.core.policy.ConfigKey;
import dev.hardening.core.policy.PackagesChecksConfig;

/** {@code packages.*}: pending and automatic updates. */
public final class PackagesFamily implements CheckFamily<PackagesChecksConfig> {

    @Override
    public ConfigKey<PackagesChecksConfig> config() {
        return PackagesChecksConfig.KEY;
    }

    @Override
    public List<Check> checks() {
        return List.of(new PackagesUpToDateCheck(), new PackagesAutoUpdatesCheck());
    }

    @Override
    public List<FactSource<?>> facts() {
        return List.of(PackageFactsCollector.OS_SOURCE, PackageFactsCollector.UPDATES_SOURCE, PackageFactsCollector.AUTO_UPDATES_SOURCE);
    }

    @Override
    public int order() {
        return 150;
    }

    @Override
    public PackagesChecksConfig resolvePaths(PackagesChecksConfig settings, UnaryOperator<String> resolve) {
        return settings.alpineSecdb() == null ? settings : settings.withAlpineSecdb(resolve.apply(settings.alpineSecdb()));
    }
}
