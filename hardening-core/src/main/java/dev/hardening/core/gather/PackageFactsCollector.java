package dev.hardening.core.gather;

import java.util.List;
import java.util.function.BiFunction;

import dev.hardening.core.backend.PackageBackend;
import dev.hardening.core.backend.PackageBackends;
import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.packages.AutoUpdateFacts;
import dev.hardening.core.facts.packages.OsRelease;
import dev.hardening.core.facts.packages.PackageFacts;
import dev.hardening.core.family.FactSource;
import dev.hardening.core.family.GatherContext;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.HostCommand;
import dev.hardening.core.host.HostException;
import dev.hardening.core.policy.PackagesChecksConfig;

/**
 * Reads a host's package facts through the backend of its package manager (apt, dnf, apk), chosen
 * from /etc/os-release. Everything is read as the login user and changes nothing, except what the
 * policy opts into ({@code refreshIndex: true}); see each backend for how.
 */
public final class PackageFactsCollector {
    /** /etc/os-release, which picks the package manager. */
    public static final FactSource<OsRelease> OS_SOURCE = FactSource.remote(OsRelease.KEY,
            context -> List.of(HostCommand.plain(PackageFactsCollector.OS_RELEASE)), context -> readOs(context.host()));
    /** Pending updates, the index's age and a pending reboot; the package manager is slow, so in a script of its own. */
    public static final FactSource<PackageFacts> UPDATES_SOURCE = FactSource.slowRemote(PackageFacts.KEY,
            context -> commands(context, (backend, os) -> backend.updateCommands(os,
                    context.checks().get(PackagesChecksConfig.KEY), context)),
            context -> onBackend(context.fact(OsRelease.KEY), "pending updates", (backend, os) ->
                    backend.updates(context.host(), os, context.checks().get(PackagesChecksConfig.KEY))));
    /** Whether updates are installed automatically. */
    public static final FactSource<AutoUpdateFacts> AUTO_UPDATES_SOURCE = FactSource.remote(AutoUpdateFacts.KEY,
            context -> commands(context, (backend, os) -> backend.autoUpdateCommands(os)),
            context -> onBackend(context.fact(OsRelease.KEY), "the automatic update settings",
                    (backend, os) -> backend.autoUpdates(context.host(), os)));

    static final String OS_RELEASE = "cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release";

    private PackageFactsCollector() {
    }

    /** The commands of the backend of the host's OS, once the OS is known; none otherwise. */
    private static List<HostCommand> commands(GatherContext context,
            BiFunction<PackageBackend, OsRelease, List<HostCommand>> commands) {
        if (context.fact(OsRelease.KEY) instanceof Fact.Known<OsRelease> os) {
            return PackageBackends.forOs(os.value()).map(b -> commands.apply(b, os.value())).orElse(List.of());
        }
        return List.of();
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

    /** Reads a fact through a backend, from a host that may fail and with outputs that may not parse. */
    @FunctionalInterface
    private interface BackendRead<T> {
        Fact<T> read(PackageBackend backend, OsRelease os) throws HostException;
    }

    /**
     * Runs {@code read} on the backend of a known OS; otherwise, and when reading fails, the fact is
     * unknown with a reason that names {@code what} and the OS.
     */
    private static <T> Fact<T> onBackend(Fact<OsRelease> osFact, String what, BackendRead<T> read) {
        if (!(osFact instanceof Fact.Known<OsRelease> known)) {
            return relay(osFact);
        }
        OsRelease os = known.value();
        PackageBackend backend = PackageBackends.forOs(os).orElse(null);
        if (backend == null) {
            return Fact.unknown("cannot check " + what + " on " + os.describe() + ": its package manager is unknown "
                    + "(known: apt, dnf, apk); " + what + " are checked on Debian, Ubuntu, RHEL, Fedora, Rocky, "
                    + "AlmaLinux, CentOS and Alpine systems and those derived from them only",
                    List.of("os-release: " + os.describe()));
        }
        try {
            return read.read(backend, os);
        } catch (HostException e) {
            return Fact.unknown(e.getMessage(), List.of());
        } catch (IllegalArgumentException e) {
            return Fact.unknown("cannot read " + what + " on " + os.prettyName() + ": " + e.getMessage(), List.of());
        }
    }

    private static <T> Fact<T> relay(Fact<OsRelease> os) {
        if (os instanceof Fact.Unknown<OsRelease> unknown) {
            return Fact.unknown(unknown.reason(), unknown.evidence());
        }
        return Fact.notApplicable(((Fact.NotApplicable<OsRelease>) os).reason());
    }
}
