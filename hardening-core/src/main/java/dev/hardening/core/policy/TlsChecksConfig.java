package dev.hardening.core.policy;

import java.util.List;

/**
 * {@code checks.tls}: {@code trust} is a PEM bundle of CAs (omitted: the JDK trust store),
 * {@code jdkTrust} also trusts the JDK trust store next to the bundle (default: only when there is no
 * bundle), {@code minDaysValid} the expiry window, {@code minProtocol} the oldest protocol allowed.
 */
public record TlsChecksConfig(Boolean enabled, String trust, Integer minDaysValid, String minProtocol,
        Boolean jdkTrust) {

    private static final List<String> PROTOCOLS = List.of("SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    public static final TlsChecksConfig DEFAULT = new TlsChecksConfig(null, null, null, null, null);
    /** The {@code checks.tls} section. */
    public static final ConfigKey<TlsChecksConfig> KEY = new ConfigKey<>("tls", TlsChecksConfig.class, DEFAULT);

    public TlsChecksConfig {
        enabled = enabled == null || enabled;
        minDaysValid = minDaysValid == null ? 14 : minDaysValid;
        minProtocol = minProtocol == null ? "TLSv1.2" : minProtocol;
        jdkTrust = jdkTrust == null ? trust == null : jdkTrust;
        if (minDaysValid < 0) {
            throw new IllegalArgumentException("minDaysValid must be 0 or more, got " + minDaysValid);
        }
        if (!PROTOCOLS.contains(minProtocol)) {
            throw new IllegalArgumentException("minProtocol must be one of " + PROTOCOLS + ", got '" + minProtocol + "'");
        }
        if (trust == null && !jdkTrust) {
            throw new IllegalArgumentException("jdkTrust: false needs trust: (a PEM bundle of the CAs to trust), "
                    + "otherwise no chain can be trusted");
        }
    }

    /** The same settings with {@code trust} replaced, e.g. by the path resolved against the policy's folder. */
    public TlsChecksConfig withTrust(String resolvedTrust) {
        return new TlsChecksConfig(enabled, resolvedTrust, minDaysValid, minProtocol, jdkTrust);
    }
}
