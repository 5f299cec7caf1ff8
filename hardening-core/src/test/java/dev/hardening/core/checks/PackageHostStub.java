package dev.hardening.core.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hardening.core.facts.packages.PackageFixtures;
import dev.hardening.core.facts.ssh.AuthenticationOffer;
import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.gather.CollectedFacts;
import dev.hardening.core.gather.ProbeRoutes;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.Timeouts;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.HostSpec;

/**
 * A host that answers the package commands with captured outputs, so the package checks run through
 * the real collector. Each answer is chosen by a fragment of the command line.
 */
final class PackageHostStub implements Host {
    private final Map<String, CommandResult> answers = new LinkedHashMap<>();
    private final List<String> privileged = new ArrayList<>();
    private final List<String> commands = new ArrayList<>();

    /** The lab image as built: fully patched, a just-refreshed index, unattended-upgrades configured. */
    static PackageHostStub patchedDebian() {
        return new PackageHostStub()
                .answer("os-release", "os-release.debian-bookworm.txt")
                .answer("date +%s", "index-age.fresh.txt")
                .answer("apt-get -s", "apt-get-s.none.txt")
                .answer("reboot-required", "not-required\n", 0)
                .answer("dpkg-query", "dpkg-query.unattended-upgrades.installed.txt")
                .answer("apt-config dump", "apt-config-dump.configured.txt");
    }

    /** Answers commands containing {@code fragment} with a fixture (its recorded exit status, if any). */
    PackageHostStub answer(String fragment, String fixture) {
        return answer(fragment, PackageFixtures.output(fixture), PackageFixtures.exitStatus(fixture));
    }

    PackageHostStub answer(String fragment, String stdout, int exitStatus) {
        return answer(fragment, stdout, exitStatus == 0 ? "" : stdout, exitStatus);
    }

    /** Answers with separate stdout and stderr, as tools that warn on stderr and exit 0 do. */
    PackageHostStub answer(String fragment, String stdout, String stderr, int exitStatus) {
        answers.put(fragment, new CommandResult(fragment, exitStatus, stdout, stderr, false));
        return this;
    }

    /** Every command run, privileged or not. */
    List<String> commands() {
        return commands;
    }

    /** The commands run through {@link #runPrivileged}. */
    List<String> privilegedCommands() {
        return privileged;
    }

    CollectedFacts facts(ChecksConfig checks) {
        return new CollectedFacts(this, HostSpec.local(), checks, Timeouts.DEFAULT, ProbeRoutes.DIRECT,
                FamilyRegistry.discover().sources());
    }

    @Override
    public String name() {
        return "stub";
    }

    @Override
    public CommandResult run(String command) {
        commands.add(command);
        return answers.entrySet().stream().filter(e -> command.contains(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(new CommandResult(command, 127, "", "sh: 1: not answered by the stub", false));
    }

    @Override
    public CommandResult runPrivileged(String command) {
        privileged.add(command);
        return run(command);
    }

    @Override
    public boolean usesSudo() {
        return false;
    }

    @Override
    public AuthenticationOffer offeredAuthentication(String user, int port) {
        throw new UnsupportedOperationException("the package checks never ask the SSH server");
    }

    @Override
    public void close() {
        // nothing to release
    }
}
