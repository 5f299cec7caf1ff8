package dev.hardening.core.facts.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of {@code dnf updateinfo list --security}: a security advisory and the package version that
 * fixes it, e.g. {@code RHSA-2024:1234 Important/Sec. openssl-1:3.0.7-25.el9_3.x86_64}.
 *
 * @param severity the advisory's severity as dnf prints it ({@code Important}, {@code Moderate},
 *     {@code Unknown} when the repository gives none)
 * @param version the fixed version, {@code [EPOCH:]VERSION-RELEASE}
 */
public record DnfAdvisory(String id, String severity, String name, String arch, String version, String line) {
    private static final Pattern ADVISORY = Pattern.compile("\\s*(\\S+)\\s+(\\S+)/Sec\\.\\s+(\\S+)\\s*");
    // NAME-[EPOCH:]VERSION-RELEASE.ARCH; the name itself may contain dashes
    private static final Pattern NEVRA = Pattern.compile("(.+)-([^-]+-[^-]+)\\.([^.]+)");
    /** Lines dnf prints about its repositories when not run with -q; they carry no advisory. */
    private static final List<Pattern> STATUS = List.of(
            Pattern.compile("Last metadata expiration check: .*"),
            Pattern.compile("Repository '.*' is missing name in configuration, using id\\."),
            Pattern.compile(".*\\s[\\d.]+\\s+[kMG]?B/s\\s+\\|\\s+[\\d.]+\\s+[kMG]?B\\s+[\\d:]+"));

    /** {@code name.arch}, as dnf check-update names the package. */
    public String nameArch() {
        return name + "." + arch;
    }

    /**
     * Parses the output of {@code dnf -q -C updateinfo list --security --available}.
     *
     * @throws IllegalArgumentException on a line that is neither an advisory nor dnf's repository status, naming it
     */
    public static List<DnfAdvisory> parse(String output) {
        List<DnfAdvisory> advisories = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank() || STATUS.stream().anyMatch(p -> p.matcher(line.strip()).matches())) {
                continue;
            }
            Matcher m = ADVISORY.matcher(line);
            Matcher nevra = m.matches() ? NEVRA.matcher(m.group(3)) : null;
            if (nevra == null || !nevra.matches()) {
                throw new IllegalArgumentException("not a dnf updateinfo security line: '" + line.strip() + "'");
            }
            advisories.add(new DnfAdvisory(m.group(1), m.group(2), nevra.group(1), nevra.group(3), nevra.group(2),
                    line.strip()));
        }
        return advisories;
    }
}
