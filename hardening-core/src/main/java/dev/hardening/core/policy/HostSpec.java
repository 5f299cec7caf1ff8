package dev.hardening.core.policy;

import java.util.List;

/**
 * One entry of {@code hosts:}. {@code address: local} is the machine running the gate.
 *
 * @param passphraseEnv the environment variable holding the passphrase of an encrypted identity
 * @param knownHosts known_hosts file; default {@code ~/.ssh/known_hosts}
 * @param hostKey a pinned {@code SHA256:} fingerprint used instead of known_hosts
 */
public record HostSpec(String name, String address, Integer port, String user, String identity,
        String passphraseEnv, String knownHosts, String hostKey, Boolean sudo, List<TlsEndpoint> tls) {

    public static final String LOCAL = "local";

    public HostSpec {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("a host needs address: (an IP, a DNS name, or \"local\")");
        }
        name = name == null || name.isBlank() ? address : name;
        port = port == null ? 22 : port;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
        sudo = sudo != null && sudo;
        tls = tls == null ? List.of() : List.copyOf(tls);
        if (hostKey != null && !hostKey.startsWith("SHA256:")) {
            throw new IllegalArgumentException("hostKey must be an OpenSSH SHA256 fingerprint (SHA256:..., "
                    + "as printed by ssh-keygen -lf), got '" + hostKey + "'");
        }
    }

    public static HostSpec local() {
        return new HostSpec(LOCAL, LOCAL, null, null, null, null, null, null, null, null);
    }

    public boolean isLocal() {
        return LOCAL.equals(address);
    }

    HostSpec withPaths(String resolvedIdentity, String resolvedKnownHosts) {
        return new HostSpec(name, address, port, user, resolvedIdentity, passphraseEnv, resolvedKnownHosts, hostKey,
                sudo, tls);
    }
}
