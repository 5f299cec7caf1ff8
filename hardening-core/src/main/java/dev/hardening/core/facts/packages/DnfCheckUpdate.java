package dev.hardening.core.facts.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code dnf check-update} lists: one newer version per installed package, with the repository
 * that carries it. dnf prints the candidate only, never the installed version.
 */
public record DnfCheckUpdate(List<Available> updates) {

    /**
     * One listed package.
     *
     * @param version the candidate as dnf prints it: {@code [EPOCH:]VERSION-RELEASE}
     * @param line the line (or the two lines of a wrapped entry) as dnf printed it, as evidence
     */
    public record Available(String name, String arch, String version, String repo, String line) {
        /** {@code name.arch}, as dnf and rpm name an installed package. */
        public String nameArch() {
            return name + "." + arch;
        }
    }

    private static final Pattern CACHE_PROBLEM = Pattern.compile(
            "Error: Cache-only enabled but no cache for '.*'|Ignoring repositories: .*");

    /** dnf's exit status when updates are available; 0 means none, anything else an error. */
    public static final int UPDATES_AVAILABLE = 100;
    private static final Pattern ENTRY = Pattern.compile("(\\S+)\\.([^.\\s]+)\\s+(\\S+)\\s+(\\S+)");
    private static final Pattern NAME_ONLY = Pattern.compile("\\S+\\.[^.\\s]+");
    private static final Pattern CONTINUATION = Pattern.compile("\\s+\\S+\\s+\\S+");
    private static final String OBSOLETING = "obsoleting packages";

    /**
     * The lines of dnf's stderr that say it left a repository out because {@code -C} found no cache for it
     * (printed without {@code -q} only; with {@code skip_if_unavailable=True} dnf then exits 0).
     */
    public static List<String> cacheProblems(String stderr) {
        return stderr.lines().map(String::strip).filter(l -> CACHE_PROBLEM.matcher(l).matches()).toList();
    }

    public DnfCheckUpdate {
        updates = List.copyOf(updates);
    }

    /**
     * Parses the output of {@code dnf -q -C check-update} (dnf 4) or {@code check-upgrade} (dnf 5) and
     * its exit status. In the "Obsoleting packages" section, an unindented line is a package that
     * replaces installed ones (listed once, even when the upgrade list has it too) and an indented line
     * is an installed package it replaces.
     *
     * @throws IllegalArgumentException on an exit status other than 0 or 100, on updates listed with
     *     exit status 0, and on a line that is no entry, naming it
     */
    public static DnfCheckUpdate parse(String output, int exitStatus) {
        if (exitStatus != 0 && exitStatus != UPDATES_AVAILABLE) {
            throw new IllegalArgumentException("dnf check-update failed (exit " + exitStatus + "): "
                    + output.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("no output"));
        }
        List<Available> updates = new ArrayList<>();
        List<String> lines = output.lines().toList();
        boolean obsoleting = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("Last metadata expiration check:") || line.equals("Upgrades")) {
                continue;
            }
            if (line.strip().equalsIgnoreCase(OBSOLETING)) {
                obsoleting = true;
                continue;
            }
            if (obsoleting && Character.isWhitespace(line.charAt(0))) {
                continue; // an installed package the line above replaces
            }
            String entry = line;
            // dnf 4 wraps a long name.arch onto a line of its own and indents version and repo below it
            if (NAME_ONLY.matcher(line).matches() && i + 1 < lines.size()
                    && CONTINUATION.matcher(lines.get(i + 1)).matches()) {
                entry = line + lines.get(++i);
            }
            Matcher m = ENTRY.matcher(entry.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a dnf check-update line: '" + entry.strip() + "'");
            }
            Available available = new Available(m.group(1), m.group(2), m.group(3), m.group(4), entry.strip());
            if (updates.stream().noneMatch(u -> u.nameArch().equals(available.nameArch()))) {
                updates.add(available);
            }
        }
        if (exitStatus == 0 && !updates.isEmpty()) {
            throw new IllegalArgumentException("dnf check-update exited 0 (no updates) but listed "
                    + updates.get(0).nameArch());
        }
        return new DnfCheckUpdate(updates);
    }
}
