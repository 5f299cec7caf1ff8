package dev.hardening.core.facts.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What would upgrade an Alpine host unattended: a cron job that runs {@code apk upgrade}, either a line of
 * a crontab under {@code /etc/crontabs/} or a script under {@code /etc/periodic/PERIOD/} that a crontab
 * line runs with {@code run-parts}, and crond enabled in an OpenRC runlevel (Alpine does not enable it by
 * default). Read with {@link #COMMAND}, as root: root's crontab is mode 0600.
 *
 * @param lines every line of the crontabs and periodic scripts, as {@code PATH:LINE}
 * @param crondRunlevels the runlevel links of crond, e.g. {@code /etc/runlevels/default/crond}
 */
public record ApkAutoUpgrades(List<String> lines, List<String> crondRunlevels) {
    private static final String MARK = "@@hardening ";
    public static final String COMMAND = "echo '" + MARK + "files'; for f in /etc/crontabs/* /etc/periodic/*/*; do "
            + "[ -f \"$f\" ] || continue; if [ -r \"$f\" ]; then grep -H '' \"$f\"; else echo \"" + MARK
            + "unreadable $f\"; fi; done; echo '" + MARK + "crond'; ls -1d /etc/runlevels/*/crond 2>/dev/null; true";
    /** {@code apk upgrade} in any spelling ({@code apk -U upgrade}, {@code apk upgrade --available}), not a simulation. */
    private static final Pattern UPGRADE = Pattern.compile("(^|[;&|(\\s])apk\\s(?:[^;&|]*\\s)?upgrade(\\s|$)");
    private static final Pattern SIMULATE = Pattern.compile("\\s(-s|--simulate)(\\s|$)");
    private static final String JOB_FIX = "add a daily job: `printf '#!/bin/sh\\napk -U upgrade\\n' > "
            + "/etc/periodic/daily/apk-upgrade && chmod 755 /etc/periodic/daily/apk-upgrade` (the root crontab runs "
            + "/etc/periodic/daily), and `rc-update add crond default && rc-service crond start`";

    public ApkAutoUpgrades {
        lines = List.copyOf(lines);
        crondRunlevels = List.copyOf(crondRunlevels);
    }

    /**
     * Parses the output of {@link #COMMAND}.
     *
     * @throws IllegalArgumentException when its parts are missing, or a file could not be read (a job may hide there)
     */
    public static ApkAutoUpgrades parse(String output) {
        List<String> all = output.lines().toList();
        int crond = all.indexOf(MARK + "crond");
        if (all.isEmpty() || !all.get(0).equals(MARK + "files") || crond < 0) {
            throw new IllegalArgumentException("the cron files and crond's runlevels are missing from the output");
        }
        List<String> lines = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (String line : all.subList(1, crond)) {
            if (line.startsWith(MARK + "unreadable ")) {
                unreadable.add(line.substring((MARK + "unreadable ").length()));
            } else if (line.startsWith("/etc/") && line.contains(":")) {
                lines.add(line);
            } else {
                throw new IllegalArgumentException("not a PATH:LINE line of a cron file: '" + line.strip() + "'");
            }
        }
        List<String> runlevels = all.subList(crond + 1, all.size()).stream().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
        if (!unreadable.isEmpty()) {
            throw new IllegalArgumentException("cannot read " + String.join(", ", unreadable) + " as the login user "
                    + "(root's crontab is mode 0600): log in as root or set sudo: true");
        }
        return new ApkAutoUpgrades(lines, runlevels);
    }

    /** The shared shape: PASS needs a job that runs {@code apk upgrade} and is run by an enabled crond. */
    public AutoUpdateFacts facts(OsRelease os) {
        List<String> jobs = new ArrayList<>();
        for (String line : lines) {
            String path = line.substring(0, line.indexOf(':'));
            String command = line.substring(line.indexOf(':') + 1).strip();
            if (command.startsWith("#") || !UPGRADE.matcher(command).find() || SIMULATE.matcher(command).find()) {
                continue;
            }
            if (path.startsWith("/etc/crontabs/")) {
                jobs.add(line);
            } else {
                String period = path.substring(0, path.lastIndexOf('/'));
                lines.stream().filter(l -> l.startsWith("/etc/crontabs/") && !l.substring(l.indexOf(':') + 1).strip()
                        .startsWith("#") && l.matches(".*run-parts\\s+" + Pattern.quote(period) + "/?(\\s.*|$)"))
                        .findFirst().ifPresent(runner -> {
                            jobs.add(line);
                            jobs.add(runner);
                        });
            }
        }
        String lookedFor = "looked for `apk upgrade` in the crontabs under /etc/crontabs/ and in the scripts under "
                + "/etc/periodic/*/ that a crontab runs";
        if (jobs.isEmpty()) {
            return new AutoUpdateFacts(os, "", List.of(lookedFor), List.of(new AutoUpdateFacts.Gap(
                    "no cron or periodic job runs `apk upgrade`, so nothing installs updates unattended",
                    List.of(lookedFor + ": none found (" + lines.size() + " line(s) read)"), JOB_FIX)));
        }
        List<String> evidence = new ArrayList<>(jobs);
        if (crondRunlevels.isEmpty()) {
            return new AutoUpdateFacts(os, "", evidence, List.of(new AutoUpdateFacts.Gap(
                    "a cron job runs `apk upgrade`, but crond is in no OpenRC runlevel, so it does not run",
                    List.of(jobs.get(0), "no /etc/runlevels/*/crond"),
                    "run `rc-update add crond default && rc-service crond start`")));
        }
        evidence.addAll(crondRunlevels.stream().map(r -> "crond enabled: " + r).toList());
        return new AutoUpdateFacts(os, "a cron job runs `apk upgrade` and crond is enabled", evidence, List.of());
    }
}
