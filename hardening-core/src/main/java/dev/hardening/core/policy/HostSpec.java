package dev.hardening.core.policy;

import java.util.List;

/**
 * One entry of {@code hosts:}. {@code address: local} is the machine running the gate.
 *
 * @param passphraseEnv the environment variable holding the passphrase of an encrypted identity
 * @param knownHosts known_hosts file; default {@code ~/.ssh/known_hosts}
 * @param hostKey a pinned {@code SHA256:} fingerprint used instead of known_hosts
 * @param server the id of a {@code <server>} in Maven's settings.xml holding user, private key and
 *     passphrase (read by the Maven plugin; fills what the entry leaves out)
 */
public record HostSpec(String name, String address, Integer port, String user, String identity,
        String passphraseEnv, String knownHosts, String hostKey, Boolean sudo, List<TlsEndpoint> tls, String server) {

    public static final String LOCAL = "local";

    public HostSpec {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("a host needs address: (an IP, a DNS name, or \"local\")");
        }
        if (!LOCAL.equals(address)) {
            HostNames.checkAddress(address);
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

    /** A host without a settings.xml server. */
    public HostSpec(String name, String address, Integer port, String user, String identity, String passphraseEnv,
            String knownHosts, String hostKey, Boolean sudo, List<TlsEndpoint> tls) {
        this(name, address, port, user, identity, passphraseEnv, knownHosts, hostKey, sudo, tls, null);
    }

    public static HostSpec local() {
        return builder(LOCAL).build();
    }

    public boolean isLocal() {
        return LOCAL.equals(address);
    }

    /** The user commands run as on the host: {@code user:}, or the user running the gate. */
    public String loginUser() {
        return isLocal() || user == null ? System.getProperty("user.name") : user;
    }

    /** This host with the user and identity it does not set itself taken from elsewhere (a settings.xml server). */
    public HostSpec withDefaultCredentials(String defaultUser, String defaultIdentity) {
        return new HostSpec(name, address, port, user != null ? user : defaultUser,
                identity != null ? identity : defaultIdentity, passphraseEnv, knownHosts, hostKey, sudo, tls, server);
    }

    /** A host at {@code address} ({@code "local"}: this machine), built field by field instead of ten positional nulls. */
    public static Builder builder(String address) {
        return new Builder(address);
    }

    /** Builds a {@link HostSpec}; what is not set takes the policy's defaults (port 22, no sudo, known_hosts). */
    public static final class Builder {
        private final String address;
        private String name;
        private Integer port;
        private String user;
        private String identity;
        private String passphraseEnv;
        private String knownHosts;
        private String hostKey;
        private Boolean sudo;
        private List<TlsEndpoint> tls = List.of();
        private String server;

        private Builder(String address) {
            this.address = address;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder user(String value) {
            this.user = value;
            return this;
        }

        public Builder identity(String value) {
            this.identity = value;
            return this;
        }

        public Builder passphraseEnv(String value) {
            this.passphraseEnv = value;
            return this;
        }

        public Builder knownHosts(String value) {
            this.knownHosts = value;
            return this;
        }

        /** A pinned {@code SHA256:} fingerprint instead of known_hosts. */
        public Builder hostKey(String value) {
            this.hostKey = value;
            return this;
        }

        public Builder sudo(boolean value) {
            this.sudo = value;
            return this;
        }

        public Builder tls(TlsEndpoint... endpoints) {
            this.tls = List.of(endpoints);
            return this;
        }

        /** A {@code <server>} of Maven's settings.xml holding the credentials. */
        public Builder server(String value) {
            this.server = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the field that is wrong */
        public HostSpec build() {
            return new HostSpec(name, address, port, user, identity, passphraseEnv, knownHosts, hostKey, sudo, tls,
                    server);
        }
    }
}
