package dev.hardening.core.host;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.hardening.core.host.RunningCommand.RawOutput;

/**
 * Many commands as one POSIX sh script, run on one channel: each command's exit status, stdout and
 * stderr come back as a length-prefixed section ({@link ScriptSections}). The privileged commands run
 * in one nested script under a single {@code sudo -n} when the host uses sudo. Each command is bounded
 * by the host's {@code timeout} where it has a working one (its section then says {@code timeout} and
 * the others go on); the whole script by {@link #deadline} in Java, which keeps the sections that
 * arrived before it.
 */
public final class FactScript {
    /** The command that reads the script from stdin; a compound command is parsed whole before it runs. */
    public static final String SHELL = "sh -s";

    private final List<HostCommand> commands;
    private final boolean sudo;
    private final Timeouts timeouts;

    /** @param sudo true when privileged commands go through {@code sudo -n} */
    public FactScript(List<HostCommand> commands, boolean sudo, Timeouts timeouts) {
        this.commands = List.copyOf(commands);
        this.sudo = sudo;
        this.timeouts = timeouts;
    }

    /** The script's text. */
    public String text() {
        List<Integer> plain = new ArrayList<>();
        List<Integer> elevated = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            (sudo && commands.get(i).privileged() ? elevated : plain).add(i);
        }
        StringBuilder script = new StringBuilder("{\n").append(prelude()).append(sections(plain));
        if (!elevated.isEmpty()) {
            String inner = "{\n" + prelude() + sections(elevated) + "exit 0\n}\n";
            script.append("sudo -n sh -c ").append(Shell.quote(inner)).append(" 2>\"$d/sudo\"; r=$?\n")
                    .append("if [ \"$r\" -ne 0 ]; then e=$(($(wc -c <\"$d/sudo\"))); [ \"$e\" -gt 4096 ] && e=4096; ")
                    .append("printf '").append(ScriptSections.SUDO).append(" %s %s\\n' \"$r\" \"$e\"; ")
                    .append("head -c \"$e\" \"$d/sudo\"; fi\n");
        }
        return script.append("printf '").append(ScriptSections.END).append("\\n'\n}\n").toString();
    }

    /** The time the whole script may take: twice a command's, as the commands themselves are bounded on the host. */
    public Duration deadline() {
        return timeouts.command().multipliedBy(2);
    }

    /** What the script may print in all: every command's bound, capped at four of them. */
    public int maxOutputBytes() {
        return (int) Math.min(Integer.MAX_VALUE, (long) timeouts.maxOutputBytes() * Math.min(4, commands.size() + 1));
    }

    private String prelude() {
        long seconds = Math.max(1, timeouts.command().toSeconds());
        int cap = timeouts.maxOutputBytes();
        return "T=\nif timeout -k 2 5 true >/dev/null 2>&1; then T=\"timeout -k 2 " + seconds + "\"; fi\n"
                + "d=$(mktemp -d 2>/dev/null) || { printf '@@hardening-fatal\\n'; exit 70; }\n"
                + "trap 'rm -rf \"$d\"' EXIT\n"
                + "s() {\n"
                + "  $T sh -c \"$2\" >\"$d/o\" 2>\"$d/e\" </dev/null; r=$?\n"
                + "  if [ -n \"$T\" ] && [ \"$r\" -eq 124 ]; then r=timeout; fi\n"
                + "  o=$(($(wc -c <\"$d/o\"))); e=$(($(wc -c <\"$d/e\"))); c=0\n"
                + "  if [ \"$o\" -gt " + cap + " ]; then o=" + cap + "; c=1; fi\n"
                + "  if [ \"$e\" -gt " + cap + " ]; then e=" + cap + "; c=1; fi\n"
                + "  printf '" + ScriptSections.SECTION + " %s %s %s %s %s\\n' \"$1\" \"$r\" \"$o\" \"$e\" \"$c\"\n"
                + "  head -c \"$o\" \"$d/o\"; head -c \"$e\" \"$d/e\"\n"
                + "}\n";
    }

    private String sections(List<Integer> ids) {
        StringBuilder out = new StringBuilder();
        for (int id : ids) {
            out.append("s ").append(id).append(' ').append(Shell.quote(commands.get(id).command())).append('\n');
        }
        return out.toString();
    }

    /**
     * Each command's result from what the script printed; a command whose section is missing or
     * garbled fails with the reason, so the fact it feeds is unknown rather than read from nothing.
     */
    public BatchResult results(String hostName, RawOutput raw) {
        ScriptSections split = ScriptSections.parse(raw.stdout(), commands.size());
        BatchResult batch = new BatchResult();
        for (int i = 0; i < commands.size(); i++) {
            HostCommand command = commands.get(i);
            ScriptSections.Section section = split.sections().get(i);
            if (section == null) {
                batch.failed(command, missing(hostName, command, split, raw));
            } else if (section.timedOut()) {
                batch.failed(command, "command timed out after " + timeouts.command().toSeconds() + " s on "
                        + hostName + ": " + command.command());
            } else {
                batch.ran(command, new CommandResult(command.command(), section.exitStatus(), section.stdout(),
                        section.stderr(), section.truncated()));
            }
        }
        return batch;
    }

    private String missing(String hostName, HostCommand command, ScriptSections split, RawOutput raw) {
        Optional<ScriptSections.SudoFailure> sudoFailure = split.sudo();
        if (command.privileged() && sudo && sudoFailure.isPresent()) {
            String said = sudoFailure.get().stderr().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                    .orElse("exit status " + sudoFailure.get().exitStatus());
            return "sudo -n could not run it on " + hostName + ": " + said;
        }
        String why;
        if (raw.timedOut()) {
            why = "the fact script was stopped at its deadline of " + Timeouts.describe(deadline())
                    + " before this command's turn (a command hung and the host has no working `timeout`)";
        } else if (raw.truncated()) {
            why = "the fact script's output was cut at " + maxOutputBytes() + " bytes before this command's section";
        } else if (split.problem().isPresent()) {
            why = split.problem().get();
        } else if (!split.ended()) {
            why = "the fact script ended early (exit " + raw.exitStatus() + ")"
                    + raw.stderr().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                            .map(l -> ": " + l).orElse("");
        } else {
            why = "the fact script printed no section for it";
        }
        return "no result for `" + command.command() + "` on " + hostName + ": " + why;
    }
}
