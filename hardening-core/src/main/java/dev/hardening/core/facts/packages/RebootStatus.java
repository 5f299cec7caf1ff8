package dev.hardening.core.facts.packages;

import java.util.List;

/**
 * Whether the host waits for a reboot to load an updated kernel or library.
 *
 * @param source what says so, e.g. {@code /var/run/reboot-required}
 * @param packages the packages that asked for the reboot, where the host names them
 */
public record RebootStatus(boolean required, String source, List<String> packages) {
    /** Debian's flag file, created by the maintainer scripts of kernels and core libraries. */
    public static final String DEBIAN_FLAG = "/var/run/reboot-required";
    /** The command that reads the flag: a first line {@code required} or {@code not-required}, then the packages. */
    public static final String DEBIAN_COMMAND = "if [ -e " + DEBIAN_FLAG + " ]; then echo required; cat "
            + DEBIAN_FLAG + ".pkgs 2>/dev/null; else echo not-required; fi; true";

    public RebootStatus {
        packages = List.copyOf(packages);
    }

    /**
     * Parses the output of {@link #DEBIAN_COMMAND}.
     *
     * @throws IllegalArgumentException when the first line is neither {@code required} nor {@code not-required}
     */
    public static RebootStatus parseDebian(String output) {
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String first = lines.isEmpty() ? "" : lines.get(0);
        if (!first.equals("required") && !first.equals("not-required")) {
            throw new IllegalArgumentException("cannot tell whether " + DEBIAN_FLAG + " exists: got '" + first + "'");
        }
        return new RebootStatus(first.equals("required"), DEBIAN_FLAG, lines.subList(1, lines.size()).stream()
                .distinct().toList());
    }
}
