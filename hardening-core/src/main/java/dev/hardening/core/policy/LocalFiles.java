package dev.hardening.core.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a policy names on the machine running the gate (keys, known_hosts, trust bundles):
 * missing ones are configuration mistakes to report before any host is contacted.
 */
public final class LocalFiles {
    private LocalFiles() {
    }

    /** One readable sentence per file that is named but cannot be read; empty when all are fine. */
    public static List<String> problems(Policy policy, PolicySections sections) {
        List<String> problems = new ArrayList<>();
        for (HostSpec host : policy.hosts()) {
            if (host.isLocal()) {
                continue;
            }
            unreadable(host.identity()).ifPresent(p -> problems.add("host " + host.name() + ": identity file " + p
                    + " does not exist or is not readable"));
            unreadable(host.knownHosts()).ifPresent(p -> problems.add("host " + host.name() + ": knownHosts file " + p
                    + " does not exist or is not readable"));
        }
        List<ChecksConfig> configs = new ArrayList<>(List.of(policy.checks()));
        configs.addAll(policy.rules().groupChecks());
        for (ChecksConfig checks : configs) {
            for (String section : checks.givenSections()) {
                for (String path : paths(checks, sections.section(section).orElseThrow(), sections)) {
                    String problem = "checks." + section + ": file " + path + " does not exist or is not readable";
                    if (unreadable(path).isPresent() && !problems.contains(problem)) {
                        problems.add(problem);
                    }
                }
            }
        }
        return problems;
    }

    /** The file paths a family's settings hold, as its own path hook sees them. */
    private static <C> List<String> paths(ChecksConfig checks, ConfigKey<C> key, PolicySections sections) {
        List<String> paths = new ArrayList<>();
        sections.resolvePaths(key, checks.get(key), path -> {
            paths.add(path);
            return path;
        });
        return paths;
    }

    private static java.util.Optional<String> unreadable(String path) {
        return path != null && !Files.isReadable(Path.of(path)) ? java.util.Optional.of(path) : java.util.Optional.empty();
    }
}
