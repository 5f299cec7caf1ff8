package dev.hardening.core.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

import dev.hardening.core.facts.ssh.AuthenticationOffer;

/**
 * A host reached over SSH: one authenticated connection, opened once and reused by every command
 * of the run. Host keys are verified before anything else; a rejected key means nothing runs.
 */
public final class SshHost implements Host {
    static final int MAX_OPEN_CHANNELS = 4;
    private final SshSettings settings;
    private final SSHClient client;
    private final AuthenticationOffer loginUserOffer;
    /**
     * OpenSSH refuses more than {@code MaxSessions} (10 by default) open channels on one connection
     * ("open failed"); facts gathered side by side stay well below it.
     */
    private final Semaphore channels = new Semaphore(MAX_OPEN_CHANNELS);

    private SshHost(SshSettings settings, SSHClient client, AuthenticationOffer loginUserOffer) {
        this.settings = settings;
        this.client = client;
        this.loginUserOffer = loginUserOffer;
    }

    /**
     * Connects, verifies the host key, records which authentication methods the server offers the
     * login user, then authenticates with the configured key.
     */
    public static SshHost connect(SshSettings settings) throws HostException {
        List<KeyProvider> keys = loadIdentities(settings);
        SSHClient client = SshClients.connect(settings.address(), settings.port(), settings.hostKeys(),
                settings.timeouts());
        try {
            AuthenticationOffer offer = SshClients.askMethods(client, settings.user(), settings.endpoint(),
                    settings.timeouts());
            if (!offer.acceptedNone()) {
                client.authPublickey(settings.user(), keys);
            }
            SshClients.established(client);
            return new SshHost(settings, client, offer);
        } catch (UserAuthException e) {
            SshClients.closeQuietly(client);
            throw new HostException(SshClients.explain(client, e).orElse("public key authentication as "
                    + settings.user() + " at " + settings.endpoint() + " failed with " + describe(settings.identities())
                    + " (is its public key in ~" + settings.user() + "/.ssh/authorized_keys?)"), e);
        } catch (IOException e) {
            SshClients.closeQuietly(client);
            throw new HostException(SshClients.explain(client, e).orElse("SSH authentication at "
                    + settings.endpoint() + " failed: " + e.getMessage()), e);
        }
    }

    /**
     * Asks the SSH server at {@code address:port} which methods it offers {@code user}, on a short
     * connection that verifies the host key and never authenticates.
     *
     * @throws java.net.ConnectException when nothing listens there
     */
    public static AuthenticationOffer probe(String address, int port, String user, HostKeyVerification hostKeys,
            Timeouts timeouts) throws IOException {
        return SshClients.probe(address, port, user, hostKeys, timeouts);
    }

    private static List<KeyProvider> loadIdentities(SshSettings settings) throws HostException {
        List<Path> candidates = settings.identities().isEmpty() ? defaultIdentities() : settings.identities();
        if (candidates.isEmpty()) {
            throw new HostException("no identity for " + settings.endpoint()
                    + ": set identity: in the policy (no ~/.ssh/id_ed25519, id_ecdsa or id_rsa found)");
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

    private static String describe(List<Path> identities) {
        return identities.isEmpty() ? "the default identities" : identities.toString();
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
        return SshClients.probe(settings.address(), settings.port(), user, settings.hostKeys(), settings.timeouts());
    }

    @Override
    public void close() {
        SshClients.closeQuietly(client);
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
