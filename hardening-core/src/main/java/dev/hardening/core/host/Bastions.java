package dev.hardening.core.host;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.schmizz.sshj.SSHClient;

/**
 * The bastion connections of one run: each hop of a chain is connected, verified and authenticated once,
 * and every host behind it opens its own direct-tcpip channel on that connection. A hop that failed
 * stays failed for the run, so nothing behind a bastion that is down or unproven is tried again.
 * Closing disconnects them all, last hop first.
 */
public final class Bastions implements AutoCloseable {
    private final Map<String, Hop> hops = new LinkedHashMap<>();
    private boolean closed;

    private record Hop(SSHClient client, HostException failure) {
    }

    /**
     * The authenticated connection to the last bastion in front of {@code target}, opening the hops not yet
     * open; empty when the target is reached directly.
     *
     * @throws HostException naming the hop that failed (a {@link HostKeyException} when its key was refused)
     */
    synchronized Optional<SSHClient> through(SshSettings target) throws HostException {
        if (closed) {
            throw new IllegalStateException("the run's bastion connections are closed");
        }
        List<SshSettings> chain = target.jumps();
        SSHClient previous = null;
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < chain.size(); i++) {
            SshSettings hop = chain.get(i);
            key.append(hop.user()).append('@').append(hop.endpoint()).append(' ').append(hop.identities())
                    .append(hop.agentSocket()).append(hop.hostKeys()).append(" > ");
            Hop open = hops.get(key.toString());
            if (open == null || (open.client() != null && !open.client().isConnected())) {
                open = connect(hop, Optional.ofNullable(previous), i + 1, chain.size());
                hops.put(key.toString(), open);
            }
            if (open.failure() != null) {
                throw open.failure() instanceof HostKeyException
                        ? new HostKeyException(open.failure().getMessage())
                        : new HostException(open.failure().getMessage(), open.failure().getCause());
            }
            previous = open.client();
        }
        return Optional.ofNullable(previous);
    }

    private static Hop connect(SshSettings hop, Optional<SSHClient> via, int number, int of) {
        String which = "bastion " + hop.user() + "@" + hop.endpoint() + " (hop " + number + " of " + of + "): ";
        try {
            return new Hop(HostDeadline.shared(() -> SshHost.login(hop, via).client()), null);
        } catch (HostKeyException e) {
            return new Hop(null, new HostKeyException(which + e.getMessage()));
        } catch (HostException e) {
            return new Hop(null, new HostException(which + e.getMessage(), e.getCause()));
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        List<Hop> open = new ArrayList<>(hops.values());
        Collections.reverse(open);
        open.stream().filter(h -> h.client() != null).forEach(h -> SshClients.closeQuietly(h.client()));
        hops.clear();
    }
}
