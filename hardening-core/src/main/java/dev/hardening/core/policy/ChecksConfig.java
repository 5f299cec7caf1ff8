package dev.hardening.core.policy;

/** The {@code checks:} section; an omitted family runs with its defaults. */
public record ChecksConfig(SshChecksConfig ssh, PortsChecksConfig ports, FirewallChecksConfig firewall,
        TlsChecksConfig tls, PackagesChecksConfig packages) {

    public static final ChecksConfig DEFAULT = new ChecksConfig(null, null, null, null, null);

    public ChecksConfig {
        ssh = ssh == null ? SshChecksConfig.DEFAULT : ssh;
        ports = ports == null ? PortsChecksConfig.DEFAULT : ports;
        firewall = firewall == null ? FirewallChecksConfig.DEFAULT : firewall;
        tls = tls == null ? TlsChecksConfig.DEFAULT : tls;
        packages = packages == null ? PackagesChecksConfig.DEFAULT : packages;
    }
}
