package dev.hardening.core.backend;

import java.util.List;
import java.util.Optional;

import dev.hardening.core.backend.apk.ApkBackend;
import dev.hardening.core.backend.apt.AptBackend;
import dev.hardening.core.backend.dnf.DnfBackend;
import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.packages.OsRelease;
import dev.hardening.core.host.CommandResult;

/** The package backend of an OS, chosen by its /etc/os-release ({@code ID}, then {@code ID_LIKE}). */
public final class PackageBackends {
    private PackageBackends() {
    }

    /** The backend for {@code os}; empty when its package manager is none this project reads. */
    public static Optional<PackageBackend> forOs(OsRelease os) {
        return os.packageManager().map(manager -> switch (manager) {
            case APT -> new AptBackend();
            case DNF -> new DnfBackend();
            case APK -> new ApkBackend();
        });
    }

    /**
     * Unknown: the gate refreshes only apt's index ({@code refreshIndex: true}).
     *
     * @param command the refresh on this OS, which the gate does not run
     * @param index the index it would refresh, in words
     */
    public static <T> Fact<T> refreshNotImplemented(OsRelease os, String command, String index) {
        return Fact.unknown("refreshIndex: true is implemented for apt only; on " + os.describe() + " the gate "
                + "does not run `" + command + "`: turn refreshIndex off to judge " + index + " as it is",
                List.of("os-release: " + os.describe()));
    }

    /**
     * The output of a command that must succeed.
     *
     * @throws IllegalArgumentException otherwise, saying what failed with the tool's own error line
     */
    public static String require(CommandResult result, String what) {
        if (result.truncated()) {
            throw new IllegalArgumentException(what + " printed more than the output limit allows");
        }
        if (result.exitStatus() != 0) {
            throw new IllegalArgumentException(what + " failed (exit " + result.exitStatus() + "): " + errorLine(result));
        }
        return result.stdout();
    }

    /** The tool's own error line ({@code E: ...}/{@code Error: ...}, else a failed download); the first line otherwise. */
    public static String errorLine(CommandResult result) {
        List<String> lines = (result.stderr() + "\n" + result.stdout()).lines().map(String::strip).toList();
        return lines.stream().filter(l -> l.startsWith("E: ") || l.startsWith("Error: ")).findFirst()
                .or(() -> lines.stream().filter(l -> l.startsWith("W: Failed to fetch")).findFirst())
                .orElse(result.firstErrorLine());
    }
}
