package dev.hardening.core.host;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.LocalPortForwarder;
import net.schmizz.sshj.connection.channel.direct.Parameters;

/**
 * A loopback port of the gate's machine that leads, through a bastion's connection, to a port of a host
 * behind it: a probe that talks to the wire (e.g. reading sshd's KEXINIT) connects here and reaches the
 * host the way the gate's login did. Forwarding ends when this is closed.
 */
public final class ForwardedPort implements Closeable {
    private final ServerSocket local;
    private final LocalPortForwarder forwarder;
    private final String target;

    private ForwardedPort(ServerSocket local, LocalPortForwarder forwarder, String target) {
        this.local = local;
        this.forwarder = forwarder;
        this.target = target;
    }

    /** Starts forwarding a fresh loopback port to {@code address:port} as {@code bastion} sees it. */
    static ForwardedPort open(SSHClient bastion, String address, int port) throws HostException {
        ServerSocket local = null;
        try {
            local = new ServerSocket();
            local.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            LocalPortForwarder forwarder = bastion.newLocalPortForwarder(new Parameters(
                    local.getInetAddress().getHostAddress(), local.getLocalPort(), address, port), local);
            ForwardedPort forwarded = new ForwardedPort(local, forwarder, address + ":" + port);
            Thread listener = new Thread(() -> forwarded.listen(), "hardening-forward-" + address + "-" + port);
            listener.setDaemon(true);
            listener.start();
            return forwarded;
        } catch (IOException e) {
            closeQuietly(local);
            throw new HostException("cannot forward a local port to " + address + ":" + port + " through the bastion: "
                    + e.getMessage(), e);
        }
    }

    private void listen() {
        try {
            forwarder.listen();
        } catch (IOException e) {
            // closing the server socket ends listen() this way; a probe through it then fails and says so
            closeQuietly(local);
        }
    }

    /** Where to connect on the gate's machine. */
    public InetSocketAddress local() {
        return new InetSocketAddress(local.getInetAddress(), local.getLocalPort());
    }

    /** {@code address:port} of the host behind the bastion. */
    public String target() {
        return target;
    }

    @Override
    public void close() {
        try {
            forwarder.close();
        } catch (IOException e) {
            // the server socket below is what holds the port; the forwarder's channels close with the bastion
        } finally {
            closeQuietly(local);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing is left to release
        }
    }
}
