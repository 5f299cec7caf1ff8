package dev.hardening.core.backend;

import java.util.List;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.packages.AutoUpdateFacts;
import dev.hardening.core.facts.packages.OsRelease;
import dev.hardening.core.facts.packages.PackageFacts;
import dev.hardening.core.family.GatherContext;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.HostCommand;
import dev.hardening.core.host.HostException;
import dev.hardening.core.policy.PackagesChecksConfig;

/**
 * One package manager: the commands it takes to read a host's pending and automatic updates, and
 * the parsers that turn their output into the shapes every backend returns. Reads only; a backend
 * writes on the host only where the policy says so ({@code refreshIndex: true}).
 * {@link PackageBackends} picks the backend from /etc/os-release.
 */
public interface PackageBackend {

    /**
     * The commands {@link #updates} runs that can be named ahead, so they go out in one script; a
     * follow-up named from an earlier answer once {@code fetched} has it. Empty where order matters
     * ({@code refreshIndex: true}: the refresh runs first, alone).
     */
    default List<HostCommand> updateCommands(OsRelease os, PackagesChecksConfig config, GatherContext fetched) {
        return List.of();
    }

    /** The commands {@link #autoUpdates} runs. */
    default List<HostCommand> autoUpdateCommands(OsRelease os) {
        return List.of();
    }

    /**
     * Pending updates, the index's age and a pending reboot.
     *
     * @throws HostException when the host cannot run the commands
     * @throws IllegalArgumentException when an output is not what the package manager prints, naming it
     */
    Fact<PackageFacts> updates(Host host, OsRelease os, PackagesChecksConfig config) throws HostException;

    /**
     * What would install updates without anyone logging in, and each reason it does not.
     *
     * @throws HostException when the host cannot run the commands
     * @throws IllegalArgumentException when an output is not what the tools print, naming it
     */
    Fact<AutoUpdateFacts> autoUpdates(Host host, OsRelease os) throws HostException;
}
