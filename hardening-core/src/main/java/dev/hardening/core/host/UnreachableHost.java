package dev.hardening.core.host;

import java.io.IOException;

import dev.hardening.core.facts.ssh.AuthenticationOffer;

/**
 * A host the gate could not log into: every command fails with the reason, so the facts that need
 * the connection are unknown while those the gate's machine reads itself (TLS handshakes) still are.
 */
public final class UnreachableHost implements Host {
    private final String name;
    private final String reason;

    public UnreachableHost(String name, String reason) {
        this.name = name;
        this.reason = reason;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CommandResult run(String command) throws HostException {
        throw new HostException(reason);
    }

    @Override
    public CommandResult runPrivileged(String command) throws HostException {
        throw new HostException(reason);
    }

    @Override
    public boolean usesSudo() {
        return false;
    }

    @Override
    public AuthenticationOffer offeredAuthentication(String user, int port) throws IOException {
        throw new HostException(reason);
    }

    @Override
    public void close() {
        // nothing was opened
    }
}
