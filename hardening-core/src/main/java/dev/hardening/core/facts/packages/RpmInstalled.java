package dev.hardening.core.facts.packages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The installed versions of some packages as rpm's database has them: one entry per installed
 * instance, so an install-only package such as the kernel has several.
 *
 * @param versions by {@code name.arch}, each {@code [EPOCH:]VERSION-RELEASE} as dnf prints it (no epoch when it is 0 or unset)
 */
public record RpmInstalled(Map<String, List<String>> versions) {
    /** The query format: {@code NAME.ARCH EPOCH:VERSION-RELEASE}, the epoch {@code (none)} when the package has none. */
    public static final String QUERY_FORMAT = "%{NAME}.%{ARCH} %{EPOCH}:%{VERSION}-%{RELEASE}\\n";
    private static final Pattern LINE = Pattern.compile("(\\S+) (\\(none\\)|\\d+):(\\S+-\\S+)");
    private static final Pattern NOT_INSTALLED = Pattern.compile("package \\S+ is not installed");

    public RpmInstalled {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        versions.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        versions = Map.copyOf(copy);
    }

    /**
     * Parses the output of {@code rpm -q --qf QUERY_FORMAT NAME.ARCH...}; rpm's "package X is not
     * installed" lines (and the exit status they cause) mean no entry.
     *
     * @throws IllegalArgumentException on any other line, naming it
     */
    public static RpmInstalled parse(String output) {
        Map<String, List<String>> versions = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || NOT_INSTALLED.matcher(trimmed).matches()) {
                continue;
            }
            Matcher m = LINE.matcher(trimmed);
            if (!m.matches()) {
                throw new IllegalArgumentException("not an rpm -q --qf '" + QUERY_FORMAT.replace("\\n", "")
                        + "' line: '" + trimmed + "'");
            }
            boolean noEpoch = m.group(2).equals("(none)") || m.group(2).equals("0");
            versions.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add((noEpoch ? "" : m.group(2) + ":") + m.group(3));
        }
        return new RpmInstalled(versions);
    }

    /** The installed versions of {@code nameArch}, in rpm's order; empty when it is not installed. */
    public List<String> of(String nameArch) {
        return versions.getOrDefault(nameArch, List.of());
    }
}
