package dev.hardening.core.facts.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code apt-get -s dist-upgrade} would do: the packages it would install (upgrades and the new
 * packages they pull in), those it keeps back (held, or needing a removal it will not make) and those
 * whose update it defers on purpose (Ubuntu's phased updates, apt 2.1 and later).
 *
 * @param phased the packages listed under {@code The following upgrades have been deferred due to phasing:}
 * @param summary apt's own count line, e.g. {@code 3 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.}
 */
public record AptSimulation(List<PlannedInstall> installs, List<String> keptBack, List<String> phased,
        String summary) {

    /**
     * One {@code Inst} line.
     *
     * @param installed the version installed now; empty for a package the upgrade newly installs
     * @param origins where apt takes the candidate from, as it prints them, e.g.
     *     {@code [Debian-Security:12/oldstable-security]}
     * @param line the line itself, as evidence
     */
    public record PlannedInstall(String name, Optional<String> installed, String candidate, List<String> origins,
            String line) {
        public PlannedInstall {
            origins = List.copyOf(origins);
        }
    }

    // Inst openssh-server [1:9.2p1-2+deb12u7] (1:9.2p1-2+deb12u10 Debian:12.15/oldstable [amd64])
    private static final Pattern INST = Pattern.compile(
            "Inst (\\S+) (?:\\[([^\\]]*)\\] )?\\((\\S+)((?: [^\\[]*?)?) \\[[^\\]]+\\]\\).*");
    private static final Pattern SUMMARY = Pattern.compile(
            "\\d+ upgraded, \\d+ newly installed, \\d+ to remove and \\d+ not upgraded\\.");
    private static final String KEPT_BACK = "The following packages have been kept back:";
    private static final String PHASED = "The following upgrades have been deferred due to phasing:";

    public AptSimulation {
        installs = List.copyOf(installs);
        keptBack = List.copyOf(keptBack);
        phased = List.copyOf(phased);
    }

    /**
     * Parses the output of {@code LC_ALL=C apt-get -s dist-upgrade}.
     *
     * @throws IllegalArgumentException when the output has no count line (apt did not get to plan an
     *     upgrade) or an {@code Inst} line this parser does not understand, naming it
     */
    public static AptSimulation parse(String output) {
        List<PlannedInstall> installs = new ArrayList<>();
        List<String> keptBack = new ArrayList<>();
        List<String> phased = new ArrayList<>();
        String summary = null;
        List<String> listing = null;
        for (String line : output.split("\n")) {
            if (listing != null && line.startsWith(" ")) {
                listing.addAll(List.of(line.strip().split("\\s+")));
                continue;
            }
            listing = line.equals(KEPT_BACK) ? keptBack : line.equals(PHASED) ? phased : null;
            if (SUMMARY.matcher(line).matches()) {
                summary = line;
            } else if (line.startsWith("Inst ")) {
                installs.add(parseInst(line));
            }
        }
        if (summary == null) {
            throw new IllegalArgumentException("apt-get -s dist-upgrade did not plan an upgrade: no line such as "
                    + "'0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.' in its output");
        }
        return new AptSimulation(installs, keptBack, phased, summary);
    }

    private static PlannedInstall parseInst(String line) {
        Matcher m = INST.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an apt-get -s Inst line: '" + line + "'");
        }
        List<String> origins = new ArrayList<>();
        for (String origin : m.group(4).split(",")) {
            if (!origin.isBlank()) {
                origins.add(origin.strip());
            }
        }
        return new PlannedInstall(m.group(1), Optional.ofNullable(m.group(2)), m.group(3), origins, line);
    }
}
