package dev.hardening.core.facts.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.hardening.core.facts.packages.PendingUpdate.Hold;

/**
 * Joins what {@code dnf check-update} lists with the security advisories {@code dnf updateinfo} has
 * for installed packages: an update is a security update when an advisory names a newer version of
 * the same package and architecture (the candidate is at least that version, so installing it closes
 * the hole). An advisory for a package check-update does not list (excluded, or locked) is a pending
 * security update all the same: the fix exists and is not installed. dnf prints candidates only; the
 * installed versions come from rpm's database.
 */
public final class DnfUpdates {
    private DnfUpdates() {
    }

    /** The {@code name.arch} of every package {@link #pending} needs the installed versions of. */
    public static List<String> packagesToQuery(DnfCheckUpdate checkUpdate, List<DnfAdvisory> advisories) {
        List<String> names = new ArrayList<>();
        checkUpdate.updates().forEach(u -> names.add(u.nameArch()));
        advisories.stream().map(DnfAdvisory::nameArch).filter(n -> !names.contains(n)).distinct().forEach(names::add);
        return names;
    }

    public static List<PendingUpdate> pending(DnfCheckUpdate checkUpdate, List<DnfAdvisory> advisories,
            RpmInstalled installed) {
        List<PendingUpdate> updates = new ArrayList<>();
        for (DnfCheckUpdate.Available available : checkUpdate.updates()) {
            List<DnfAdvisory> fixes = advisories.stream().filter(a -> a.nameArch().equals(available.nameArch()))
                    .toList();
            List<String> evidence = new ArrayList<>(List.of("dnf check-update: " + available.line()));
            fixes.forEach(a -> evidence.add("dnf updateinfo: " + a.line()));
            String command = upgradeCommand(available.nameArch(), fixes);
            updates.add(withInstalled(new PendingUpdate(available.nameArch(), Optional.empty(), available.version(),
                    available.repo(), reason(fixes), Hold.NONE, evidence, command, "run `" + command + "` on the host"),
                    installed));
        }
        for (DnfAdvisory advisory : advisories) {
            boolean listed = updates.stream().anyMatch(u -> u.name().equals(advisory.nameArch()));
            if (!listed) {
                String command = upgradeCommand(advisory.nameArch(), List.of(advisory));
                updates.add(withInstalled(new PendingUpdate(advisory.nameArch(), Optional.empty(), advisory.version(),
                        "advisory " + advisory.id(), reason(List.of(advisory)), Hold.KEPT_BACK,
                        List.of("dnf updateinfo: " + advisory.line(),
                                "dnf check-update does not list " + advisory.nameArch()),
                        command, "find out why dnf does not offer it (`dnf versionlock list`, `excludepkgs` in "
                                + "/etc/dnf/dnf.conf and the repository files), lift the lock or exclusion, then run `"
                                + command + "`"), installed));
            }
        }
        return updates;
    }

    /** The update with its installed versions (several for an install-only package) and rpm's lines as evidence. */
    private static PendingUpdate withInstalled(PendingUpdate update, RpmInstalled installed) {
        List<String> versions = installed.of(update.name());
        if (versions.isEmpty()) {
            return update;
        }
        List<String> evidence = new ArrayList<>(update.evidence());
        versions.forEach(v -> evidence.add("rpm -q: " + update.name() + " " + v + " installed"));
        return new PendingUpdate(update.name(), Optional.of(String.join(", ", versions)), update.candidate(),
                update.origin(), update.securityReason(), update.hold(), evidence, update.upgradeCommand(), update.fix());
    }

    /** {@code dnf upgrade --advisory ID} for each advisory that names the package, else {@code dnf upgrade NAME.ARCH}. */
    private static String upgradeCommand(String nameArch, List<DnfAdvisory> fixes) {
        if (fixes.isEmpty()) {
            return "dnf upgrade " + nameArch;
        }
        return "dnf upgrade " + String.join(" ", fixes.stream().map(a -> "--advisory " + a.id()).distinct().toList());
    }

    private static Optional<String> reason(List<DnfAdvisory> fixes) {
        if (fixes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("dnf updateinfo lists " + String.join(", ", fixes.stream()
                .map(a -> a.id() + " (" + a.severity() + ") fixed in " + a.version()).distinct().toList()));
    }
}
