package dev.hardening.core.families.tls;

import java.util.List;
import java.util.function.UnaryOperator;

import dev.hardening.core.family.Check;
import dev.hardening.core.family.CheckFamily;
import dev.hardening.core.family.FactSource;
import dev.hardening.core.gather.TlsFactsCollector;
import dev.hardening.core.policy.ConfigKey;
import dev.hardening.core.policy.TlsChecksConfig;

/** {@code tls.*}: the certificate chains and protocol versions of the host's TLS endpoints. */
public final class TlsFamily implements CheckFamily<TlsChecksConfig> {

    @Override
    public ConfigKey<TlsChecksConfig> config() {
        return TlsChecksConfig.KEY;
    }

    @Override
    public List<Check> checks() {
        return List.of(new TlsChainCheck(), new TlsProtocolsCheck());
    }

    @Override
    public List<FactSource<?>> facts() {
        return List.of(TlsFactsCollector.SOURCE);
    }

    @Override
    public int order() {
        return 140;
    }

    @Override
    public TlsChecksConfig resolvePaths(TlsChecksConfig settings, UnaryOperator<String> resolve) {
        return settings.trust() == null ? settings : settings.withTrust(resolve.apply(settings.trust()));
    }
}
