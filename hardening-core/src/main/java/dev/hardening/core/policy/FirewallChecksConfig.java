package dev.hardening.core.policy;

/** {@code checks.firewall}: require inbound default-deny; optionally prove it with TCP connects. */
public record FirewallChecksConfig(Boolean enabled, Boolean defaultDeny, Boolean probe) {

    public static final FirewallChecksConfig DEFAULT = new FirewallChecksConfig(null, null, null);
    /** The {@code checks.firewall} section. */
    public static final ConfigKey<FirewallChecksConfig> KEY = new ConfigKey<>("firewall", FirewallChecksConfig.class, DEFAULT);

    public FirewallChecksConfig {
        enabled = enabled == null || enabled;
        defaultDeny = defaultDeny == null || defaultDeny;
        probe = probe != null && probe;
    }
}
