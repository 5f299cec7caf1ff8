package dev.hardening.core.host;

import java.io.Closeable;
import java.util.List;
import java.util.Optional;

import dev.hardening.core.facts.ssh.AuthenticationOffer;

/**
 * Where facts come from: a machine that runs shell commands. Which kind it is (the local machine,
 * an SSH server, a container) matters to nothing but its own implementation.
 */
public interface Host extends Closeable {

    /** The label used in reports. */
    String name();

    /** Runs a {@code sh -c} command line as the login user, bounded by the host's timeout and output limit. */
    CommandResult run(String command) throws HostException;

    /**
     * Runs a command that needs root to read what it reads: through {@code sudo -n} when the host is
     * configured for sudo and the login user is not root, otherwise like {@link #run(String)}.
     */
    CommandResult runPrivileged(String command) throws HostException;

    /**
     * Runs several commands and says how each ended. This default runs them one by one; a host where each
     * command costs a round trip runs them as one {@link FactScript}.
     */
    default BatchResult runAll(List<HostCommand> commands) {
        BatchResult batch = new BatchResult();
        for (HostCommand command : commands) {
            try {
                batch.ran(command, command.privileged() ? runPrivileged(command.command()) : run(command.command()));
            } catch (HostException e) {
                batch.failed(command, e.getMessage());
            }
        }
        return batch;
    }

    /** True when privileged commands go through {@code sudo -n}. */
    boolean usesSudo();

    /** The user commands run as; the SSH checks judge sshd's settings for this user and for root. */
    default String loginUser() {
        return System.getProperty("user.name");
    }

    /**
     * Asks the SSH server on this host (at {@code port}, where the host has no connection of its own)
     * which authentication methods it offers {@code user}, without authenticating.
     *
     * @throws java.net.ConnectException when nothing listens there
     */
    AuthenticationOffer offeredAuthentication(String user, int port) throws java.io.IOException;

    /**
     * A loopback port of the gate's machine forwarded to this host's {@code port} through the bastion
     * the gate reaches it by; empty for a host reached without one (probe its address directly).
     */
    default Optional<ForwardedPort> forwardThroughBastion(int port) throws HostException {
        return Optional.empty();
    }

    @Override
    void close();
}
