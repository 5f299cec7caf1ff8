package dev.hardening.core.policy;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One entry of {@code hosts:}. {@code address: local} is the machine running the gate.
 *
 * @param passphraseEnv the environment variable holding the passphrase of an encrypted identity
 * @param knownHosts known_hosts file; default {@code ~/.ssh/known_hosts}
 * @param hostKey a pinned {@code SHA256:} fingerprint used instead of known_hosts
 * @param server the id of a {@code <server>} in Maven's settings.xml holding user, private key and
 *     passphrase (read by the Maven plugin; fills what the entry leaves out)
 * @param jump the bastions in front of the host, first hop first, as OpenSSH's {@code ProxyJump}: each the
 *     name of another host of the policy or {@code [user@]host[:port]}; a single text may list them
 *     comma-separated
 * @param agent whether to authenticate with the keys of the running ssh-agent ({@code SSH_AUTH_SOCK});
 *     unset: only when no identity is given and an agent runs
 * @param via the resolved hops of {@code jump}, filled in by the policy loader ({@link JumpChains}); not a policy key
 */
public record HostSpec(String name, String address, Integer port, String user, String identity,
        String passphraseEnv, String knownHosts, String hostKey, Boolean sudo, List<TlsEndpoint> tls, String server,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> jump, Boolean agent,
        @JsonIgnore List<HostSpec> via) {

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
        jump = JumpChains.entries(jump);
        via = via == null ? List.of() : List.copyOf(via);
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

    /** A host reached directly, authenticated with its identity (or the agent when it has none). */
    public HostSpec(String name, String address, Integer port, String user, String identity, String passphraseEnv,
            String knownHosts, String hostKey, Boolean sudo, List<TlsEndpoint> tls, String server) {
        this(name, address, port, user, identity, passphraseEnv, knownHosts, hostKey, sudo, tls, server, null, null,
                null);
    }

    public static HostSpec local() {
        return builder(LOCAL).build();
    }

    public boolean isLocal() {
        return LOCAL.equals(address);
    }

    /** Whether the host is reached through bastions, so the gate's machine has no route of its own to it. */
    public boolean behindBastion() {
        return !via.isEmpty() || !(jump.isEmpty() || jump.equals(JumpChains.NONE));
    }

    /** The user commands run as on the host: {@code user:}, or the user running the gate. */
    public String loginUser() {
        return isLocal() || user == null ? System.getProperty("user.name") : user;
    }

    /** This host with {@code jump} resolved into the hosts it is reached through. */
    HostSpec withVia(List<HostSpec> hops) {
        return new HostSpec(name, address, port, user, identity, passphraseEnv, knownHosts, hostKey, sudo, tls, server,
                jump, agent, hops);
    }

    /** This host with a {@code jump} list (unresolved), e.g. a default the host does not set itself. */
    HostSpec withJump(List<String> entries) {
        return new HostSpec(name, address, port, user, identity, passphraseEnv, knownHosts, hostKey, sudo, tls, server,
                entries, agent, List.of());
    }

    /** This host with the user and identity it does not set itself taken from elsewhere (a settings.xml server). */
    public HostSpec withDefaultCredentials(String defaultUser, String defaultIdentity) {
        return new HostSpec(name, address, port, user != null ? user : defaultUser,
                identity != null ? identity : defaultIdentity, passphraseEnv, knownHosts, hostKey, sudo, tls, server, jump,
                agent, via);
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
        private List<String> jump = List.of();
        private Boolean agent;

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

        /** Bastions, first hop first: {@code [user@]host[:port]} each (names of policy hosts need the loader). */
        public Builder jump(String... hops) {
            this.jump = List.of(hops);
            return this;
        }

        /** Authenticate with the running ssh-agent's keys ({@code true}) or never ({@code false}). */
        public Builder agent(boolean value) {
            this.agent = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the field that is wrong */
        public HostSpec build() {
            return new HostSpec(name, address, port, user, identity, passphraseEnv, knownHosts, hostKey, sudo, tls,
                    server, jump, agent, null);
        }
    }
}
