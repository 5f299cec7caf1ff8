package dev.hardening.core.facts.ssh;

import java.util.List;
import java.util.Optional;

/**
 * What is known about one SSH daemon: its effective configuration for every relevant kind of
 * connection, the files behind it, and what it offers on the wire on each of its ports.
 *
 * @param daemon which daemon: pid, configuration file, ports
 * @param source where the effective settings came from
 * @param sourceNote why the files were used instead of {@code sshd -T}; empty for {@code sshd -T}
 * @param contexts the login user and root globally, then each Match block entered
 * @param unenterable Match blocks no connection could be built for (e.g. a Group without members);
 *     their lines are judged as written
 * @param files the configuration files, when readable
 * @param wireProbes the {@code none} probes for the login user and root, on each port
 */
public record SshDaemonFacts(
        SshDaemon daemon,
        ConfigSource source,
        String sourceNote,
        List<SshContext> contexts,
        List<MatchBlock> unenterable,
        Optional<SshdConfig> files,
        UserDirectory users,
        List<WireProbe> wireProbes) {

    /** The "file" of the directives an sshd got as {@code -o} options, which beat every file. */
    public static final String COMMAND_LINE = "sshd command line (-o)";

    public enum ConfigSource {
        SSHD_T,
        CONFIG_FILES
    }

    public SshDaemonFacts {
        contexts = List.copyOf(contexts);
        unenterable = List.copyOf(unenterable);
        wireProbes = List.copyOf(wireProbes);
    }

    /** The file line that decides {@code keyword} in a context, when the files are known. */
    public Optional<Directive> decidingLine(SshContext context, String keyword) {
        try {
            return files.flatMap(f -> f.decidingLine(keyword, context.spec(), users));
        } catch (MatchCriteria.UnsupportedCriterionException e) {
            return Optional.empty();
        }
    }

    /** The evidence line for a value in a context: the {@code sshd -T} line or the file line. */
    public String evidence(SshContext context, String keyword) {
        String value = context.settings().first(keyword).orElse("(unset)");
        Optional<Directive> line = decidingLine(context, keyword);
        if (source == ConfigSource.SSHD_T) {
            return "sshd -T -C " + context.spec().toSshdArgument() + ": " + keyword + " " + value
                    + line.map(d -> " <- " + d.evidence())
                            .orElse(files.isPresent() ? " <- OpenSSH default (set in no file)" : "");
        }
        return line.map(d -> d.evidence() + " [from config files]")
                .orElse(keyword + " " + value + " [OpenSSH default: set in no config file]");
    }
}
