package dev.hardening.core.facts.ssh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a running sshd was started, from its {@code /proc/PID/cmdline}: the configuration file
 * ({@code -f}), ports ({@code -p}, {@code -o Port=}), {@code -o} options and host key files
 * ({@code -h}), read with sshd's own getopt string. Both forms the kernel shows are read: the
 * NUL-separated argv, and the title sshd sets on its listener
 * ({@code sshd: /usr/sbin/sshd -D -f /etc/ssh/x.conf [listener] 0 of 10-100 startups}).
 *
 * @param configFile the {@code -f} file; empty: sshd's default
 * @param ports the ports given with {@code -p} or {@code -o Port=}, which replace the file's
 * @param options the {@code -o} options as given, each {@code Keyword=value} or {@code Keyword value}
 * @param hostKeyFiles the {@code -h} files
 * @param perConnection started with {@code -i}: one process per connection handed over by inetd or systemd
 */
public record SshdCommandLine(String program, Optional<String> configFile, List<Integer> ports, List<String> options,
        List<String> hostKeyFiles, boolean perConnection) {
    /** sshd's getopt string (OpenSSH 9.x): these options take an argument ... */
    private static final String WITH_ARGUMENT = "CEbcfghkopu";
    /** ... and these do not. */
    private static final String FLAGS = "46DGQRTdeiqrtV";
    private static final String LISTENER_MARK = " [listener] ";
    private static final String TITLE_PREFIX = "sshd: ";
    private static final int MAX_ARGUMENTS = 256;
    private static final int MAX_LENGTH = 64 * 1024;

    /** The command line of an sshd that cannot be read as sshd would read it; the message says why. */
    public static final class UnreadableCommandLine extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnreadableCommandLine(String message) {
            super(message);
        }
    }

    public SshdCommandLine {
        ports = List.copyOf(ports);
        options = List.copyOf(options);
        hostKeyFiles = List.copyOf(hostKeyFiles);
    }

    /**
     * The listening (or per-connection {@code -i}) sshd this command line starts; empty for a process
     * that is not one: another program, an sshd session ({@code sshd: deploy [priv]}), a test run
     * ({@code -T}, {@code -G}, {@code -t}, {@code -V}).
     *
     * @throws UnreadableCommandLine for an sshd whose options cannot be understood (cut short, an
     *     option sshd does not know, a port that is not one): it must not go unexamined
     */
    public static Optional<SshdCommandLine> parse(byte[] cmdline) {
        if (cmdline.length > MAX_LENGTH) {
            throw new UnreadableCommandLine("command line longer than " + MAX_LENGTH + " bytes");
        }
        // the kernel ends every argument with a NUL, and sshd pads its title with them: without one, it was cut
        if (cmdline.length > 0 && cmdline[cmdline.length - 1] != 0) {
            throw new UnreadableCommandLine("the command line is cut short (it does not end with a NUL byte)");
        }
        List<String> argv = new ArrayList<>(List.of(new String(cmdline, StandardCharsets.UTF_8).split("\0", -1)));
        while (!argv.isEmpty() && argv.get(argv.size() - 1).isEmpty()) {
            argv.remove(argv.size() - 1);
        }
        if (argv.size() == 1 && argv.get(0).startsWith(TITLE_PREFIX)) {
            return fromTitle(argv.get(0).substring(TITLE_PREFIX.length()));
        }
        return argv.isEmpty() || !isSshd(argv.get(0)) ? Optional.empty() : fromArguments(argv);
    }

    /** The same from a list of arguments, e.g. a systemd unit's {@code ExecStart=}. */
    public static Optional<SshdCommandLine> parse(List<String> argv) {
        return argv.isEmpty() || !isSshd(argv.get(0)) ? Optional.empty() : fromArguments(argv);
    }

    /** The arguments that make {@code sshd -T} read the configuration this daemon reads. */
    public List<String> sshdTArguments() {
        List<String> args = new ArrayList<>();
        configFile.ifPresent(f -> args.addAll(List.of("-f", f)));
        ports.forEach(p -> args.addAll(List.of("-p", String.valueOf(p))));
        options.forEach(o -> args.addAll(List.of("-o", o)));
        return args;
    }

    /** The {@code -o} options as {@code keyword value} pairs, in the order given. */
    public List<List<String>> optionPairs() {
        return options.stream().map(SshdCommandLine::split).toList();
    }

    private static Optional<SshdCommandLine> fromTitle(String title) {
        String[] words = title.split(" ", 2);
        if (!isSshd(words[0])) {
            return Optional.empty(); // a session: "sshd: deploy [priv]", "sshd: deploy@notty"
        }
        int mark = title.indexOf(LISTENER_MARK);
        if (mark < 0) {
            throw new UnreadableCommandLine("the listener's title is cut short ('" + bounded(title) + "'), so its "
                    + "options are not all known");
        }
        // the title joins argv with spaces: an argument with a space in it cannot be told apart
        return fromArguments(List.of(title.substring(0, mark).split(" +")));
    }

    private static Optional<SshdCommandLine> fromArguments(List<String> argv) {
        if (argv.size() > MAX_ARGUMENTS) {
            throw new UnreadableCommandLine("more than " + MAX_ARGUMENTS + " arguments");
        }
        Optional<String> configFile = Optional.empty();
        List<Integer> ports = new ArrayList<>();
        List<String> options = new ArrayList<>();
        List<String> hostKeys = new ArrayList<>();
        boolean perConnection = false;
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (!arg.startsWith("-") || arg.length() < 2) {
                throw new UnreadableCommandLine("argument '" + bounded(arg) + "' is not an sshd option");
            }
            for (int c = 1; c < arg.length(); c++) {
                char option = arg.charAt(c);
                if (FLAGS.indexOf(option) >= 0) {
                    if (option == 'T' || option == 'G' || option == 't' || option == 'V') {
                        return Optional.empty(); // prints and exits: not a server
                    }
                    perConnection |= option == 'i';
                    continue;
                }
                if (WITH_ARGUMENT.indexOf(option) < 0) {
                    throw new UnreadableCommandLine("unknown option -" + bounded(String.valueOf(option)));
                }
                String value;
                if (c + 1 < arg.length()) {
                    value = arg.substring(c + 1);
                } else if (i + 1 < argv.size()) {
                    value = argv.get(++i);
                } else {
                    throw new UnreadableCommandLine("option -" + option + " has no argument");
                }
                switch (option) {
                    case 'f' -> configFile = Optional.of(value);
                    case 'p' -> ports.add(port(value));
                    case 'h' -> hostKeys.add(value);
                    case 'o' -> {
                        List<String> pair = split(value);
                        if (pair.get(0).equalsIgnoreCase("port")) {
                            ports.add(port(pair.get(1)));
                        }
                        options.add(value);
                    }
                    default -> {
                        // -C -E -b -c -g -k -u: none changes which configuration is read
                    }
                }
                break;
            }
        }
        return Optional.of(new SshdCommandLine(argv.get(0), configFile, ports, options, hostKeys, perConnection));
    }

    private static boolean isSshd(String program) {
        return program.equals("sshd") || program.endsWith("/sshd");
    }

    private static List<String> split(String option) {
        String trimmed = option.strip();
        int at = 0;
        while (at < trimmed.length() && trimmed.charAt(at) != '=' && !Character.isWhitespace(trimmed.charAt(at))) {
            at++;
        }
        String keyword = trimmed.substring(0, at);
        String value = at < trimmed.length() ? trimmed.substring(at + 1).strip() : "";
        if (keyword.isEmpty() || value.isEmpty()) {
            throw new UnreadableCommandLine("-o '" + bounded(option) + "' is not Keyword=value");
        }
        return List.of(keyword.toLowerCase(Locale.ROOT), value);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UnreadableCommandLine("'" + bounded(value) + "' is not a port");
    }

    /** Host text in a message: at most 80 characters, control characters shown as {@code ?}. */
    private static String bounded(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
