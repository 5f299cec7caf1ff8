package dev.hardening.core.families.crypto;

import java.util.List;

import dev.hardening.core.family.Check;
import dev.hardening.core.family.CheckFamily;
import dev.hardening.core.family.FactSource;
import dev.hardening.core.policy.ConfigKey;

/** {@code checks.crypto}: the algorithms the SSH server offers ({@code ssh.crypto}). */
public final class CryptoFamily implements CheckFamily<CryptoChecksConfig> {
    /** The {@code checks.crypto} section. */
    public static final ConfigKey<CryptoChecksConfig> CONFIG = new ConfigKey<>("crypto", CryptoChecksConfig.class,
            CryptoChecksConfig.DEFAULT);

    @Override
    public ConfigKey<CryptoChecksConfig> config() {
        return CONFIG;
    }

    @Override
    public List<Check> checks() {
        return List.of(new SshCryptoCheck());
    }

    @Override
    public List<FactSource<?>> facts() {
        return List.of(CryptoFacts.SOURCE);
    }

    @Override
    public int order() {
        return 110;
    }
}
