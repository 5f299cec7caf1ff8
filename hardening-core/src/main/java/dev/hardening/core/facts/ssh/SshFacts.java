package dev.hardening.core.facts.ssh;

import java.util.List;
import java.util.Optional;
import dev.hardening.core.facts.FactKey;

/**
 * What is known about a host's SSH server: its effective configuration for every relevant kind of
 * connection, the files behind it, and what the server offers on the wire.
 *
 * @param source where the effective settings came from
 * @param sourceNote why the files were used instead of {@code sshd -T}; empty for {@code sshd -T}
 * @param contexts the login user and root globally, then each Match block entered
 * @param unenterable Match blocks no connection could be built for (e.g. a Group without members);
 *     their lines are judged as written
 * @param files the configuration files, when readable
 * @param loginUserWire the {@code none} probe for the user the gate logs in as
 * @param rootWire the {@code none} probe for root (empty when the login user is root)
 */
public record SshFacts(
        ConfigSource source,
        String sourceNote,
        List<SshContext> contexts,
        List<MatchBlock> unenterable,
        Optional<SshdConfig> files,
        UserDirectory users,
        WireProbe loginUserWire,
        Optional<WireProbe> rootWire) {
    /** The fact: sshd's effective settings for every context, and what the server offers on the wire. */
    public static final FactKey<SshFacts> KEY = FactKey.of("ssh");


    public enum ConfigSource {
        SSHD_T,
        CONFIG_FILES
    }

    public SshFacts {
        contexts = List.copyOf(contexts);
        unenterable = List.copyOf(unenterable);
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

    /** All probes made on the wire. */
    public List<WireProbe> wireProbes() {
        return rootWire.map(r -> List.of(loginUserWire, r)).orElse(List.of(loginUserWire));
    }
}
