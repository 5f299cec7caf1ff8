package dev.hardening.core.facts.ssh;

import java.util.Optional;

/**
 * The effective settings for one kind of connection: globally for a user, or for a connection that
 * enters a Match block.
 */
public record SshContext(Optional<MatchBlock> block, ConnectionSpec spec, SshdSettings settings) {

    public String label() {
        return block.map(b -> "for " + b.label() + " (" + b.origin() + ")").orElse("globally");
    }

    public String user() {
        return spec.user();
    }
}
