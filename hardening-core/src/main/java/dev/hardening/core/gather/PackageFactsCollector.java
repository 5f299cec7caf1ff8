package dev.hardening.core.gather;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.packages.AptConfig;
import dev.hardening.core.facts.packages.AptPolicy;
import dev.hardening.core.facts.packages.AptSimulation;
import dev.hardening.core.facts.packages.AptUpdates;
import dev.hardening.core.facts.packages.AutoUpdateFacts;
import dev.hardening.core.facts.packages.DnfAdvisory;
import dev.hardening.core.facts.packages.DnfCheckUpdate;
import dev.hardening.core.facts.packages.DnfUpdates;
import dev.hardening.core.facts.packages.DpkgPackageStatus;
import dev.hardening.core.facts.packages.OsRelease;
import dev.hardening.core.facts.packages.OsRelease.PackageManager;
import dev.hardening.core.facts.packages.PackageFacts;
import dev.hardening.core.facts.packages.PackageIndexAge;
import dev.hardening.core.facts.packages.PendingUpdate;
import dev.hardening.core.facts.packages.RebootStatus;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.HostException;
import dev.hardening.core.policy.PackagesChecksConfig;
import dev.hardening.core.family.FactSource;

/**
 * Reads a host's package facts. Everything is read as the login user and changes nothing: apt is
 * told not to lock, not to write its binary caches and not to log its plan (as root it would do all
 * three even when only simulating); dnf runs from its cache only ({@code -C}), so it never fetches
 * expired metadata (the cache's age is judged instead). The one write is {@code apt-get update},
 * and only when the policy says {@code refreshIndex: true}.
 */
public final class PackageFactsCollector {
    /** /etc/os-release, which picks the package manager. */
    public static final FactSource<OsRelease> OS_SOURCE = FactSource.remote(OsRelease.KEY,
            context -> readOs(context.host()));
    /** Pending updates, the index's age and a pending reboot. */
    public static final FactSource<PackageFacts> UPDATES_SOURCE = FactSource.remote(PackageFacts.KEY,
            context -> collectUpdates(context.host(), context.fact(OsRelease.KEY),
                    context.checks().get(PackagesChecksConfig.KEY)));
    /** Whether updates are installed automatically. */
    public static final FactSource<AutoUpdateFacts> AUTO_UPDATES_SOURCE = FactSource.remote(AutoUpdateFacts.KEY,
            context -> collectAutoUpdates(context.host(), context.fact(OsRelease.KEY)));

    static final String OS_RELEASE = "cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release";
    private static final String APT_NO_CACHE_FILES = "-o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=";
    static final String SIMULATE = "LC_ALL=C apt-get -s -o Debug::NoLocking=1 " + APT_NO_CACHE_FILES
            + " -o Dir::Log::Planner=/dev/null dist-upgrade";
    static final String POLICY = "LC_ALL=C apt-cache " + APT_NO_CACHE_FILES + " policy";
    /** The host's clock, then the index files and the stamps apt's daily job touches after a successful update. */
    static final String INDEX_AGE = "date +%s; for f in /var/lib/apt/lists/*_InRelease /var/lib/apt/lists/*_Release "
            + "/var/lib/apt/periodic/update-success-stamp /var/lib/apt/periodic/update-stamp; do "
            + "[ -e \"$f\" ] && stat -c \"%Y %n\" -- \"$f\"; done; true";
    /** Error-Mode=any: without it apt-get update exits 0 when every download failed (measured on apt 2.6). */
    static final String REFRESH = "LC_ALL=C apt-get -q -o APT::Update::Error-Mode=any update";
    static final String UNATTENDED_UPGRADES = "unattended-upgrades";
    /** -C: from the cache only, never refreshing metadata; as a non-root user dnf then reads the system cache. */
    static final String DNF_CHECK_UPDATE = "LC_ALL=C dnf -q -C check-update";
    static final String DNF_SECURITY = "LC_ALL=C dnf -q -C updateinfo list --security --available";
    /** The host's clock, then the metadata index of each repository dnf 4 and dnf 5 have cached. */
    static final String DNF_INDEX_AGE = "date +%s; for f in /var/cache/dnf/*/repodata/repomd.xml "
            + "/var/cache/libdnf5/*/repodata/repomd.xml; do [ -e \"$f\" ] && stat -c \"%Y %n\" -- \"$f\"; done; true";

    private PackageFactsCollector() {
    }

    static Fact<OsRelease> readOs(Host host) {
        try {
            CommandResult result = host.run(OS_RELEASE);
            if (!result.succeeded()) {
                return Fact.unknown("cannot tell which OS this is: /etc/os-release is unreadable ("
                        + result.firstErrorLine() + ")", List.of());
            }
            return Fact.known(OsRelease.parse(result.stdout()));
        } catch (HostException e) {
            return Fact.unknown(e.getMessage(), List.of());
        } catch (IllegalArgumentException e) {
            return Fact.unknown("cannot tell which OS this is: /etc/os-release: " + e.getMessage(), List.of());
        }
    }

    static Fact<PackageFacts> collectUpdates(Host host, Fact<OsRelease> osFact, PackagesChecksConfig config) {
        return onManager(osFact, "pending updates", List.of(PackageManager.APT, PackageManager.DNF), os ->
                os.packageManager().filter(PackageManager.DNF::equals).isPresent()
                        ? collectDnfUpdates(host, os, config) : collectAptUpdates(host, os, config));
    }

    private static Fact<PackageFacts> collectAptUpdates(Host host, OsRelease os, PackagesChecksConfig config)
            throws HostException {
        Optional<String> refresh = Optional.empty();
        if (config.refreshIndex()) {
            CommandResult update = host.runPrivileged(REFRESH);
            if (!update.succeeded() || fetchFailed(update)) {
                String error = aptError(update);
                return Fact.unknown("the package index could not be refreshed (refreshIndex: true): "
                        + (host.usesSudo() ? "sudo -n " : "") + "apt-get update failed: " + error,
                        List.of(REFRESH + " exited " + update.exitStatus() + ": " + error));
            }
            refresh = Optional.of("the gate refreshed the package index with `apt-get update` before checking "
                    + "(refreshIndex: true; its one write on this host)");
        }
        PackageIndexAge index = PackageIndexAge.parse(require(host.run(INDEX_AGE), "reading the index's age"));
        AptSimulation simulation = AptSimulation.parse(require(host.run(SIMULATE), "apt-get -s dist-upgrade"));
        List<String> names = AptUpdates.packagesToDescribe(simulation);
        Map<String, AptPolicy> policies = names.isEmpty() ? Map.of() : AptPolicy.parse(require(
                host.run(POLICY + " " + String.join(" ", names)), "apt-cache policy"));
        List<PendingUpdate> pending = AptUpdates.pending(simulation, policies);
        RebootStatus reboot = RebootStatus.parseDebian(require(host.run(RebootStatus.DEBIAN_COMMAND),
                "looking for " + RebootStatus.DEBIAN_FLAG));
        return Fact.known(new PackageFacts(os, index, pending, "apt-get -s dist-upgrade: "
                + simulation.summary(), reboot, refresh));
    }

    private static Fact<PackageFacts> collectDnfUpdates(Host host, OsRelease os, PackagesChecksConfig config)
            throws HostException {
        if (config.refreshIndex()) {
            return Fact.unknown("refreshIndex: true is implemented for apt only; on " + os.describe() + " the gate "
                    + "does not run `dnf makecache`: turn refreshIndex off to judge dnf's cache as it is",
                    List.of("os-release: " + os.describe()));
        }
        PackageIndexAge index = PackageIndexAge.parse(require(host.run(DNF_INDEX_AGE), "reading the dnf cache's age"));
        CommandResult listed = host.run(DNF_CHECK_UPDATE);
        if (listed.truncated()) {
            throw new IllegalArgumentException("dnf check-update printed more than the output limit allows");
        }
        if (listed.exitStatus() != 0 && listed.exitStatus() != DnfCheckUpdate.UPDATES_AVAILABLE) {
            throw new IllegalArgumentException("dnf check-update failed (exit " + listed.exitStatus() + "): "
                    + listed.firstErrorLine());
        }
        DnfCheckUpdate checkUpdate = DnfCheckUpdate.parse(listed.stdout(), listed.exitStatus());
        List<DnfAdvisory> advisories = DnfAdvisory.parse(require(host.run(DNF_SECURITY),
                "dnf updateinfo list --security"));
        List<PendingUpdate> pending = DnfUpdates.pending(checkUpdate, advisories);
        CommandResult restarting = host.run(RebootStatus.NEEDS_RESTARTING);
        RebootStatus reboot = RebootStatus.parseNeedsRestarting(restarting.stdout(), restarting.exitStatus());
        return Fact.known(new PackageFacts(os, index, pending, "dnf check-update (from the cache) lists "
                + checkUpdate.updates().size() + " update(s), dnf updateinfo " + advisories.size()
                + " security advisory line(s)", reboot, Optional.empty()));
    }

    static Fact<AutoUpdateFacts> collectAutoUpdates(Host host, Fact<OsRelease> osFact) {
        return onManager(osFact, "the automatic update settings", List.of(PackageManager.APT), os -> {
            CommandResult query = host.run(DpkgPackageStatus.command(UNATTENDED_UPGRADES));
            DpkgPackageStatus status = DpkgPackageStatus.parse(UNATTENDED_UPGRADES, query.stdout(), query.exitStatus());
            AptConfig config = AptConfig.parse(require(host.run("apt-config dump"), "apt-config dump"));
            return Fact.known(new AutoUpdateFacts(os, status, config));
        });
    }

    /** Reads a fact from a host of a known package manager, through a host that may fail and outputs that may not parse. */
    @FunctionalInterface
    private interface ManagerRead<T> {
        Fact<T> read(OsRelease os) throws HostException;
    }

    /**
     * Runs {@code read} when the OS is known and uses one of the {@code supported} package managers;
     * otherwise, and when reading fails, the fact is unknown with a reason that names {@code what} and the OS.
     */
    private static <T> Fact<T> onManager(Fact<OsRelease> osFact, String what, List<PackageManager> supported,
            ManagerRead<T> read) {
        if (!(osFact instanceof Fact.Known<OsRelease> known)) {
            return relay(osFact);
        }
        OsRelease os = known.value();
        if (os.packageManager().filter(supported::contains).isEmpty()) {
            return unsupported(os, what, supported);
        }
        try {
            return read.read(os);
        } catch (HostException e) {
            return Fact.unknown(e.getMessage(), List.of());
        } catch (IllegalArgumentException e) {
            return Fact.unknown("cannot read " + what + " on " + os.prettyName() + ": " + e.getMessage(), List.of());
        }
    }

    /** The output of a command that must succeed; otherwise an exception whose message says what failed. */
    private static String require(CommandResult result, String what) {
        if (result.truncated()) {
            throw new IllegalArgumentException(what + " printed more than the output limit allows");
        }
        if (result.exitStatus() != 0) {
            throw new IllegalArgumentException(what + " failed (exit " + result.exitStatus() + "): " + aptError(result));
        }
        return result.stdout();
    }

    /** apt's own error line ({@code E: ...}, else a failed download) when there is one; the first line otherwise. */
    private static String aptError(CommandResult result) {
        List<String> lines = (result.stderr() + "\n" + result.stdout()).lines().map(String::strip).toList();
        return lines.stream().filter(l -> l.startsWith("E: ")).findFirst()
                .or(() -> lines.stream().filter(l -> l.startsWith("W: Failed to fetch")).findFirst())
                .orElse(result.firstErrorLine());
    }

    /** True when apt reports a failed download, which an apt without Error-Mode still exits 0 on. */
    private static boolean fetchFailed(CommandResult update) {
        return (update.stderr() + "\n" + update.stdout()).lines()
                .anyMatch(l -> l.startsWith("Err:") || l.startsWith("W: Failed to fetch"));
    }

    private static <T> Fact<T> unsupported(OsRelease os, String what, List<PackageManager> supported) {
        String manager = os.packageManager().map(m -> "its package manager is " + m.label()
                + ", which this version of hardening does not read " + what + " from yet")
                .orElse("its package manager is unknown (known: apt, dnf, apk)");
        return Fact.unknown("cannot check " + what + " on " + os.describe() + ": " + manager + "; " + what
                + " are checked on " + String.join(" and ", supported.stream().map(PackageManager::label).toList())
                + " systems only", List.of("os-release: " + os.describe()));
    }

    private static <T> Fact<T> relay(Fact<OsRelease> os) {
        if (os instanceof Fact.Unknown<OsRelease> unknown) {
            return Fact.unknown(unknown.reason(), unknown.evidence());
        }
        return Fact.notApplicable(((Fact.NotApplicable<OsRelease>) os).reason());
    }
}
