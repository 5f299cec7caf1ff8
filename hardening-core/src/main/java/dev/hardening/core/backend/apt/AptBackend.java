package dev.hardening.core.backend.apt;

import static dev.hardening.core.backend.PackageBackends.errorLine;
import static dev.hardening.core.backend.PackageBackends.require;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.hardening.core.backend.PackageBackend;
import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.packages.AptAutoUpdates;
import dev.hardening.core.facts.packages.AptConfig;
import dev.hardening.core.facts.packages.AptPolicy;
import dev.hardening.core.facts.packages.AptSimulation;
import dev.hardening.core.facts.packages.AptUpdates;
import dev.hardening.core.facts.packages.AutoUpdateFacts;
import dev.hardening.core.facts.packages.DpkgPackageStatus;
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
 * Debian and Ubuntu. apt is told not to lock, not to write its binary caches and not to log its plan
 * (as root it would do all three even when only simulating), so nothing changes on the host. The one
 * write is {@code apt-get update}, and only when the policy says {@code refreshIndex: true}.
 */
public final class AptBackend implements PackageBackend {
    private static final String NO_CACHE_FILES = "-o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=";
    static final String SIMULATE = "LC_ALL=C apt-get -s -o Debug::NoLocking=1 " + NO_CACHE_FILES
            + " -o Dir::Log::Planner=/dev/null dist-upgrade";
    static final String POLICY = "LC_ALL=C apt-cache " + NO_CACHE_FILES + " policy";
    /** The host's clock, then the index files and the stamps apt's daily job touches after a successful update. */
    static final String INDEX_AGE = "date +%s; for f in /var/lib/apt/lists/*_InRelease /var/lib/apt/lists/*_Release "
            + "/var/lib/apt/periodic/update-success-stamp /var/lib/apt/periodic/update-stamp; do "
            + "[ -e \"$f\" ] && stat -c \"%Y %n\" -- \"$f\"; done; true";
    /** Error-Mode=any: without it apt-get update exits 0 when every download failed (measured on apt 2.6). */
    static final String REFRESH = "LC_ALL=C apt-get -q -o APT::Update::Error-Mode=any update";
    static final String UNATTENDED_UPGRADES = "unattended-upgrades";
    private static final String AUTO_CONFIG = "apt-config dump";
    private static final IndexSource INDEX = new IndexSource("/var/lib/apt/lists/*_InRelease",
            "run `apt-get update` on the host regularly (unattended-upgrades with APT::Periodic::Update-Package-Lists "
                    + "\"1\" does it daily), or set checks.packages.refreshIndex: true to let the gate refresh the "
                    + "index before checking");

    @Override
    public List<HostCommand> updateCommands(OsRelease os, PackagesChecksConfig config, GatherContext fetched) {
        if (config.refreshIndex()) {
            return List.of();
        }
        List<HostCommand> commands = new ArrayList<>(List.of(HostCommand.plain(INDEX_AGE), HostCommand.plain(SIMULATE),
                HostCommand.plain(RebootStatus.DEBIAN_COMMAND)));
        fetched.fetched(SIMULATE, false).filter(CommandResult::succeeded).ifPresent(simulated -> {
            try {
                policyCommand(AptSimulation.parse(simulated.stdout())).ifPresent(c -> commands.add(HostCommand.plain(c)));
            } catch (IllegalArgumentException e) {
                // updates() reports the simulation it cannot read
            }
        });
        return commands;
    }

    @Override
    public List<HostCommand> autoUpdateCommands(OsRelease os) {
        return List.of(HostCommand.plain(DpkgPackageStatus.command(UNATTENDED_UPGRADES)), HostCommand.plain(AUTO_CONFIG));
    }

    /** apt-cache policy of the packages whose classification needs their version table; empty: none does. */
    private static Optional<String> policyCommand(AptSimulation simulation) {
        List<String> names = AptUpdates.packagesToDescribe(simulation);
        return names.isEmpty() ? Optional.empty() : Optional.of(POLICY + " " + String.join(" ", names));
    }

    @Override
    public Fact<PackageFacts> updates(Host host, OsRelease os, PackagesChecksConfig config) throws HostException {
        Optional<String> refresh = Optional.empty();
        if (config.refreshIndex()) {
            CommandResult update = host.runPrivileged(REFRESH);
            if (!update.succeeded() || fetchFailed(update)) {
                String error = errorLine(update);
                return Fact.unknown("the package index could not be refreshed (refreshIndex: true): "
                        + (host.usesSudo() ? "sudo -n " : "") + "apt-get update failed: " + error,
                        List.of(REFRESH + " exited " + update.exitStatus() + ": " + error));
            }
            refresh = Optional.of("the gate refreshed the package index with `apt-get update` before checking "
                    + "(refreshIndex: true; its one write on this host)");
        }
        PackageIndexAge index = PackageIndexAge.parse(require(host.run(INDEX_AGE), "reading the index's age"));
        AptSimulation simulation = AptSimulation.parse(require(host.run(SIMULATE), "apt-get -s dist-upgrade"));
        Optional<String> policy = policyCommand(simulation);
        Map<String, AptPolicy> policies = policy.isEmpty() ? Map.of() : AptPolicy.parse(require(
                host.run(policy.get()), "apt-cache policy"));
        List<PendingUpdate> pending = AptUpdates.pending(simulation, policies);
        RebootStatus reboot = RebootStatus.parseDebian(require(host.run(RebootStatus.DEBIAN_COMMAND),
                "looking for " + RebootStatus.DEBIAN_FLAG));
        return Fact.known(new PackageFacts(os, index, INDEX, pending, "apt-get -s dist-upgrade: "
                + simulation.summary(), reboot, refresh));
    }

    @Override
    public Fact<AutoUpdateFacts> autoUpdates(Host host, OsRelease os) throws HostException {
        CommandResult query = host.run(DpkgPackageStatus.command(UNATTENDED_UPGRADES));
        DpkgPackageStatus status = DpkgPackageStatus.parse(UNATTENDED_UPGRADES, query.stdout(), query.exitStatus());
        AptConfig config = AptConfig.parse(require(host.run(AUTO_CONFIG), "apt-config dump"));
        return Fact.known(new AptAutoUpdates(status, config).facts(os));
    }

    /** True when apt reports a failed download, which an apt without Error-Mode still exits 0 on. */
    private static boolean fetchFailed(CommandResult update) {
        return (update.stderr() + "\n" + update.stdout()).lines()
                .anyMatch(l -> l.startsWith("Err:") || l.startsWith("W: Failed to fetch"));
    }
}
