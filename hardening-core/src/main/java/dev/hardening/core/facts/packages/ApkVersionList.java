package dev.hardening.core.facts.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code apk version -l '<'} lists: each installed package older than the one in apk's cached
 * index, with both versions. apk prints a header line first, and each entry with a trailing space.
 */
public record ApkVersionList(List<Entry> outdated) {

    /** One outdated package; {@code line} as apk printed it (stripped), for evidence. */
    public record Entry(String name, String installed, String available, String line) {
    }

    /** The command: older than the index only, in the C locale. */
    public static final String COMMAND = "LC_ALL=C apk version -l '<'";
    private static final String HEADER = "Installed:";
    // NAME-VERSION-rN  < NEWVERSION ; the name itself may contain dashes
    private static final Pattern ENTRY = Pattern.compile("(\\S+)-([^-\\s]+-r\\d+)\\s+<\\s+(\\S+)");

    public ApkVersionList {
        outdated = List.copyOf(outdated);
    }

    /**
     * Parses the stdout of {@link #COMMAND}.
     *
     * @throws IllegalArgumentException when the header is missing (not apk's output) or a line is not an
     *     entry with two Alpine versions, naming it
     */
    public static ApkVersionList parse(String output) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).startsWith(HEADER) || !lines.get(0).contains("Available:")) {
            throw new IllegalArgumentException("apk version printed no 'Installed: Available:' header, so its output "
                    + "is not a version list: '" + (lines.isEmpty() ? "" : lines.get(0).strip()) + "'");
        }
        List<Entry> outdated = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            Matcher m = ENTRY.matcher(line.strip());
            if (!m.matches() || !ApkVersion.valid(m.group(2)) || !ApkVersion.valid(m.group(3))) {
                throw new IllegalArgumentException("not an apk version -l '<' line: '" + line.strip() + "'");
            }
            outdated.add(new Entry(m.group(1), m.group(2), m.group(3), line.strip()));
        }
        return new ApkVersionList(outdated);
    }

    /**
     * apk's warnings and errors on stderr. apk ignores an index it cannot trust or find with only a
     * {@code WARNING:} line and exit 0, and then lists nothing: output that looks like "no updates".
     */
    public static List<String> problems(String stderr) {
        return stderr.lines().map(String::strip).filter(l -> l.startsWith("WARNING:") || l.startsWith("ERROR:"))
                .toList();
    }
}
