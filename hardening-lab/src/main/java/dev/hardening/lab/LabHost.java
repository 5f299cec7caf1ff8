package dev.hardening.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.github.dockerjava.api.model.Capability;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

import dev.hardening.core.gather.ProbeRoutes;
import dev.hardening.core.host.HostKeyVerification;
import dev.hardening.core.host.Shell;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.TlsEndpoint;

/**
 * A throwaway Debian host with a real sshd, made for one test from the locally built lab image:
 * its own sshd config, users, keys and files, broken on purpose. The gate reaches it through its
 * mapped SSH port on localhost with a key generated inside it and a known_hosts entry made from its
 * real host key. {@link #close()} removes the container.
 *
 * <pre>{@code
 * try (LabHost lab = LabHost.builder().dropIn("50-cloud-init.conf", "PasswordAuthentication yes\n").start()) {
 *     Policy policy = new Policy(Optional.empty(), List.of(lab.hostSpec("web1")), null, null);
 *     GateResult result = new Gate(policy, GateOptions.DEFAULT).run();
 * }
 * }</pre>
 */
public final class LabHost implements AutoCloseable {
    /** The password every lab user gets, so a server that accepts passwords really would let one in. */
    public static final String USER_PASSWORD = "lab-password-1";
    /** sshd algorithm lists that pass {@code ssh.crypto}'s defaults (strong kex, AEAD/CTR, SHA-2 EtM MACs, no NIST or SHA-1). */
    public static final String HARDENED_CRYPTO = "KexAlgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256\n"
            + "Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes256-ctr\n"
            + "MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com\n"
            + "HostKeyAlgorithms ssh-ed25519,rsa-sha2-512,rsa-sha2-256\n"
            + "PubkeyAcceptedAlgorithms ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-512,rsa-sha2-256\n";
    private static final String LAB_DIR = "/lab";

    private final GenericContainer<?> container;
    private final Path workDir;
    private final String loginUser;
    private final boolean sudo;
    private final String hostKeyLine;
    private final List<Integer> exposedPorts;
    /** The name the host has on its Docker network when its SSH port is not published; null when it is. */
    private final String internalName;

    private LabHost(GenericContainer<?> container, Path workDir, String loginUser, boolean sudo, String hostKeyLine,
            List<Integer> exposedPorts, String internalName) {
        this.container = container;
        this.internalName = internalName;
        this.exposedPorts = List.copyOf(exposedPorts);
        this.workDir = workDir;
        this.loginUser = loginUser;
        this.sudo = sudo;
        this.hostKeyLine = hostKeyLine;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The address the gate connects to: the Docker host (usually localhost), or for a host whose SSH port is
     * {@link Builder#unpublished(Network, String) not published} its name on its network, which only a
     * bastion on that network reaches.
     */
    public String address() {
        return internalName != null ? internalName : container.getHost();
    }

    public int sshPort() {
        return internalName != null ? 22 : container.getMappedPort(22);
    }

    /** The port on {@link #address()} that reaches {@code containerPort}, one given to {@link Builder#exposePort(int)}. */
    public int mappedPort(int containerPort) {
        return container.getMappedPort(containerPort);
    }

    /** The host's own address on the Docker bridge, which this machine reaches directly. */
    public String containerAddress() {
        return container.getContainerInfo().getNetworkSettings().getIpAddress();
    }

    /**
     * Firewall probe routes through the forwarded ports on localhost (exposed ports only). Docker's
     * userland proxy completes the handshake itself before it connects to the host, so through these
     * a port only shows that it answers when the host's firewall lets the proxy in, and a blocked port
     * still looks open.
     */
    public ProbeRoutes mappedPortRoutes() {
        return (spec, port) -> exposedPorts.contains(port)
                ? Optional.of(new InetSocketAddress("127.0.0.1", mappedPort(port))) : Optional.empty();
    }

    /** Firewall probe routes to the host's own bridge address, where its firewall sees the probe's packets. */
    public ProbeRoutes containerRoutes() {
        return (spec, port) -> Optional.of(new InetSocketAddress(containerAddress(), port));
    }

    public String loginUser() {
        return loginUser;
    }

    /** The client private key (OpenSSH format) whose public half is authorized for the login user. */
    public Path identity() {
        return workDir.resolve("client_key");
    }

    /** A known_hosts file holding exactly this host's real ed25519 key for {@code [address]:port}. */
    public Path knownHosts() {
        return workDir.resolve("known_hosts");
    }

    /** The {@code SHA256:} fingerprint of the host's ed25519 key. */
    public String hostKeyFingerprint() {
        try {
            return HostKeyVerification.fingerprint(HostKeyVerification.parsePublicKeyLine(hostKeyLine));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A policy entry that reaches this host as its login user, with strict host-key checking. */
    public HostSpec hostSpec(String name) {
        return hostSpec(name, List.of());
    }

    /**
     * The same, with TLS endpoints and certificate files; an endpoint's port is the one the gate
     * connects to, so give it {@link #mappedPort(int)}.
     */
    public HostSpec hostSpec(String name, List<TlsEndpoint> tls) {
        return new HostSpec(name, address(), sshPort(), loginUser, identity().toString(), null,
                knownHosts().toString(), null, sudo, tls);
    }

    /** This host as an entry of a policy file's {@code hosts:} list, for tests that go through a policy file. */
    public String policyEntry(String name) {
        return "  - name: " + name + "\n    address: " + address() + "\n    port: " + sshPort() + "\n    user: " + loginUser
                + "\n    identity: " + identity() + "\n    knownHosts: " + knownHosts() + "\n    sudo: " + sudo + "\n";
    }

    /** The Testcontainers container behind this host, e.g. to check it through {@code ContainerHost}. */
    public GenericContainer<?> container() {
        return container;
    }

    /** Runs a shell command as root inside the host (to set it up or break it); fails on a non-zero exit. */
    public String exec(String command) {
        try {
            Container.ExecResult result = container.execInContainer("sh", "-c", command);
            if (result.getExitCode() != 0) {
                throw new IllegalStateException("lab command failed (exit " + result.getExitCode() + "): " + command
                        + "\n" + result.getStderr() + result.getStdout());
            }
            return result.getStdout();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running: " + command, e);
        }
    }

    /** What sshd has logged so far (it runs with {@code -e}, so its log is the container's output). */
    public String sshdLog() {
        return container.getLogs();
    }

    /** The local folder this lab host keeps its client key and known_hosts in; removed on close. */
    public Path workDir() {
        return workDir;
    }

    @Override
    public void close() {
        try {
            container.stop();
        } finally {
            deleteRecursively(workDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless; the container is what must go
        }
    }

    /** What the host should look like when it starts. */
    public static final class Builder {
        /** The key type of the generated client key. */
        public enum KeyType {
            ED25519("ed25519", ""),
            ECDSA("ecdsa", "-b 256"),
            RSA("rsa", "-b 3072");

            private final String name;
            private final String bits;

            KeyType(String name, String bits) {
                this.name = name;
                this.bits = bits;
            }
        }

        private String sshdConfig;
        private final Map<String, String> files = new LinkedHashMap<>();
        private final List<String> setup = new ArrayList<>();
        private final List<Integer> exposedPorts = new ArrayList<>(List.of(22));
        private String loginUser = "deploy";
        private boolean sudo = true;
        private boolean netAdmin;
        private KeyType keyType = KeyType.ED25519;
        private String keyPassphrase = "";
        private Duration startupTimeout = Duration.ofSeconds(60);
        private String image = LabImage.name();
        private Network network;
        private String networkAlias;
        private boolean published = true;

        private Builder() {
        }

        /**
         * Also attaches the host to {@code network} (one the test creates and closes) under {@code alias}, the
         * name other hosts on it reach it by; its SSH port stays published on localhost.
         */
        public Builder network(Network network, String alias) {
            this.network = network;
            this.networkAlias = alias;
            return this;
        }

        /**
         * The host is on {@code network} only, as {@code alias}, with no port published: this machine cannot
         * reach it, a bastion on the same network can. {@link LabHost#address()} is the alias and the
         * known_hosts file names it on port 22.
         */
        public Builder unpublished(Network network, String alias) {
            network(network, alias);
            this.published = false;
            return this;
        }

        /** Replaces {@code /etc/ssh/sshd_config} (default: Debian's stock file). */
        public Builder sshdConfig(String content) {
            this.sshdConfig = content;
            return this;
        }

        /** Adds {@code /etc/ssh/sshd_config.d/NAME}, read before the rest of Debian's main file. */
        public Builder dropIn(String name, String content) {
            return file("/etc/ssh/sshd_config.d/" + name, content);
        }

        /** Places a file (mode 0644) before sshd starts. */
        public Builder file(String path, String content) {
            files.put(path, content);
            return this;
        }

        /** A shell command run as root before sshd starts (users, rulesets, listeners...). */
        public Builder setup(String command) {
            setup.add(command);
            return this;
        }

        /**
         * The user the gate logs in as (created with the client key authorized and a password);
         * default {@code deploy}, with passwordless sudo unless {@link #withoutSudo()}.
         */
        public Builder loginUser(String user) {
            this.loginUser = user;
            return this;
        }

        /** The login user gets no sudo rights, and the host spec does not ask for sudo. */
        public Builder withoutSudo() {
            this.sudo = false;
            return this;
        }

        /** Maps a port of the host (a TLS server started by {@link #setup(String)}, say) to one on localhost. */
        public Builder exposePort(int containerPort) {
            exposedPorts.add(containerPort);
            return this;
        }

        /**
         * Every measure the default baseline checks, so the host passes a gate whose policy allows
         * {@code 22/tcp} in public: key-only SSH without root login, inbound default-deny for IPv4 and
         * IPv6 with only SSH open, unattended upgrades on, and a package index as fresh as a host that
         * refreshes it daily (the image's own is as old as the image). Later calls can weaken one measure.
         */
        public Builder hardened() {
            netAdmin();
            dropIn("00-hardening.conf", "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin no\n");
            dropIn("00-crypto.conf", HARDENED_CRYPTO);
            file("/etc/nftables.conf", "table inet filter { chain input { type filter hook input priority 0; policy drop; "
                    + "ct state established,related accept; iif \"lo\" accept; tcp dport 22 accept; }; }\n");
            file("/etc/apt/apt.conf.d/20auto-upgrades",
                    "APT::Periodic::Update-Package-Lists \"1\";\nAPT::Periodic::Unattended-Upgrade \"1\";\n");
            setup("nft -f /etc/nftables.conf");
            setup("touch /var/lib/apt/lists/*_InRelease");
            return this;
        }

        /** Grants {@code NET_ADMIN}, for nftables rulesets and veth pairs inside the host. */
        public Builder netAdmin() {
            this.netAdmin = true;
            return this;
        }

        /** The client key type and passphrase (empty: unencrypted). */
        public Builder clientKey(KeyType type, String passphrase) {
            this.keyType = type;
            this.keyPassphrase = passphrase;
            return this;
        }

        /** Starts the host from another locally built lab image, e.g. {@link RpmLabHost#IMAGE}'s. */
        public Builder image(String localImage) {
            this.image = localImage;
            return this;
        }

        public LabHost start() {
            Path workDir;
            try {
                workDir = Files.createTempDirectory("hardening-lab-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                    .withCommand("/bin/sh", LAB_DIR + "/setup.sh")
                    .waitingFor(Wait.forLogMessage(".*Server listening on.*", 1).withStartupTimeout(startupTimeout))
                    .withCopyToContainer(Transferable.of(setupScript(), 0755), LAB_DIR + "/setup.sh");
            if (sshdConfig != null) {
                container.withCopyToContainer(Transferable.of(sshdConfig, 0644), "/etc/ssh/sshd_config");
            }
            files.forEach((path, content) -> container.withCopyToContainer(Transferable.of(content, 0644), path));
            if (published) {
                container.withExposedPorts(exposedPorts.toArray(Integer[]::new));
            }
            if (network != null) {
                container.withNetwork(network).withNetworkAliases(networkAlias);
            }
            if (netAdmin) {
                container.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withCapAdd(Capability.NET_ADMIN));
            }
            try {
                container.start();
                container.copyFileFromContainer(LAB_DIR + "/client_key", workDir.resolve("client_key").toString());
                String hostKey = container.execInContainer("cat", "/etc/ssh/ssh_host_ed25519_key.pub").getStdout().strip();
                String[] parts = hostKey.split("\\s+");
                String entry = parts[0] + " " + parts[1];
                if (published) {
                    String host = container.getHost();
                    int port = container.getMappedPort(22);
                    Files.writeString(workDir.resolve("known_hosts"), "[" + host + "]:" + port + " " + entry + "\n"
                            + (host.equals("localhost") ? "[127.0.0.1]:" + port + " " + entry + "\n" : ""),
                            StandardCharsets.UTF_8);
                } else {
                    Files.writeString(workDir.resolve("known_hosts"), networkAlias + " " + entry + "\n",
                            StandardCharsets.UTF_8);
                }
                return new LabHost(container, workDir, loginUser, sudo, entry, published ? exposedPorts : List.of(),
                        published ? null : networkAlias);
            } catch (IOException | RuntimeException e) {
                container.stop();
                deleteRecursively(workDir);
                throw new IllegalStateException("lab host did not start: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                container.stop();
                deleteRecursively(workDir);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting a lab host", e);
            }
        }

        private String setupScript() {
            String home = loginUser.equals("root") ? "/root" : "/home/" + loginUser;
            String user = Shell.quote(loginUser);
            StringBuilder s = new StringBuilder("#!/bin/sh\nset -eu\nmkdir -p /run/sshd\nssh-keygen -A >/dev/null\n");
            s.append("ssh-keygen -q -t ").append(keyType.name).append(' ').append(keyType.bits)
                    .append(" -N ").append(Shell.quote(keyPassphrase)).append(" -f ").append(LAB_DIR)
                    .append("/client_key\nchmod 644 ").append(LAB_DIR).append("/client_key\n");
            if (!loginUser.equals("root")) {
                s.append("id -u ").append(user).append(" >/dev/null 2>&1 || useradd -m -s /bin/bash ").append(user)
                        .append('\n');
            }
            s.append("echo ").append(Shell.quote(loginUser + ":" + USER_PASSWORD)).append(" | chpasswd\n");
            s.append("install -d -m 700 -o ").append(user).append(" -g ").append(user).append(' ').append(home)
                    .append("/.ssh\n");
            s.append("install -m 600 -o ").append(user).append(" -g ").append(user).append(' ').append(LAB_DIR)
                    .append("/client_key.pub ").append(home).append("/.ssh/authorized_keys\n");
            if (sudo && !loginUser.equals("root")) {
                s.append("echo ").append(Shell.quote(loginUser + " ALL=(ALL) NOPASSWD: ALL"))
                        .append(" > /etc/sudoers.d/lab-login && chmod 440 /etc/sudoers.d/lab-login\n");
            }
            setup.forEach(c -> s.append(c).append('\n'));
            s.append("exec /usr/sbin/sshd -D -e\n");
            return s.toString();
        }
    }
}
