package dev.hardening.core.facts.packages;

import java.util.List;

/**
 * Whether the host waits for a reboot to load an updated kernel or library.
 *
 * @param required true when the host says a reboot is needed
 * @param determined false when the host has no means to tell (then {@code required} is false and
 *     {@code evidence} says why)
 * @param packages the packages that asked for the reboot, where the host names them
 * @param evidence what the host said, in one line
 */
public record RebootStatus(boolean required, boolean determined, List<String> packages, String evidence) {
    /** Debian's flag file, created by the maintainer scripts of kernels and core libraries. */
    public static final String DEBIAN_FLAG = "/var/run/reboot-required";
    /** The command that reads the flag: a first line {@code required} or {@code not-required}, then the packages. */
    public static final String DEBIAN_COMMAND = "if [ -e " + DEBIAN_FLAG + " ]; then echo required; cat "
            + DEBIAN_FLAG + ".pkgs 2>/dev/null; else echo not-required; fi; true";
    /**
     * dnf-utils' (yum-utils') reboot hint: exit 1 when core libraries or the kernel changed since boot.
     * {@code -C}: without it dnf rewrites {@code /var/cache/dnf/expired_repos.json} (measured on dnf 4.14).
     */
    public static final String NEEDS_RESTARTING = "LC_ALL=C needs-restarting -C -r";
    private static final int COMMAND_NOT_FOUND = 127;
    private static final String NOT_REQUIRED = "Reboot should not be necessary.";
    private static final String REQUIRED = "Reboot is required to fully utilize these updates.";

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
        List<String> packages = lines.subList(1, lines.size()).stream().distinct().toList();
        boolean required = first.equals("required");
        return new RebootStatus(required, true, packages, DEBIAN_FLAG + (required ? " exists" + requestedBy(packages)
                : " does not exist"));
    }

    /**
     * Parses the output and exit status of {@link #NEEDS_RESTARTING}: exit 1 with "Reboot is required"
     * and the packages as {@code * NAME} lines, exit 0 with "Reboot should not be necessary". A host
     * without the command is undetermined, not failed: the tool is optional on RHEL.
     *
     * @throws IllegalArgumentException on any other output or exit status
     */
    public static RebootStatus parseNeedsRestarting(String output, int exitStatus) {
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (exitStatus == COMMAND_NOT_FOUND) {
            return new RebootStatus(false, false, List.of(), "needs-restarting is not installed (it comes with "
                    + "dnf-utils or yum-utils), so whether a reboot is pending was not determined");
        }
        if (exitStatus == 0 && lines.contains(NOT_REQUIRED)) {
            return new RebootStatus(false, true, List.of(), "needs-restarting -r: " + NOT_REQUIRED);
        }
        if (exitStatus == 1 && lines.contains(REQUIRED)) {
            List<String> packages = lines.stream().filter(l -> l.startsWith("* ")).map(l -> l.substring(2).strip())
                    .distinct().toList();
            return new RebootStatus(true, true, packages, "needs-restarting -r: " + REQUIRED + requestedBy(packages));
        }
        throw new IllegalArgumentException("needs-restarting -r (exit " + exitStatus + ") said neither '" + REQUIRED
                + "' nor '" + NOT_REQUIRED + "': " + (lines.isEmpty() ? "no output" : "'" + lines.get(0) + "'"));
    }

    private static String requestedBy(List<String> packages) {
        return packages.isEmpty() ? "" : " (requested by " + String.join(", ", packages) + ")";
    }
}
