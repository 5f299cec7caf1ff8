package dev.hardening.core.host;

import java.util.Objects;

/**
 * A command line as a fact source hands it to its host: run as the login user, or through
 * {@code sudo -n} when {@code privileged} and the host is configured for sudo.
 */
public record HostCommand(String command, boolean privileged) {
    public HostCommand {
        Objects.requireNonNull(command, "command");
    }

    public static HostCommand plain(String command) {
        return new HostCommand(command, false);
    }

    public static HostCommand privileged(String command) {
        return new HostCommand(command, true);
    }
}
