package dev.hardening.core.host;

/**
 * What a command printed and how it ended.
 *
 * @param exitStatus the exit status, or -1 when the command ended without one (killed by a signal)
 * @param truncated true when the output exceeded the host's output bound and was cut
 */
public record CommandResult(String command, int exitStatus, String stdout, String stderr, boolean truncated) {

    public boolean succeeded() {
        return exitStatus == 0 && !truncated;
    }

    /** The first non-blank line of stderr (or stdout), for error messages. */
    public String firstErrorLine() {
        String source = stderr.isBlank() ? stdout : stderr;
        return source.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                .orElse("exit status " + exitStatus + " without output");
    }
}
