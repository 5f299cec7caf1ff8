package dev.hardening.core.facts.packages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One package as {@code apt-cache policy} shows it: installed and candidate version, and its version
 * table with the archives each version is in.
 *
 * @param versions the version table as apt prints it: newest first (apt keeps a package's versions
 *     sorted by its own version comparison), the installed one marked
 */
public record AptPolicy(String name, Optional<String> installed, Optional<String> candidate,
        List<TableVersion> versions) {

    /** One version of the table and the archives that carry it. */
    public record TableVersion(String version, boolean installed, List<Source> sources) {
        public TableVersion {
            sources = List.copyOf(sources);
        }
    }

    /**
     * One archive line under a version, e.g. {@code 500 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages}.
     *
     * @param suite the suite (Debian, Ubuntu: the codename and pocket, e.g. {@code bookworm-security});
     *     empty for {@code /var/lib/dpkg/status}
     */
    public record Source(int priority, String location, String suite) {

        /** True for an archive of security updates ({@code *-security} suites of Debian and Ubuntu). */
        public boolean isSecurity() {
            return suite.endsWith("-security");
        }
    }

    private static final Pattern HEADER = Pattern.compile("(\\S+):");
    private static final Pattern FIELD = Pattern.compile(" {2}(Installed|Candidate): (\\S+)");
    // apt 2.1+ marks a version it defers for this host with "(phased N%)"
    private static final Pattern VERSION = Pattern.compile(" (\\*\\*\\*| {3}) (\\S+) (-?\\d+)(?: \\(phased \\d+%\\))?");
    private static final Pattern SOURCE = Pattern.compile(" {8}(-?\\d+) (\\S+)(?: (\\S+))?.*");
    private static final String NONE = "(none)";

    public AptPolicy {
        versions = List.copyOf(versions);
    }

    /** Versions in a security archive that are newer than the installed one, newest first. */
    public List<TableVersion> securityVersionsNewerThanInstalled() {
        List<TableVersion> newer = new ArrayList<>();
        if (installed.isEmpty()) {
            return newer;
        }
        for (TableVersion v : versions) {
            if (v.installed() || installed.filter(v.version()::equals).isPresent()) {
                break;
            }
            if (v.sources().stream().anyMatch(Source::isSecurity)) {
                newer.add(v);
            }
        }
        return newer;
    }

    /** The archives that carry the candidate version. */
    public List<Source> candidateSources() {
        return versions.stream().filter(v -> candidate.filter(v.version()::equals).isPresent())
                .flatMap(v -> v.sources().stream()).filter(s -> !s.suite().isEmpty()).toList();
    }

    /** The version table on one line, e.g. {@code apt-cache policy tzdata: 2026f-0+deb12u1 (bookworm-security), *** 2026b-0+deb12u1 (dpkg status)}. */
    public String summary() {
        List<String> rows = new ArrayList<>();
        for (TableVersion v : versions) {
            List<String> where = v.sources().stream().map(s -> s.suite().isEmpty() ? "dpkg status" : s.suite())
                    .distinct().toList();
            rows.add((v.installed() ? "*** " : "") + v.version() + " (" + String.join(", ", where) + ")");
        }
        return "apt-cache policy " + name + ": " + String.join(", ", rows);
    }

    /**
     * Parses the output of {@code LC_ALL=C apt-cache policy PACKAGE...}, by package name.
     *
     * @throws IllegalArgumentException on a line that belongs to none of the known parts, naming it
     */
    public static Map<String, AptPolicy> parse(String output) {
        Map<String, AptPolicy> packages = new LinkedHashMap<>();
        Builder current = null;
        for (String line : output.split("\n")) {
            if (line.isBlank() || line.equals("  Version table:")) {
                continue;
            }
            Matcher header = HEADER.matcher(line);
            Matcher field = FIELD.matcher(line);
            Matcher version = VERSION.matcher(line);
            Matcher source = SOURCE.matcher(line);
            if (header.matches()) {
                if (current != null) {
                    packages.put(current.name, current.build());
                }
                current = new Builder(header.group(1));
            } else if (current != null && field.matches()) {
                Optional<String> value = Optional.of(field.group(2)).filter(v -> !v.equals(NONE));
                if (field.group(1).equals("Installed")) {
                    current.installed = value;
                } else {
                    current.candidate = value;
                }
            } else if (current != null && version.matches()) {
                current.versions.add(new Builder.Row(version.group(2), version.group(1).equals("***")));
            } else if (current != null && !current.versions.isEmpty() && source.matches()) {
                String suite = source.group(3) == null ? "" : source.group(3).split("/")[0];
                current.versions.get(current.versions.size() - 1).sources.add(
                        new Source(Integer.parseInt(source.group(1)), source.group(2), suite));
            } else {
                throw new IllegalArgumentException("not apt-cache policy output: '" + line.strip() + "'");
            }
        }
        if (current != null) {
            packages.put(current.name, current.build());
        }
        return packages;
    }

    private static final class Builder {
        private record Row(String version, boolean installed, List<Source> sources) {
            Row(String version, boolean installed) {
                this(version, installed, new ArrayList<>());
            }
        }

        private final String name;
        private Optional<String> installed = Optional.empty();
        private Optional<String> candidate = Optional.empty();
        private final List<Row> versions = new ArrayList<>();

        Builder(String name) {
            this.name = name;
        }

        AptPolicy build() {
            return new AptPolicy(name, installed, candidate,
                    versions.stream().map(r -> new TableVersion(r.version(), r.installed(), r.sources())).toList());
        }
    }
}
