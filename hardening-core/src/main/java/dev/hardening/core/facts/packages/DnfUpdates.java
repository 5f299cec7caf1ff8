package dev.hardening.core.facts.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Joins what {@code dnf check-update} lists with the security advisories {@code dnf updateinfo} has
 * for installed packages: an update is a security update when an advisory names a newer version of
 * the same package and architecture (the candidate is at least that version, so installing it closes
 * the hole). An advisory for a package check-update does not list (excluded, or locked) is a pending
 * security update all the same: the fix exists and is not installed.
 */
public final class DnfUpdates {
    private DnfUpdates() {
    }

    public static List<PendingUpdate> pending(DnfCheckUpdate checkUpdate, List<DnfAdvisory> advisories) {
        List<PendingUpdate> updates = new ArrayList<>();
        for (DnfCheckUpdate.Available available : checkUpdate.updates()) {
            List<DnfAdvisory> fixes = advisories.stream().filter(a -> a.nameArch().equals(available.nameArch()))
                    .toList();
            List<String> evidence = new ArrayList<>(List.of("dnf check-update: " + available.line()));
            fixes.forEach(a -> evidence.add("dnf updateinfo: " + a.line()));
            updates.add(new PendingUpdate(available.nameArch(), Optional.empty(), available.version(),
                    available.repo(), reason(fixes), false, evidence, upgradeCommand(available.nameArch(), fixes)));
        }
        for (DnfAdvisory advisory : advisories) {
            boolean listed = updates.stream().anyMatch(u -> u.name().equals(advisory.nameArch()));
            if (!listed) {
                updates.add(new PendingUpdate(advisory.nameArch(), Optional.empty(), advisory.version(),
                        "advisory " + advisory.id(), reason(List.of(advisory)), true,
                        List.of("dnf updateinfo: " + advisory.line(),
                                "dnf check-update does not list " + advisory.nameArch()),
                        upgradeCommand(advisory.nameArch(), List.of(advisory))));
            }
        }
        return updates;
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
