package dev.hardening.core.backend.dnf;

import static dev.hardening.core.backend.PackageBackends.require;

import java.util.List;
import java.util.Optional;

import dev.hardening.core.backend.PackageBackend;
import dev.hardening.core.backend.PackageBackends;
import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.packages.AutoUpdateFacts;
import dev.hardening.core.facts.packages.DnfAdvisory;
import dev.hardening.core.facts.packages.DnfAutomatic;
import dev.hardening.core.facts.packages.DnfCheckUpdate;
import dev.hardening.core.facts.packages.DnfUpdates;
import dev.hardening.core.facts.packages.IndexSource;
import dev.hardening.core.facts.packages.OsRelease;
import dev.hardening.core.facts.packages.PackageFacts;
import dev.hardening.core.facts.packages.PackageIndexAge;
import dev.hardening.core.facts.packages.PendingUpdate;
import dev.hardening.core.facts.packages.RebootStatus;
import dev.hardening.core.facts.packages.RpmInstalled;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.family.GatherContext;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.HostCommand;
import dev.hardening.core.host.HostException;
import dev.hardening.core.host.Shell;
import dev.hardening.core.policy.PackagesChecksConfig;

/**
 * RHEL, Rocky, AlmaLinux, CentOS, Fedora. dnf runs from its cache only ({@code -C}), so it never
 * fetches expired metadata (the cache's age is judged instead); as a login other than root it then
 * reads the system cache. Not {@code -q}: only without it does dnf say on stderr which repositories
 * it ignores for want of a cache, which with {@code skip_if_unavailable=True} it does with exit 0 and
 * output that looks exactly like "no updates" (measured on dnf 4.14).
 */
public final class DnfBackend implements PackageBackend {
    static final String CHECK_UPDATE = "LC_ALL=C dnf -C check-update";
    static final String SECURITY = "LC_ALL=C dnf -C updateinfo list --security --available";
    /** The host's clock, then the metadata index of each repository dnf 4 and dnf 5 have cached. */
    static final String INDEX_AGE = "date +%s; for f in /var/cache/dnf/*/repodata/repomd.xml "
            + "/var/cache/libdnf5/*/repodata/repomd.xml; do [ -e \"$f\" ] && stat -c \"%Y %n\" -- \"$f\"; done; true";
    private static final IndexSource INDEX = new IndexSource(
            "/var/cache/dnf/*/repodata/repomd.xml or /var/cache/libdnf5/*/repodata/repomd.xml",
            "run `dnf makecache` on the host regularly (dnf-automatic's timer, or dnf's own dnf-makecache.timer, "
                    + "refreshes the metadata)");

    @Override
    public List<HostCommand> updateCommands(OsRelease os, PackagesChecksConfig config, GatherContext fetched) {
        return config.refreshIndex() ? List.of() : List.of(HostCommand.plain(INDEX_AGE), HostCommand.plain(CHECK_UPDATE),
                HostCommand.plain(SECURITY), HostCommand.plain(RebootStatus.NEEDS_RESTARTING));
    }

    @Override
    public List<HostCommand> autoUpdateCommands(OsRelease os) {
        return List.of(HostCommand.plain(DnfAutomatic.COMMAND));
    }

    @Override
    public Fact<PackageFacts> updates(Host host, OsRelease os, PackagesChecksConfig config) throws HostException {
        if (config.refreshIndex()) {
            return PackageBackends.refreshNotImplemented(os, "dnf makecache", "dnf's cache");
        }
        PackageIndexAge index = PackageIndexAge.parse(require(host.run(INDEX_AGE), "reading the dnf cache's age"));
        CommandResult listed = host.run(CHECK_UPDATE);
        if (listed.truncated()) {
            throw new IllegalArgumentException("dnf check-update printed more than the output limit allows");
        }
        Optional<Fact<PackageFacts>> ignoring = ignoredRepositories(listed, os);
        if (ignoring.isPresent()) {
            return ignoring.get();
        }
        if (listed.exitStatus() != 0 && listed.exitStatus() != DnfCheckUpdate.UPDATES_AVAILABLE) {
            throw new IllegalArgumentException("dnf check-update failed (exit " + listed.exitStatus() + "): "
                    + listed.firstErrorLine());
        }
        DnfCheckUpdate checkUpdate = DnfCheckUpdate.parse(listed.stdout(), listed.exitStatus());
        CommandResult security = host.run(SECURITY);
        ignoring = ignoredRepositories(security, os);
        if (ignoring.isPresent()) {
            return ignoring.get();
        }
        List<DnfAdvisory> advisories = DnfAdvisory.parse(require(security, "dnf updateinfo list --security"));
        List<String> names = DnfUpdates.packagesToQuery(checkUpdate, advisories);
        RpmInstalled installed = names.isEmpty() ? RpmInstalled.parse("") : RpmInstalled.parse(host.run(
                "rpm -q --qf '" + RpmInstalled.QUERY_FORMAT + "' " + String.join(" ", names.stream().map(Shell::quote)
                        .toList())).stdout());
        List<PendingUpdate> pending = DnfUpdates.pending(checkUpdate, advisories, installed);
        CommandResult restarting = host.run(RebootStatus.NEEDS_RESTARTING);
        RebootStatus reboot = RebootStatus.parseNeedsRestarting(restarting.stdout(), restarting.exitStatus());
        return Fact.known(new PackageFacts(os, index, INDEX, pending, "dnf check-update (from the cache) lists "
                + checkUpdate.updates().size() + " update(s), dnf updateinfo " + advisories.size()
                + " security advisory line(s)", reboot, Optional.empty()));
    }

    @Override
    public Fact<AutoUpdateFacts> autoUpdates(Host host, OsRelease os) throws HostException {
        return Fact.known(DnfAutomatic.parse(require(host.run(DnfAutomatic.COMMAND), "reading dnf-automatic's state"))
                .facts(os));
    }

    /** Unknown when dnf left a repository out for want of a cache: what it lists then is not what the host would get. */
    private static Optional<Fact<PackageFacts>> ignoredRepositories(CommandResult result, OsRelease os) {
        List<String> lines = DnfCheckUpdate.cacheProblems(result.stderr());
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Fact.unknown("dnf has no cache for some enabled repositories and leaves them out, so the "
                + "updates they carry cannot be seen (run `dnf makecache` on " + os.prettyName() + ")", lines.stream()
                        .map(l -> result.command() + ": " + l).toList()));
    }
}
