package dev.hardening.core.facts.ssh;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * sshd's configuration as written in its files: every directive in the order sshd reads it
 * ({@code Include}s expanded in place), and every Match block.
 *
 * @param files the files read, main file first
 */
public record SshdConfig(List<String> files, List<Directive> directives, List<MatchBlock> matchBlocks) {

    public SshdConfig {
        files = List.copyOf(files);
        directives = List.copyOf(directives);
        matchBlocks = List.copyOf(matchBlocks);
    }

    /**
     * The line that decides each keyword for a connection, as sshd decides it: the first value in a
     * Match block that applies wins; otherwise the first global value. Keywords set nowhere are absent.
     *
     * @throws MatchCriteria.UnsupportedCriterionException for a Match criterion this analysis cannot evaluate
     */
    public Map<String, Directive> decidingLines(ConnectionSpec spec, UserDirectory users) {
        Map<String, Directive> global = new HashMap<>();
        Map<String, Directive> matched = new HashMap<>();
        Map<MatchBlock, Boolean> applies = new HashMap<>();
        for (Directive d : directives) {
            if (d.block().isEmpty()) {
                global.putIfAbsent(d.keyword(), d);
            } else if (applies.computeIfAbsent(d.block().get(), b -> MatchCriteria.matches(b, spec, users))) {
                matched.putIfAbsent(d.keyword(), d);
            }
        }
        global.putAll(matched);
        return global;
    }

    /** The deciding line of one keyword for a connection, if any file sets it. */
    public Optional<Directive> decidingLine(String keyword, ConnectionSpec spec, UserDirectory users) {
        return Optional.ofNullable(decidingLines(spec, users).get(SshdSettings.canonical(keyword)));
    }
}
