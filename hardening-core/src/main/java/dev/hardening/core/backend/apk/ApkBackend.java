package dev.hardening.core.backend.apk;

import static dev.hardening.core.backend.PackageBackends.require;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.hardening.core.backend.PackageBackend;
import dev.hardening.core.backend.PackageBackends;
import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.packages.AlpineSecdb;
import dev.hardening.core.facts.packages.ApkAutoUpgrades;
import dev.hardening.core.facts.packages.ApkVersionList;
import dev.hardening.core.facts.packages.AutoUpdateFacts;
import dev.hardening.core.facts.packages.IndexSource;
import dev.hardening.core.facts.packages.OsRelease;
import dev.hardening.core.facts.packages.PackageFacts;
import dev.hardening.core.facts.packages.PackageIndexAge;
import dev.hardening.core.facts.packages.PendingUpdate;
import dev.hardening.core.facts.packages.RebootStatus;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.family.GatherContext;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.HostCommand;
import dev.hardening.core.host.HostException;
import dev.hardening.core.policy.PackagesChecksConfig;

/**
 * Alpine. apk has no security channel, so {@code upToDate: security} needs a local copy of Alpine's
 * secdb ({@code checks.packages.alpineSecdb}), read on the gate's machine. An index apk cannot trust or
 * find, or one older than {@code maxIndexAgeHours}, makes the updates unknown: apk then lists only what
 * an old index knows, or nothing at all, with exit 0.
 */
public final class ApkBackend implements PackageBackend {
    /** The host's clock, then the cached index of each repository. */
    static final String INDEX_AGE = "date +%s; for f in /var/cache/apk/APKINDEX.*.tar.gz; do [ -e \"$f\" ] "
            + "&& stat -c \"%Y %n\" -- \"$f\"; done; true";
    private static final IndexSource INDEX = new IndexSource("/var/cache/apk/APKINDEX.*.tar.gz",
            "run `apk update` on the host regularly (a daily job with `apk -U upgrade` refreshes it)");
    /** The secdb files Alpine publishes are a few MB; anything far larger is not one. */
    private static final long MAX_SECDB_BYTES = 64L * 1024 * 1024;

    @Override
    public List<HostCommand> updateCommands(OsRelease os, PackagesChecksConfig config, GatherContext fetched) {
        return config.refreshIndex() ? List.of()
                : List.of(HostCommand.plain(INDEX_AGE), HostCommand.plain(ApkVersionList.COMMAND));
    }

    @Override
    public List<HostCommand> autoUpdateCommands(OsRelease os) {
        return List.of(HostCommand.privileged(ApkAutoUpgrades.COMMAND));
    }

    @Override
    public Fact<PackageFacts> updates(Host host, OsRelease os, PackagesChecksConfig config) throws HostException {
        if (config.refreshIndex()) {
            return PackageBackends.refreshNotImplemented(os, "apk update", "apk's index");
        }
        Optional<AlpineSecdb> secdb = Optional.empty();
        if (config.upToDate().equals("security")) {
            if (config.alpineSecdb() == null) {
                return Fact.unknown("upToDate: security cannot be judged on " + os.describe() + ": apk has no "
                        + "security channel; set checks.packages.alpineSecdb to a local copy of Alpine's secdb "
                        + "(the JSON for this release and repository), or upToDate: all",
                        List.of("os-release: " + os.describe()));
            }
            Fact<AlpineSecdb> read = readSecdb(Path.of(config.alpineSecdb()));
            if (!(read instanceof Fact.Known<AlpineSecdb> known)) {
                Fact.Unknown<AlpineSecdb> unknown = (Fact.Unknown<AlpineSecdb>) read;
                return Fact.unknown(unknown.reason(), unknown.evidence());
            }
            secdb = Optional.of(known.value());
        }
        PackageIndexAge index = PackageIndexAge.parse(require(host.run(INDEX_AGE), "reading apk's index age"));
        if (index.files().isEmpty()) {
            return Fact.unknown("apk has no cached index (no " + INDEX.files() + "), so it cannot list pending "
                    + "updates: " + INDEX.refreshFix(), List.of("host clock: " + index.hostNow() + ", no index file"));
        }
        if (index.olderThan(config.maxIndexAgeHours())) {
            return Fact.unknown("apk's index is " + index.ageHours().orElseThrow() + " hours old (the policy allows "
                    + config.maxIndexAgeHours() + "), so what apk lists proves nothing: " + INDEX.refreshFix(),
                    List.of("newest index: " + index.newest().orElseThrow().path()));
        }
        CommandResult listed = host.run(ApkVersionList.COMMAND);
        List<String> problems = ApkVersionList.problems(listed.stderr());
        if (!problems.isEmpty()) {
            return Fact.unknown("apk ignored an index it cannot trust or read, and lists only what the others "
                    + "know: " + problems.get(0), problems);
        }
        ApkVersionList list = ApkVersionList.parse(require(listed, "apk version -l '<'"));
        List<PendingUpdate> pending = new ArrayList<>();
        for (ApkVersionList.Entry entry : list.outdated()) {
            List<String> fixes = secdb.map(db -> db.fixesBetween(entry.name(), entry.installed(), entry.available()))
                    .orElse(List.of());
            List<String> evidence = new ArrayList<>(List.of("apk version -l '<': " + entry.line()));
            secdb.ifPresent(db -> fixes.forEach(f -> evidence.add(db.source() + ": " + entry.name() + " " + f)));
            String command = "apk update && apk add --upgrade " + entry.name();
            pending.add(new PendingUpdate(entry.name(), Optional.of(entry.installed()), entry.available(), "",
                    fixes.isEmpty() ? Optional.empty() : Optional.of("Alpine's secdb lists fixes in " + String.join("; ",
                            fixes)), PendingUpdate.Hold.NONE, evidence, command, "run `" + command + "` on the host"));
        }
        RebootStatus reboot = new RebootStatus(false, false, List.of(), "Alpine has no reboot-required flag and no "
                + "needs-restarting, so whether a reboot is pending was not determined");
        return Fact.known(new PackageFacts(os, index, INDEX, pending, "apk version -l '<' lists "
                + list.outdated().size() + " outdated package(s)" + secdb.map(db -> ", judged against " + db.source())
                        .orElse(""), reboot, Optional.empty()));
    }

    @Override
    public Fact<AutoUpdateFacts> autoUpdates(Host host, OsRelease os) throws HostException {
        return Fact.known(ApkAutoUpgrades.parse(require(host.runPrivileged(ApkAutoUpgrades.COMMAND),
                "reading the cron jobs")).facts(os));
    }

    /** The secdb copy on the gate's machine: a file the policy names, never fetched. */
    private static Fact<AlpineSecdb> readSecdb(Path file) {
        try {
            if (Files.size(file) > MAX_SECDB_BYTES) {
                return Fact.unknown("checks.packages.alpineSecdb " + file + " is larger than " + MAX_SECDB_BYTES
                        + " bytes: not an Alpine secdb file", List.of());
            }
            return Fact.known(AlpineSecdb.parse(file.toString(), Files.readString(file)));
        } catch (IOException e) {
            return Fact.unknown("cannot read checks.packages.alpineSecdb " + file + ": " + e.getMessage(), List.of());
        } catch (IllegalArgumentException e) {
            return Fact.unknown("checks.packages.alpineSecdb: " + e.getMessage(), List.of());
        }
    }
}
