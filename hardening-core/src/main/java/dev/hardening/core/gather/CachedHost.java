package dev.hardening.core.gather;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import dev.hardening.core.facts.ssh.AuthenticationOffer;
import dev.hardening.core.host.BatchResult;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.host.ForwardedPort;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.HostCommand;
import dev.hardening.core.host.HostException;

/**
 * The host as fact sources see it: a command the fact scripts already ran is answered from their
 * output; any other runs on the host itself, as before. Closing it leaves the connection to its owner.
 */
final class CachedHost implements Host {
    private final Host host;
    private final CommandCache cache;

    CachedHost(Host host, CommandCache cache) {
        this.host = host;
        this.cache = cache;
    }

    /** The key a command is cached under: privileged only where the host really elevates it. */
    static HostCommand key(Host host, String command, boolean privileged) {
        return new HostCommand(command, privileged && host.usesSudo());
    }

    @Override
    public String name() {
        return host.name();
    }

    @Override
    public CommandResult run(String command) throws HostException {
        return answer(command, false);
    }

    @Override
    public CommandResult runPrivileged(String command) throws HostException {
        return answer(command, true);
    }

    private CommandResult answer(String command, boolean privileged) throws HostException {
        HostCommand key = key(host, command, privileged);
        Optional<CommandResult> cached = cache.answer(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        CommandResult result = privileged ? host.runPrivileged(command) : host.run(command);
        cache.store(key, result);
        return result;
    }

    @Override
    public BatchResult runAll(List<HostCommand> commands) {
        return host.runAll(commands);
    }

    @Override
    public boolean usesSudo() {
        return host.usesSudo();
    }

    @Override
    public String loginUser() {
        return host.loginUser();
    }

    @Override
    public AuthenticationOffer offeredAuthentication(String user, int port) throws IOException {
        return host.offeredAuthentication(user, port);
    }

    @Override
    public Optional<ForwardedPort> forwardThroughBastion(int port) throws HostException {
        return host.forwardThroughBastion(port);
    }

    @Override
    public void close() {
        // the connection belongs to whoever opened it
    }
}
