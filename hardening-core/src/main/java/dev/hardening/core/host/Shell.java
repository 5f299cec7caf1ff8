package dev.hardening.core.host;

/** Shell quoting for the command lines hosts run. */
public final class Shell {
    private Shell() {
    }

    /** Quotes a word for POSIX sh so that it reaches the command unchanged. */
    public static String quote(String word) {
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    /** Wraps a command line so that it runs through {@code sudo -n}, failing instead of prompting. */
    static String viaSudo(String command) {
        return "sudo -n sh -c " + quote(command);
    }
}
