package dev.hardening.core.policy;

/** A TLS endpoint a host serves ({@code port} with {@code serverName}), or a certificate {@code file} on it. */
public record TlsEndpoint(Integer port, String serverName, String file) {

    public TlsEndpoint {
        if (port == null && file == null) {
            throw new IllegalArgumentException("a tls entry needs port: (with serverName:) or file:");
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("tls port must be 1-65535, got " + port);
        }
        if (serverName != null) {
            HostNames.checkServerName(serverName);
        }
    }
}
