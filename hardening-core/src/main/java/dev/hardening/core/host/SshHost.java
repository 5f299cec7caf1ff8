package dev.hardening.core.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

import dev.hardening.core.facts.ssh.AuthenticationOffer;
import dev.hardening.core.host.agent.AgentKeyAuthentication;
import dev.hardening.core.host.agent.AgentProtocol;
import dev.hardening.core.host.agent.SshAgent;

/**
 * A host reached over SSH: one authenticated connection, opened once and reused by every command
 * of the run. Host keys are verified before anything else; a rejected key means nothing runs.
 */
public final class SshHost implements Host {
    static final int MAX_OPEN_CHANNELS = 4;
    private final SshSettings settings;
    private final SSHClient client;
    private final AuthenticationOffer loginUserOffer;
    private final Optional<SSHClient> via;
    /** The bastions of a host connected on its own, closed with it; a gate run's are closed by the gate. */
    private final Optional<Bastions> ownBastions;
    /**
     * OpenSSH refuses more than {@code MaxSessions} (10 by default) open channels on one connection
     * ("open failed"); facts gathered side by side stay well below it.
     */
    private final Semaphore channels = new Semaphore(MAX_OPEN_CHANNELS);

    private SshHost(SshSettings settings, Login login, Optional<SSHClient> via, Optional<Bastions> ownBastions) {
        this.settings = settings;
        this.client = login.client();
        this.loginUserOffer = login.offer();
        this.via = via;
        this.ownBastions = ownBastions;
    }

    /** An authenticated connection and what the server offered the login user before. */
    record Login(SSHClient client, AuthenticationOffer offer) {
    }

    /**
     * Connects (through the settings' bastions, if any, opened for this host alone), verifies the host key,
     * records which authentication methods the server offers the login user, then authenticates with the
     * ssh-agent's keys and the configured identities.
     */
    public static SshHost connect(SshSettings settings) throws HostException {
        Bastions own = new Bastions();
        try {
            return connect(settings, own, Optional.of(own));
        } catch (HostException | RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /** Like {@link #connect(SshSettings)}, sharing the bastion connections of a run. */
    public static SshHost connect(SshSettings settings, Bastions bastions) throws HostException {
        return connect(settings, bastions, Optional.empty());
    }

    private static SshHost connect(SshSettings settings, Bastions bastions, Optional<Bastions> own)
            throws HostException {
        Optional<SSHClient> via = bastions.through(settings);
        return new SshHost(settings, login(settings, via), via, own);
    }

    /** Connects directly or through {@code via}, verifies the host key and authenticates. */
    static Login login(SshSettings settings, Optional<SSHClient> via) throws HostException {
        List<KeyProvider> keys = loadIdentities(settings);
        SSHClient client = SshClients.connect(settings.address(), settings.port(), settings.hostKeys(),
                settings.timeouts(), via);
        try {
            AuthenticationOffer offer = SshClients.askMethods(client, settings.user(), settings.endpoint(),
                    settings.timeouts());
            if (!offer.acceptedNone()) {
                authenticate(client, settings, keys);
            }
            SshClients.established(client);
            return new Login(client, offer);
        } catch (IOException e) {
            SshClients.closeQuietly(client);
            throw e instanceof HostException h ? h : new HostException(SshClients.explain(client, e)
                    .orElse("SSH authentication at " + settings.endpoint() + " failed: " + e.getMessage()), e);
        }
    }

    /** The agent's keys first (as ssh tries them), then the identity files. */
    private static void authenticate(SSHClient client, SshSettings settings, List<KeyProvider> keys)
            throws IOException {
        List<AuthMethod> methods = new ArrayList<>();
        List<String> tried = new ArrayList<>();
        Optional<SshAgent> agent = settings.agentSocket().isPresent()
                ? Optional.of(SshAgent.connect(settings.agentSocket().get(), settings.timeouts().connect()))
                : Optional.empty();
        try {
            if (agent.isPresent()) {
                List<AgentProtocol.Identity> identities = agent.get().identities();
                if (identities.isEmpty() && keys.isEmpty()) {
                    throw new HostException("the ssh-agent at " + settings.agentSocket().get() + " (SSH_AUTH_SOCK) "
                            + "holds no keys: ssh-add the key authorized for " + settings.user() + " at "
                            + settings.endpoint() + ", or give identity: in the policy");
                }
                methods.addAll(AgentKeyAuthentication.of(agent.get(), identities));
                identities.forEach(i -> tried.add("agent key " + KnownHostsLine.fingerprintOf(i.blob())
                        + (i.comment().isBlank() ? "" : " (" + printable(i.comment()) + ")")));
            }
            keys.forEach(k -> methods.add(new AuthPublickey(k)));
            tried.addAll(settings.identities().stream().map(Path::toString).toList());
            client.auth(settings.user(), methods);
        } catch (UserAuthException e) {
            throw new HostException(SshClients.explain(client, e).orElse("public key authentication as "
                    + settings.user() + " at " + settings.endpoint() + " failed with " + (tried.isEmpty()
                            ? "the default identities" : String.join(", ", tried))
                    + " (is its public key in ~" + settings.user() + "/.ssh/authorized_keys?)"), e);
        } finally {
            agent.ifPresent(SshAgent::close);
        }
    }

    /** A key comment as the agent sent it, cut short and without control characters. */
    private static String printable(String comment) {
        String clean = comment.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 64 ? clean.substring(0, 64) + "..." : clean;
    }

    /**
     * Asks the SSH server at {@code address:port} which methods it offers {@code user}, on a short
     * connection that verifies the host key and never authenticates.
     *
     * @throws java.net.ConnectException when nothing listens there
     */
    public static AuthenticationOffer probe(String address, int port, String user, HostKeyVerification hostKeys,
            Timeouts timeouts) throws IOException {
        return SshClients.probe(address, port, user, hostKeys, timeouts, Optional.empty());
    }

    private static List<KeyProvider> loadIdentities(SshSettings settings) throws HostException {
        List<Path> candidates = !settings.identities().isEmpty() || settings.agentSocket().isPresent()
                ? settings.identities() : defaultIdentities();
        if (candidates.isEmpty() && settings.agentSocket().isEmpty()) {
            throw new HostException("no identity for " + settings.endpoint()
                    + ": set identity: in the policy, or agent: true with a running ssh-agent "
                    + "(no ~/.ssh/id_ed25519, id_ecdsa or id_rsa found)");
        }
        SSHClient loader = SshClients.newClient();
        List<KeyProvider> keys = new ArrayList<>();
        for (Path identity : candidates) {
            if (!Files.isReadable(identity)) {
                throw new HostException("identity file " + identity + " does not exist or is not readable");
            }
            try {
                KeyProvider key = settings.passphrase() == null
                        ? loader.loadKeys(identity.toString())
                        : loader.loadKeys(identity.toString(), passwordFinder(settings));
                key.getPublic();
                key.getPrivate();
                keys.add(key);
            } catch (IOException | RuntimeException e) {
                throw new HostException("cannot load identity file " + identity + ": " + (settings.passphrase() == null
                        ? "it is encrypted or not a private key (encrypted keys need passphraseEnv: in the policy)"
                        : "wrong passphrase (from " + settings.passphraseSource() + ") or not a private key"));
            }
        }
        return keys;
    }

    private static PasswordFinder passwordFinder(SshSettings settings) {
        return new PasswordFinder() {
            @Override
            public char[] reqPassword(Resource<?> resource) {
                return settings.passphrase().get();
            }

            @Override
            public boolean shouldRetry(Resource<?> resource) {
                return false;
            }
        };
    }

    private static List<Path> defaultIdentities() {
        Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
        return List.of("id_ed25519", "id_ecdsa", "id_rsa").stream().map(ssh::resolve)
                .filter(Files::isReadable).toList();
    }

    @Override
    public String name() {
        return settings.name();
    }

    public SshSettings settings() {
        return settings;
    }

    @Override
    public CommandResult run(String command) throws HostException {
        try {
            channels.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostException("interrupted before a command could start on " + settings.endpoint(), e);
        }
        try {
            Session session;
            Session.Command running;
            try {
                session = client.startSession();
                running = session.exec(command);
            } catch (IOException e) {
                throw new HostException("cannot start a command on " + settings.endpoint() + ": " + e.getMessage(), e);
            }
            return RunningCommand.collect(name(), command, new ChannelCommand(session, running), settings.timeouts());
        } finally {
            channels.release();
        }
    }

    /** One channel for the whole batch: the commands go out as one {@link FactScript} on its stdin. */
    @Override
    public BatchResult runAll(List<HostCommand> commands) {
        if (commands.size() < 2) {
            return Host.super.runAll(commands);
        }
        FactScript script = new FactScript(commands, usesSudo(), settings.timeouts());
        try {
            channels.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failAll(commands, "interrupted before the fact script could start on " + settings.endpoint());
        }
        try {
            Session session = null;
            Session.Command running;
            try {
                session = client.startSession();
                running = session.exec(FactScript.SHELL);
                try (OutputStream stdin = running.getOutputStream()) {
                    stdin.write(script.text().getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                closeQuietly(session);
                return failAll(commands, "cannot start the fact script on " + settings.endpoint() + ": " + e.getMessage());
            }
            return script.results(name(), RunningCommand.collectRaw(name(), new ChannelCommand(session, running),
                    script.deadline(), script.maxOutputBytes()));
        } catch (HostException e) {
            return failAll(commands, e.getMessage());
        } finally {
            channels.release();
        }
    }

    private static void closeQuietly(Session session) {
        if (session != null) {
            try {
                session.close();
            } catch (IOException e) {
                // the channel is being torn down either way
            }
        }
    }

    private static BatchResult failAll(List<HostCommand> commands, String reason) {
        BatchResult batch = new BatchResult();
        commands.forEach(c -> batch.failed(c, reason));
        return batch;
    }

    @Override
    public CommandResult runPrivileged(String command) throws HostException {
        return run(usesSudo() ? Shell.viaSudo(command) : command);
    }

    @Override
    public boolean usesSudo() {
        return settings.sudo() && !"root".equals(settings.user());
    }

    @Override
    public String loginUser() {
        return settings.user();
    }

    @Override
    public AuthenticationOffer offeredAuthentication(String user, int port) throws IOException {
        if (user.equals(settings.user())) {
            return loginUserOffer;
        }
        // OpenSSH ends a connection whose user name changes between attempts, so ask on a fresh one
        return SshClients.probe(settings.address(), settings.port(), user, settings.hostKeys(), settings.timeouts(),
                via);
    }

    @Override
    public Optional<ForwardedPort> forwardThroughBastion(int port) throws HostException {
        return via.isEmpty() ? Optional.empty()
                : Optional.of(ForwardedPort.open(via.get(), settings.address(), port));
    }

    @Override
    public void close() {
        SshClients.closeQuietly(client);
        ownBastions.ifPresent(Bastions::close);
    }

    private record ChannelCommand(Session session, Session.Command command) implements RunningCommand {
        @Override
        public InputStream stdout() {
            return command.getInputStream();
        }

        @Override
        public InputStream stderr() {
            return command.getErrorStream();
        }

        @Override
        public boolean awaitExit(long timeout, TimeUnit unit) throws HostException {
            try {
                command.join(timeout, unit);
                return true;
            } catch (IOException e) {
                if (String.valueOf(e.getMessage()).contains("Timeout expired")) {
                    return false;
                }
                throw new HostException("the connection broke while a command ran: " + e.getMessage(), e);
            }
        }

        @Override
        public int exitStatus() {
            Integer status = command.getExitStatus();
            return status == null ? -1 : status;
        }

        @Override
        public void release() {
            try {
                session.close();
            } catch (IOException e) {
                // the channel is being torn down either way
            }
        }
    }
}
