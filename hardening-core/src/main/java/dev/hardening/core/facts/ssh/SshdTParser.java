package dev.hardening.core.facts.ssh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Parses the output of {@code sshd -T}: one {@code keyword value} line per setting. */
public final class SshdTParser {
    private static final Pattern LINE = Pattern.compile("([a-z0-9]+)(?:\\s+(.*))?");
    /**
     * What sshd logs about an obsolete keyword it then ignores ({@code /etc/ssh/sshd_config line 123:
     * Deprecated option UsePrivilegeSeparation}); it goes to stderr, which the batch reads together
     * with the settings, and says nothing about them.
     */
    private static final Pattern IGNORED_OPTION_WARNING =
            Pattern.compile("\\S+ line \\d+: (Deprecated|Unsupported) option \\S+");

    private SshdTParser() {
    }

    /**
     * @throws IllegalArgumentException when the text is not {@code sshd -T} output (empty, or a
     *     line that is not a lower-case keyword followed by its value), naming the offending line
     */
    public static SshdSettings parse(String output) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : output.split("\n", -1)) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || IGNORED_OPTION_WARNING.matcher(trimmed).matches()) {
                continue;
            }
            var m = LINE.matcher(trimmed);
            if (!m.matches()) {
                throw new IllegalArgumentException("not sshd -T output at line " + lineNumber + ": '" + trimmed + "'");
            }
            String value = m.group(2) == null ? "" : m.group(2).strip();
            values.computeIfAbsent(SshdSettings.canonical(m.group(1)), k -> new ArrayList<>()).add(value);
        }
        if (!values.containsKey("passwordauthentication") || !values.containsKey("permitrootlogin")) {
            throw new IllegalArgumentException("not sshd -T output: no passwordauthentication/permitrootlogin lines");
        }
        return new SshdSettings(values);
    }
}
