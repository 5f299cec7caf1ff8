package dev.hardening.core.facts.ssh;

import java.util.Optional;

/**
 * One {@code Keyword value} line of an sshd configuration file.
 *
 * @param keyword canonical lower-case keyword
 * @param spelledKeyword the keyword as written, for evidence
 * @param block the Match block the line belongs to; empty for a global line
 */
public record Directive(String keyword, String spelledKeyword, String value, ConfigOrigin origin,
        Optional<MatchBlock> block) {

    /** The line as evidence: {@code /etc/ssh/sshd_config:12: PasswordAuthentication yes}. */
    public String evidence() {
        return origin + ": " + spelledKeyword + " " + value
                + block.map(b -> " (inside " + b.label() + " at " + b.origin() + ")").orElse("");
    }
}
