package dev.hardening.core.host.agent;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import dev.hardening.core.host.HostException;
import dev.hardening.core.host.Watchdog;

/**
 * A running ssh-agent reached over its Unix socket ({@code SSH_AUTH_SOCK}): it lists its keys and signs
 * with them; the private keys never leave it. Nothing is forwarded. Each request has a deadline, after
 * which the socket is closed, so a stuck agent cannot hold a connection forever.
 */
public final class SshAgent implements AutoCloseable {
    private final Path socket;
    private final SocketChannel channel;
    private final Duration timeout;

    private SshAgent(Path socket, SocketChannel channel, Duration timeout) {
        this.socket = socket;
        this.channel = channel;
        this.timeout = timeout;
    }

    /** Connects to the agent listening on {@code socket}. */
    public static SshAgent connect(Path socket, Duration timeout) throws HostException {
        if (!Files.exists(socket)) {
            throw new HostException("the ssh-agent socket " + socket + " (SSH_AUTH_SOCK) does not exist: is the agent "
                    + "running? (start it with eval $(ssh-agent) and ssh-add the key)");
        }
        try {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return new SshAgent(socket, channel, timeout);
        } catch (IOException | UnsupportedOperationException e) {
            throw new HostException("cannot connect to the ssh-agent at " + socket + " (SSH_AUTH_SOCK): "
                    + e.getMessage() + " (is the agent still running?)", e);
        }
    }

    /** The keys the agent holds. */
    public List<AgentProtocol.Identity> identities() throws HostException {
        try {
            return AgentProtocol.identities(exchange(AgentProtocol.requestIdentities()));
        } catch (AgentProtocol.ProtocolException e) {
            throw new HostException("the ssh-agent at " + socket + ": " + e.getMessage());
        }
    }

    /** The agent's signature of {@code data} with the key {@code blob}, as an SSH signature blob. */
    public byte[] sign(byte[] blob, byte[] data, int flags) throws HostException {
        try {
            return AgentProtocol.signature(exchange(AgentProtocol.signRequest(blob, data, flags)));
        } catch (AgentProtocol.ProtocolException e) {
            throw new HostException("the ssh-agent at " + socket + " did not sign: " + e.getMessage()
                    + " (a key that asks for confirmation, or one removed meanwhile?)");
        }
    }

    private synchronized byte[] exchange(byte[] request) throws HostException, AgentProtocol.ProtocolException {
        ScheduledFuture<?> deadline = Watchdog.after(timeout, this::close);
        try {
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            return readInto(new byte[AgentProtocol.frameLength(readInto(new byte[4]))]);
        } catch (IOException e) {
            throw new HostException("the ssh-agent at " + socket + " did not answer within " + timeout.toSeconds()
                    + " s or closed the connection: " + e.getMessage(), e);
        } finally {
            deadline.cancel(false);
        }
    }

    private byte[] readInto(byte[] target) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(target);
        while (in.hasRemaining()) {
            if (channel.read(in) < 0) {
                throw new IOException("the agent closed the connection mid-reply");
            }
        }
        return target;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // the agent's side of a closed socket has nothing left to say
        }
    }

    @Override
    public String toString() {
        return "ssh-agent at " + socket;
    }
}
