package dev.hardening.core.host;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import javax.net.SocketFactory;

/**
 * The socket under an sshj connection: each {@link ConnectionPhase} gets {@link Timeouts#connect()}
 * as an overall deadline, enforced by the {@link Watchdog} closing the socket, and the server's input
 * before its identification is {@link BannerBound bounded}. The host's {@link HostDeadline}, when the
 * gate set one, can close it too.
 */
final class GuardedSocket extends Socket {
    private final String endpoint;
    private final Duration phaseLimit;
    private final Optional<HostDeadline> hostDeadline;
    private BannerBound input;
    private ConnectionPhase phase;
    private ConnectionPhase expiredIn;
    private ScheduledFuture<?> timer;

    private GuardedSocket(String endpoint, Duration phaseLimit) {
        this.endpoint = endpoint;
        this.phaseLimit = phaseLimit;
        this.hostDeadline = HostDeadline.current();
        hostDeadline.ifPresent(d -> d.watch(this));
        enter(ConnectionPhase.TCP_CONNECT);
    }

    /** Makes one socket per connection and remembers the last, so a failure can be explained by its phase. */
    static final class Factory extends SocketFactory {
        private final String endpoint;
        private final Duration phaseLimit;
        private GuardedSocket made;

        Factory(String endpoint, Duration phaseLimit) {
            this.endpoint = endpoint;
            this.phaseLimit = phaseLimit;
        }

        @Override
        public Socket createSocket() {
            made = new GuardedSocket(endpoint, phaseLimit);
            return made;
        }

        @Override
        public Socket createSocket(String host, int port) {
            throw new UnsupportedOperationException("sshj connects the socket itself");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
            throw new UnsupportedOperationException("sshj connects the socket itself");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException("sshj connects the socket itself");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
            throw new UnsupportedOperationException("sshj connects the socket itself");
        }

        Optional<GuardedSocket> made() {
            return Optional.ofNullable(made);
        }
    }

    @Override
    public void connect(SocketAddress target, int timeout) throws IOException {
        super.connect(target, timeout);
        enter(ConnectionPhase.BANNER);
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (input == null) {
            input = new BannerBound(super.getInputStream(), () -> enter(ConnectionPhase.KEY_EXCHANGE));
        }
        return input;
    }

    /** Starts the next phase with a deadline of its own. */
    synchronized void enter(ConnectionPhase next) {
        stopWatching();
        phase = next;
        hostDeadline.ifPresent(d -> d.doing(next.doing(endpoint)));
        timer = Watchdog.after(phaseLimit, () -> expire(next));
    }

    /** The connection is open and authenticated: from now on commands bound themselves. */
    synchronized void established() {
        stopWatching();
        phase = null;
        hostDeadline.ifPresent(d -> d.doing("running the checks on " + endpoint));
    }

    private synchronized void stopWatching() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire(ConnectionPhase which) {
        synchronized (this) {
            if (phase != which) {
                return;
            }
            expiredIn = which;
        }
        try {
            super.close();
        } catch (IOException e) {
            // the blocked call fails either way
        }
    }

    @Override
    public synchronized void close() throws IOException {
        stopWatching();
        hostDeadline.ifPresent(d -> d.release(this));
        super.close();
    }

    /**
     * Why the connection failed, when its own deadline or its banner bound ended it.
     *
     * @param timedOut whether sshj gave up waiting itself (a read timeout or its own wait), which means
     *     the phase the socket is in ran out of time too
     */
    synchronized Optional<String> explain(Throwable failure, boolean timedOut) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BannerBound.NotSshException notSsh) {
                return Optional.of("the service at " + endpoint + " is not SSH: " + notSsh.getMessage());
            }
        }
        ConnectionPhase late = expiredIn != null ? expiredIn : timedOut ? phase : null;
        if (late == null) {
            return phase != null && ((input != null && input.endOfStream()) || closedByPeer(failure))
                    ? Optional.of("the server at " + endpoint + " closed the connection during the " + phase.title())
                    : Optional.empty();
        }
        String limit = Timeouts.describe(phaseLimit);
        return Optional.of(switch (late) {
            case TCP_CONNECT -> "no TCP connection to " + endpoint + " within " + limit
                    + " (a firewall dropping packets, or no route)";
            case BANNER -> "no SSH banner from " + endpoint + " within " + limit + received();
            case KEY_EXCHANGE -> "the SSH key exchange with " + endpoint + " did not complete within " + limit;
            case AUTHENTICATION -> "SSH authentication at " + endpoint + " did not complete within " + limit;
        });
    }

    /** sshj says "encountered EOF" when the server closed; the JDK says "Connection reset" for a reset. */
    private static boolean closedByPeer(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("encountered EOF") || message.contains("Connection reset")
                    || message.contains("closed connection during identification")) {
                return true;
            }
        }
        return false;
    }

    private String received() {
        if (input == null || input.bytesBefore() == 0) {
            return " (nothing received: a service on that port that waits for the client, or a stalled server)";
        }
        return " (" + input.bytesBefore() + " bytes in " + input.linesBefore() + " complete lines received, none "
                + "an SSH identification" + input.quote() + ")";
    }
}
