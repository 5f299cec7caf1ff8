package dev.hardening.core.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How to reach one host over SSH. Built with {@link #builder(String)}; a host-key verification is
 * required, there is no accept-all default.
 */
public final class SshSettings {
    private final String name;
    private final String address;
    private final int port;
    private final String user;
    private final List<Path> identities;
    private final Supplier<char[]> passphrase;
    private final String passphraseSource;
    private final HostKeyVerification hostKeys;
    private final boolean sudo;
    private final Timeouts timeouts;
    private final List<SshSettings> jumps;
    private final Optional<Path> agentSocket;

    private SshSettings(Builder b) {
        this.name = b.name == null ? b.address : b.name;
        this.address = b.address;
        this.port = b.port;
        this.user = b.user == null ? System.getProperty("user.name") : b.user;
        this.identities = List.copyOf(b.identities);
        this.passphrase = b.passphrase;
        this.passphraseSource = b.passphraseSource;
        this.hostKeys = Objects.requireNonNull(b.hostKeys,
                "hostKeys: verify host keys with HostKeyVerification.knownHosts(...) or .pinned(...)");
        this.sudo = b.sudo;
        this.timeouts = b.timeouts;
        this.jumps = List.copyOf(b.jumps);
        this.agentSocket = Optional.ofNullable(b.agentSocket);
    }

    public static Builder builder(String address) {
        return new Builder(address);
    }

    public String name() {
        return name;
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public List<Path> identities() {
        return identities;
    }

    Supplier<char[]> passphrase() {
        return passphrase;
    }

    String passphraseSource() {
        return passphraseSource;
    }

    public HostKeyVerification hostKeys() {
        return hostKeys;
    }

    public boolean sudo() {
        return sudo;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    /** The bastions the host is reached through, first hop first; empty: connected directly. */
    public List<SshSettings> jumps() {
        return jumps;
    }

    /** The ssh-agent socket whose keys authenticate (before the identity files), when one is used. */
    public Optional<Path> agentSocket() {
        return agentSocket;
    }

    /** The {@code host:port} form used in messages. */
    public String endpoint() {
        return SshClients.endpoint(address, port);
    }

    @Override
    public String toString() {
        // never the passphrase
        return "SshSettings[" + user + "@" + endpoint() + ", identities=" + identities
                + agentSocket.map(a -> ", agent=" + a).orElse("")
                + (jumps.isEmpty() ? "" : ", via=" + jumps.stream().map(j -> j.user() + "@" + j.endpoint()).toList())
                + ", sudo=" + sudo + "]";
    }

    public static final class Builder {
        private final String address;
        private String name;
        private int port = 22;
        private String user;
        private final List<Path> identities = new ArrayList<>();
        private Supplier<char[]> passphrase;
        private String passphraseSource = "";
        private HostKeyVerification hostKeys;
        private boolean sudo;
        private Timeouts timeouts = Timeouts.DEFAULT;
        private final List<SshSettings> jumps = new ArrayList<>();
        private Path agentSocket;

        private Builder(String address) {
            this.address = Objects.requireNonNull(address, "address");
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1-65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** A private key file (OpenSSH or PEM; ed25519, ECDSA or RSA). Several are tried in order. */
        public Builder identity(Path identity) {
            this.identities.add(Objects.requireNonNull(identity, "identity"));
            return this;
        }

        /**
         * The passphrase of encrypted identities, asked for only when a key needs it.
         *
         * @param source where it comes from, for messages (e.g. "environment variable DEPLOY_KEY_PASS");
         *     never the passphrase itself
         */
        public Builder passphrase(Supplier<char[]> passphrase, String source) {
            this.passphrase = passphrase;
            this.passphraseSource = source;
            return this;
        }

        public Builder hostKeys(HostKeyVerification hostKeys) {
            this.hostKeys = hostKeys;
            return this;
        }

        public Builder sudo(boolean sudo) {
            this.sudo = sudo;
            return this;
        }

        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        /**
         * A bastion in front of the host (like OpenSSH's {@code ProxyJump}); call again for a chain, first hop
         * first. Each hop's host key is verified as strictly as the host's; its own jumps are ignored.
         */
        public Builder jump(SshSettings bastion) {
            this.jumps.add(Objects.requireNonNull(bastion, "bastion"));
            return this;
        }

        /**
         * Authenticate with the keys of the ssh-agent listening on {@code socket} (the value of
         * {@code SSH_AUTH_SOCK}), tried before the identity files; agent forwarding stays off.
         */
        public Builder agent(Path socket) {
            this.agentSocket = Objects.requireNonNull(socket, "socket");
            return this;
        }

        public SshSettings build() {
            return new SshSettings(this);
        }
    }
}
