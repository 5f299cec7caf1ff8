package dev.hardening.core.facts.ssh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An sshd that systemd starts on demand: a socket unit listening for it ({@code ListenStream=}) and the
 * service that runs sshd on each connection ({@code Accept=yes}: {@code NAME@.service}, sshd {@code -i})
 * or on the first ({@code NAME.service}, or the unit its {@code Service=} names).
 *
 * @param unit the socket unit, e.g. {@code ssh.socket}
 * @param ports the TCP ports it listens on
 * @param commandLine the service's sshd command line ({@code $VARIABLES} left out: systemd fills them in)
 * @param note what the command line leaves unknown (variables from an EnvironmentFile); empty when nothing
 */
public record SocketActivatedSshd(String unit, List<Integer> ports, SshdCommandLine commandLine, String note) {
    static final String UNIT_MARK = "@@unit ";

    public SocketActivatedSshd {
        ports = List.copyOf(ports);
    }

    /** The shell command that lists socket units and the services that run sshd, in systemd's search order. */
    public static String listingCommand() {
        String dirs = "/etc/systemd/system /run/systemd/system /usr/lib/systemd/system /lib/systemd/system";
        return "for d in " + dirs + "; do for s in \"$d\"/*.socket; do [ -f \"$s\" ] || continue; echo \"" + UNIT_MARK
                + "$s\"; grep -E '^(ListenStream|Accept|Service)=' \"$s\"; done; done; for d in " + dirs
                + "; do for v in \"$d\"/*.service; do [ -f \"$v\" ] && grep -q '^ExecStart=.*sshd' \"$v\" && { echo \""
                + UNIT_MARK + "$v\"; grep -E '^ExecStart=' \"$v\"; }; done; done; true";
    }

    /**
     * The socket units whose service runs sshd, from {@link #listingCommand()}'s output; a unit file
     * earlier in the search order hides a later one of the same name, as in systemd.
     *
     * @throws SshdCommandLine.UnreadableCommandLine when such a service's sshd options cannot be understood
     */
    public static List<SocketActivatedSshd> parse(String listing) {
        Map<String, Map<String, List<String>>> units = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        for (String line : listing.split("\n", -1)) {
            if (line.startsWith(UNIT_MARK)) {
                String path = line.substring(UNIT_MARK.length()).strip();
                String name = path.substring(path.lastIndexOf('/') + 1);
                current = units.containsKey(name) ? null : new LinkedHashMap<>();
                if (current != null) {
                    units.put(name, current);
                }
            } else if (current != null && line.indexOf('=') > 0) {
                current.computeIfAbsent(line.substring(0, line.indexOf('=')).strip(), k -> new ArrayList<>())
                        .add(line.substring(line.indexOf('=') + 1).strip());
            }
        }
        List<SocketActivatedSshd> found = new ArrayList<>();
        units.forEach((name, settings) -> {
            if (!name.endsWith(".socket")) {
                return;
            }
            String base = name.substring(0, name.length() - ".socket".length());
            boolean accept = settings.getOrDefault("Accept", List.of("no")).stream().reduce((a, b) -> b)
                    .map(v -> v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("true")).orElse(false);
            String service = settings.getOrDefault("Service", List.of()).stream().reduce((a, b) -> b)
                    .orElse(base + (accept ? "@" : "") + ".service");
            Optional<String> execStart = Optional.ofNullable(units.get(service))
                    .flatMap(s -> s.getOrDefault("ExecStart", List.of()).stream().filter(v -> !v.isEmpty()).findFirst());
            execStart.ifPresent(exec -> {
                List<String> argv = new ArrayList<>(List.of(exec.replaceFirst("^[-@:+!]+", "").split("\\s+")));
                boolean variables = argv.removeIf(a -> a.startsWith("$"));
                SshdCommandLine.parse(argv).ifPresent(commandLine -> found.add(new SocketActivatedSshd(name,
                        ports(settings.getOrDefault("ListenStream", List.of())), commandLine,
                        variables ? service + " passes options in variables (" + exec + "), which are not read" : "")));
            });
        });
        return found;
    }

    /** The TCP ports of {@code ListenStream=} values: {@code 22}, {@code 0.0.0.0:22}, {@code [::]:22}; paths are not ports. */
    private static List<Integer> ports(List<String> listens) {
        List<Integer> ports = new ArrayList<>();
        for (String listen : listens) {
            String port = listen.substring(listen.lastIndexOf(':') + 1);
            if (!listen.startsWith("/") && port.matches("\\d{1,5}") && Integer.parseInt(port) <= 65535) {
                ports.add(Integer.parseInt(port));
            }
        }
        return ports;
    }
}
