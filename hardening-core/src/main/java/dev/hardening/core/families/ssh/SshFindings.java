package dev.hardening.core.families.ssh;

import java.util.List;
import java.util.Optional;

import dev.hardening.core.facts.ssh.Directive;
import dev.hardening.core.facts.ssh.MatchBlock;
import dev.hardening.core.facts.ssh.SshContext;
import dev.hardening.core.facts.ssh.SshDaemonFacts;
import dev.hardening.core.facts.ssh.SshFacts;
import dev.hardening.core.facts.ssh.UnexaminedDaemon;
import dev.hardening.core.facts.ssh.WireProbe;
import dev.hardening.core.family.FindingFactory;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Subject;

/** Evidence and remediation text shared by the SSH checks. */
final class SshFindings {
    private SshFindings() {
    }

    /** How to set {@code directive} so that it decides {@code keyword} for the context. */
    static String remediation(SshDaemonFacts facts, SshContext context, String keyword, String directive) {
        Optional<Directive> line = facts.decidingLine(context, keyword);
        if (line.isPresent() && line.get().origin().file().equals(SshDaemonFacts.COMMAND_LINE)) {
            return "start " + facts.daemon().label() + " without `-o " + line.get().spelledKeyword() + "="
                    + line.get().value() + "` (an -o option beats every file) or with `-o " + directive.replace(' ', '=')
                    + "`, then restart it";
        }
        if (line.isPresent() && line.get().block().isPresent()) {
            return "set `" + directive + "` in the " + line.get().block().get().label() + " block (" + line.get().origin()
                    + " has `" + line.get().spelledKeyword() + " " + line.get().value() + "`), then reload sshd";
        }
        if (line.isPresent()) {
            return "change " + line.get().origin().file() + " line " + line.get().origin().line() + " to `" + directive
                    + "` (sshd keeps the first value it reads, so this line beats any later one), then reload sshd";
        }
        if (facts.files().isEmpty()) {
            return "set `" + directive + "` in sshd's configuration " + context.label() + ", then reload sshd";
        }
        return "add `" + directive + "` to " + facts.daemon().configFile() + " above any Match block, or as a drop-in such as "
                + "/etc/ssh/sshd_config.d/00-hardening.conf (the first value sshd reads wins), then reload sshd";
    }

    /**
     * Where a problem applies, for messages: the context's label, or, for a global context whose value is
     * decided inside a Match block (the login user is the one the block names), that block.
     */
    static String where(SshDaemonFacts facts, SshContext context, String keyword) {
        if (context.block().isEmpty()) {
            Optional<MatchBlock> block = facts.decidingLine(context, keyword).flatMap(Directive::block);
            if (block.isPresent()) {
                return new SshContext(block, context.spec(), context.settings()).label();
            }
        }
        return context.label();
    }

    /** Where the settings came from, as the first evidence line. */
    private static String sourceLine(SshDaemonFacts facts) {
        return facts.source() == SshDaemonFacts.ConfigSource.SSHD_T
                ? "effective configuration from sshd -T -C for " + facts.contexts().size() + " connection(s)"
                : "effective configuration from the config files " + facts.files().map(f -> f.files().toString())
                        .orElse("") + ", because " + facts.sourceNote();
    }

    /** How a message names the daemon: nothing when the host has one, {@code " on sshd pid 812 (...)"} otherwise. */
    static String on(SshFacts all, SshDaemonFacts daemon) {
        return all.severalDaemons() ? " on " + daemon.daemon().label() : "";
    }

    /** The source line, naming the daemon when there are several. */
    static String sourceLine(SshFacts all, SshDaemonFacts facts) {
        return sourceLine(facts) + (all.severalDaemons() ? ", of " + facts.daemon().label() : "");
    }

    /** A daemon that listens like sshd and could not be examined: an ERROR, never left out. */
    static Finding unexamined(FindingFactory findings, UnexaminedDaemon daemon) {
        return findings.error("cannot examine " + daemon.daemon() + ": " + daemon.reason(), daemon.evidence());
    }

    static List<String> wireEvidence(SshDaemonFacts facts) {
        return facts.wireProbes().stream().map(WireProbe::describe).toList();
    }

    /** A key that identifies the line behind a problem, so one bad line is reported once. */
    static String problemKey(SshDaemonFacts facts, SshContext context, String keyword) {
        return keyword + "@" + facts.decidingLine(context, keyword).map(d -> d.origin().toString())
                .orElse(facts.files().isPresent() ? "default" : context.label());
    }

    /** The setting a finding is about, with the file line that decides it where the files are known. */
    static Subject setting(SshDaemonFacts ssh, SshContext context, String keyword, String value) {
        Optional<Directive> line = ssh.decidingLine(context, keyword);
        return new Subject.Setting(line.map(Directive::spelledKeyword).orElse(keyword), value, line.map(SshFindings::at));
    }

    /** The setting a config line writes, at its file and line. */
    static Subject setting(Directive line) {
        return new Subject.Setting(line.spelledKeyword(), line.value(), Optional.of(at(line)));
    }

    private static Subject.FileLine at(Directive line) {
        return new Subject.FileLine(line.origin().file(), line.origin().line());
    }
}
