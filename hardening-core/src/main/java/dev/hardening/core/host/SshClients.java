package dev.hardening.core.host;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.Service;
import net.schmizz.sshj.common.LoggerFactory;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;
import net.schmizz.sshj.userauth.method.AuthNone;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

import dev.hardening.core.facts.ssh.AuthenticationOffer;

/** Opening sshj connections with our timeouts and strict host keys, and the {@code none} probe. */
final class SshClients {
    /**
     * sshj narrates every handshake and logs rejected host keys as errors; what matters reaches the
     * user as a finding or a HostException instead, so its own log stays silent.
     */
    static final LoggerFactory SILENT = new LoggerFactory() {
        @Override
        public Logger getLogger(String name) {
            return NOPLogger.NOP_LOGGER;
        }

        @Override
        public Logger getLogger(Class<?> clazz) {
            return NOPLogger.NOP_LOGGER;
        }
    };

    private SshClients() {
    }

    /** An sshj client with sshj's default algorithms and its log silenced. */
    static SSHClient newClient() {
        DefaultConfig config = new DefaultConfig();
        config.setLoggerFactory(SILENT);
        return new SSHClient(config);
    }

    /**
     * Connects and verifies the host key, directly or through a direct-tcpip channel of the last bastion's
     * authenticated connection ({@code via}); nothing is authenticated yet.
     */
    static SSHClient connect(String address, int port, HostKeyVerification hostKeys, Timeouts timeouts,
            Optional<SSHClient> via) throws HostException {
        SSHClient client = newClient();
        String endpoint = endpoint(address, port);
        GuardedSocket.Factory sockets = new GuardedSocket.Factory(endpoint, timeouts.connect());
        client.setConnectTimeout(timeouts.connectMillis());
        client.setTimeout(timeouts.connectMillis());
        client.getTransport().setTimeoutMs(timeouts.connectMillis());
        client.addHostKeyVerifier(hostKeys);
        try {
            if (via.isPresent()) {
                HostDeadline.current().ifPresent(d -> d.watch(client));
                client.connectVia(tunnel(via.get(), address, port));
            } else {
                client.setSocketFactory(sockets);
                client.connect(address, port);
            }
            guard(client).ifPresent(g -> g.enter(ConnectionPhase.AUTHENTICATION));
            return client;
        } catch (HostException e) {
            closeQuietly(client);
            throw e;
        } catch (IOException e) {
            closeQuietly(client);
            if (hostKeys.rejection() != null) {
                throw new HostKeyException(hostKeys.rejection());
            }
            String reason = sockets.made().flatMap(s -> s.explain(e, causedByTimeout(e)))
                    .orElseGet(() -> describeConnectFailure(address, endpoint, e, timeouts));
            throw new HostException(reason, e);
        }
    }

    /** A direct-tcpip channel from the bastion to the host: what an OpenSSH {@code ProxyJump} opens. */
    private static DirectConnection tunnel(SSHClient bastion, String address, int port) throws HostException {
        try {
            return bastion.newDirectConnection(address, port);
        } catch (IOException e) {
            throw new HostException("the bastion could not open a connection to " + endpoint(address, port) + ": "
                    + e.getMessage() + " (does its sshd allow TCP forwarding (AllowTcpForwarding), and does it "
                    + "reach that address?)", e);
        }
    }

    /** Authentication is done: the connection's phases are over, commands bound themselves from here. */
    static void established(SSHClient client) {
        guard(client).ifPresent(GuardedSocket::established);
    }

    /** Why an open connection failed, when its phase deadline ran out or its host's deadline ended it. */
    static Optional<String> explain(SSHClient client, IOException failure) {
        return guard(client).flatMap(g -> g.explain(failure, causedByTimeout(failure)));
    }

    /** The guarded socket of a direct connection; one through a bastion has none of its own. */
    private static Optional<GuardedSocket> guard(SSHClient client) {
        return client.getSocket() instanceof GuardedSocket g ? Optional.of(g) : Optional.empty();
    }

    private static String describeConnectFailure(String address, String endpoint, IOException e, Timeouts timeouts) {
        if (e instanceof ConnectException) {
            return "cannot connect to " + endpoint + ": connection refused (is sshd running and the port right?)";
        }
        if (e instanceof UnknownHostException) {
            return "cannot connect to " + endpoint + ": " + address + " does not resolve (check address: "
                    + "and the DNS or /etc/hosts of the machine running the gate)";
        }
        if (e instanceof SocketTimeoutException || causedByTimeout(e)) {
            return "no SSH answer from " + endpoint + " within " + timeouts.connect().toSeconds()
                    + " s (a firewall dropping packets, or a service on that port that is not SSH)";
        }
        return "SSH handshake with " + endpoint + " failed: " + e.getMessage();
    }

    private static boolean causedByTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException
                    || String.valueOf(t.getMessage()).contains("Timeout expired")) {
                return true;
            }
        }
        return false;
    }

    /** Sends a {@code none} authentication request; the server's answer lists the methods it offers. */
    static AuthenticationOffer askMethods(SSHClient client, String user, String endpoint, Timeouts timeouts)
            throws HostException {
        try {
            boolean accepted = client.getUserAuth()
                    .authenticate(user, (Service) client.getConnection(), new AuthNone(), timeouts.connectMillis());
            List<String> methods = accepted ? List.of() : List.copyOf(client.getUserAuth().getAllowedMethods());
            return new AuthenticationOffer(endpoint, user, accepted, methods);
        } catch (IOException e) {
            throw new HostException(explain(client, e).orElse("asking " + endpoint
                    + " for its authentication methods failed: " + e.getMessage()), e);
        }
    }

    /** Connects, asks, disconnects: one short-lived connection that never authenticates. */
    static AuthenticationOffer probe(String address, int port, String user, HostKeyVerification hostKeys,
            Timeouts timeouts, Optional<SSHClient> via) throws IOException {
        String endpoint = endpoint(address, port);
        SSHClient client = connectOrRefuse(address, port, hostKeys, timeouts, via);
        try {
            return askMethods(client, user, endpoint, timeouts);
        } finally {
            closeQuietly(client);
        }
    }

    private static SSHClient connectOrRefuse(String address, int port, HostKeyVerification hostKeys,
            Timeouts timeouts, Optional<SSHClient> via) throws IOException {
        try {
            return connect(address, port, hostKeys, timeouts, via);
        } catch (HostException e) {
            if (e.getCause() instanceof ConnectException refused) {
                throw refused;
            }
            throw e;
        }
    }

    static String endpoint(String address, int port) {
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }

    static void closeQuietly(SSHClient client) {
        try {
            client.disconnect();
        } catch (IOException | RuntimeException e) {
            // closing a connection that already failed has nothing left to report
        }
    }
}
