package dev.hardening.core.facts.packages;

import java.util.Optional;

/**
 * One package's state as {@code dpkg-query -W -f='${Status} ${Version}\n' PACKAGE} reports it.
 *
 * @param status dpkg's three words, e.g. {@code install ok installed} or {@code deinstall ok config-files};
 *     {@code not-known} when dpkg has never heard of the package
 * @param version the version, empty when none is installed
 */
public record DpkgPackageStatus(String name, String status, Optional<String> version) {
    private static final String NOT_FOUND = "dpkg-query: no packages found matching ";

    /** The command for {@code name} (a Debian package name, which needs no quoting). */
    public static String command(String name) {
        return "dpkg-query -W -f='${Status} ${Version}\\n' " + name + " 2>&1";
    }

    public boolean installed() {
        return status.equals("install ok installed");
    }

    /**
     * Parses the output of {@link #command} (stdout and stderr) and its exit status.
     *
     * @throws IllegalArgumentException when the output is neither a status line nor dpkg-query's "no packages found"
     */
    public static DpkgPackageStatus parse(String name, String output, int exitStatus) {
        String line = output.strip();
        if (exitStatus != 0) {
            if (line.startsWith(NOT_FOUND)) {
                return new DpkgPackageStatus(name, "not-known", Optional.empty());
            }
            throw new IllegalArgumentException("dpkg-query failed for " + name + " (exit " + exitStatus + "): "
                    + line.lines().findFirst().orElse("no output"));
        }
        String[] words = line.split("\\s+");
        if (words.length < 3) {
            throw new IllegalArgumentException("not a dpkg status line for " + name + ": '" + line + "'");
        }
        String status = words[0] + " " + words[1] + " " + words[2];
        return new DpkgPackageStatus(name, status, words.length > 3 ? Optional.of(words[3]) : Optional.empty());
    }
}
