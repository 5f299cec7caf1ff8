package dev.hardening.core.facts.ssh;

import java.util.List;

/**
 * A daemon that listens like sshd but whose configuration could not be read: the checks report it as an
 * ERROR, never leave it out.
 *
 * @param daemon how it is known; its command line may be a placeholder when that was what failed
 */
public record UnexaminedDaemon(String daemon, String reason, List<String> evidence) {
    public UnexaminedDaemon {
        evidence = List.copyOf(evidence);
    }
}
