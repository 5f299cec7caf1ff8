package dev.hardening.core.facts.ssh;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * One SSH daemon of a host: a listening sshd process, or a systemd socket unit that starts sshd, or
 * (when none runs) the sshd the host would start, with what it was started with.
 *
 * @param pid the listening process; empty for a socket unit or an sshd that is not running
 * @param socketUnit the systemd socket unit that starts it, e.g. {@code ssh.socket}
 * @param ports the ports it listens on (from the socket table, or its configuration when the owners are not readable)
 */
public record SshDaemon(OptionalInt pid, Optional<String> socketUnit, SshdCommandLine commandLine, List<Integer> ports) {
    public static final String DEFAULT_CONFIG = "/etc/ssh/sshd_config";

    public SshDaemon {
        ports = List.copyOf(ports);
    }

    /** The sshd a host would start with its default configuration, when no daemon runs. */
    public static SshDaemon notRunning(List<Integer> ports) {
        return new SshDaemon(OptionalInt.empty(), Optional.empty(),
                new SshdCommandLine("sshd", Optional.empty(), List.of(), List.of(), List.of(), false), ports);
    }

    public String configFile() {
        return commandLine.configFile().orElse(DEFAULT_CONFIG);
    }

    /** How messages name it: {@code sshd pid 812 (config /etc/ssh/rescue.conf, port 2222)}. */
    public String label() {
        String who = pid.isPresent() ? "sshd pid " + pid.getAsInt()
                : socketUnit.map(u -> "sshd of " + u).orElse("sshd");
        String options = commandLine.options().isEmpty() ? "" : ", -o " + String.join(" -o ", commandLine.options());
        return who + " (config " + configFile() + options + ", " + portsLabel()
                + (pid.isEmpty() && socketUnit.isEmpty() ? ", not running" : "") + ")";
    }

    private String portsLabel() {
        if (ports.isEmpty()) {
            return "no port known";
        }
        return (ports.size() == 1 ? "port " : "ports ") + ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
