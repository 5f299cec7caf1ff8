package dev.hardening.core.policy;

import java.util.List;

import dev.hardening.core.util.Cidr;

/**
 * {@code checks.ports}: the public ports allowed ({@code "443/tcp"}, {@code "8000-8099/tcp"}) and
 * the networks counted as private (loopback always is).
 */
public record PortsChecksConfig(Boolean enabled, List<String> publicAllowed, List<String> privateNetworks) {

    public static final List<String> DEFAULT_PRIVATE_NETWORKS = List.of("10.0.0.0/8", "172.16.0.0/12",
            "192.168.0.0/16", "100.64.0.0/10", "fc00::/7", "fe80::/10");
    public static final PortsChecksConfig DEFAULT = new PortsChecksConfig(null, null, null);
    /** The {@code checks.ports} section. */
    public static final ConfigKey<PortsChecksConfig> KEY = new ConfigKey<>("ports", PortsChecksConfig.class, DEFAULT);

    public PortsChecksConfig {
        enabled = enabled == null || enabled;
        publicAllowed = publicAllowed == null ? List.of() : List.copyOf(publicAllowed);
        privateNetworks = privateNetworks == null ? DEFAULT_PRIVATE_NETWORKS : List.copyOf(privateNetworks);
        for (String allowed : publicAllowed) {
            if (!allowed.matches("\\d{1,5}(-\\d{1,5})?/(tcp|udp)")) {
                throw new IllegalArgumentException("publicAllowed entry '" + allowed
                        + "' must look like \"443/tcp\", \"53/udp\" or \"8000-8099/tcp\"");
            }
        }
        privateNetworks.forEach(Cidr::parse);
    }
}
