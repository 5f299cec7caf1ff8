package dev.hardening.core.facts.ssh;

import java.util.ArrayList;
import java.util.List;

import dev.hardening.core.host.Shell;

/**
 * Runs {@code sshd -T -C} for several connections in one command and splits the answers, so the
 * whole configuration analysis costs one round trip.
 */
public final class SshdTBatch {
    static final String SPEC_MARK = "@@hardening-spec ";
    static final String EXIT_MARK = "@@hardening-exit ";

    /** One connection's answer. */
    public record Answer(String spec, int exitStatus, String output) {
    }

    private SshdTBatch() {
    }

    /**
     * The shell command; each spec is a {@link ConnectionSpec#toSshdArgument()}.
     *
     * @param daemonArguments what makes sshd -T read the daemon's configuration ({@link SshdCommandLine#sshdTArguments()})
     */
    public static String command(List<String> daemonArguments, List<String> specs) {
        StringBuilder cmd = new StringBuilder("PATH=\"$PATH:/usr/sbin:/sbin\"; for spec in");
        specs.forEach(s -> cmd.append(' ').append(Shell.quote(s)));
        cmd.append("; do echo \"").append(SPEC_MARK).append("$spec\"; sshd -T");
        daemonArguments.forEach(a -> cmd.append(' ').append(Shell.quote(a)));
        cmd.append(" -C \"$spec\" 2>&1; echo \"")
                .append(EXIT_MARK).append("$?\"; done");
        return cmd.toString();
    }

    /**
     * @throws IllegalArgumentException when the output does not hold one complete answer per spec
     *     (e.g. sudo refused before anything ran)
     */
    public static List<Answer> parse(String output, int expectedAnswers) {
        List<Answer> answers = new ArrayList<>();
        String spec = null;
        StringBuilder text = new StringBuilder();
        for (String line : output.split("\n", -1)) {
            if (line.startsWith(SPEC_MARK)) {
                spec = line.substring(SPEC_MARK.length());
                text.setLength(0);
            } else if (line.startsWith(EXIT_MARK) && spec != null) {
                answers.add(new Answer(spec, Integer.parseInt(line.substring(EXIT_MARK.length()).strip()),
                        text.toString()));
                spec = null;
            } else if (spec != null) {
                text.append(line).append('\n');
            }
        }
        if (answers.size() != expectedAnswers) {
            throw new IllegalArgumentException("expected " + expectedAnswers + " sshd -T answers, got "
                    + answers.size());
        }
        return answers;
    }
}
