package dev.hardening.core.policy;

import java.util.Locale;

/**
 * {@code checks.ssh}: {@code keyOnly} turns {@code ssh.key-only} on or off; {@code rootLogin} is
 * what {@code ssh.root-login} accepts: {@code no} (default) or {@code prohibit-password}.
 */
public record SshChecksConfig(Boolean enabled, Boolean keyOnly, RootLogin rootLogin) {

    public static final SshChecksConfig DEFAULT = new SshChecksConfig(null, null, null);
    /** The {@code checks.ssh} section. */
    public static final ConfigKey<SshChecksConfig> KEY = new ConfigKey<>("ssh", SshChecksConfig.class, DEFAULT);

    /** The strongest root login setting a policy demands. */
    public enum RootLogin {
        NO,
        PROHIBIT_PASSWORD;

        @com.fasterxml.jackson.annotation.JsonCreator
        public static RootLogin parse(Object value) {
            String text = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
            return switch (text) {
                // YAML 1.1 reads an unquoted no as false
                case "no", "false" -> NO;
                case "prohibit-password", "without-password" -> PROHIBIT_PASSWORD;
                default -> throw new IllegalArgumentException(
                        "rootLogin must be \"no\" or \"prohibit-password\", got '" + value + "'");
            };
        }

        @Override
        public String toString() {
            return this == NO ? "no" : "prohibit-password";
        }
    }

    public SshChecksConfig {
        enabled = enabled == null || enabled;
        keyOnly = keyOnly == null || keyOnly;
        rootLogin = rootLogin == null ? RootLogin.NO : rootLogin;
    }
}
