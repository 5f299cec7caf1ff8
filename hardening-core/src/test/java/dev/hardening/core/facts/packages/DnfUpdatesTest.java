package dev.hardening.core.facts.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DnfUpdatesTest {
    /** The quoted outputs come without rpm's view of the same host. */
    private static final RpmInstalled NOTHING_QUERIED = RpmInstalled.parse("");

    @Test
    void listedUpdatesWithoutAdvisoryAreNotSecurityUpdates() {
        List<PendingUpdate> pending = DnfUpdates.pending(
                DnfCheckUpdate.parse(PackageFixtures.read("dnf/check-update.fedora25.txt"), 100), List.of(), NOTHING_QUERIED);

        assertThat(pending).hasSize(10).noneMatch(PendingUpdate::security);
        assertThat(pending.get(2).describeVersions()).isEqualTo("2.7-1.fc25 available from updates");
        assertThat(pending.get(2).installed()).isEmpty();
    }

    /** No quoted check-update and updateinfo pair of one host was found: the listed entry is built here. */
    @Test
    void advisoryForAListedPackageMakesItASecurityUpdateInstalledByAdvisory() {
        DnfCheckUpdate listed = new DnfCheckUpdate(List.of(new DnfCheckUpdate.Available("glibc", "x86_64",
                "2.26-21.fc27", "updates", "glibc.x86_64 2.26-21.fc27 updates")));

        List<PendingUpdate> pending = DnfUpdates.pending(listed,
                DnfAdvisory.parse(PackageFixtures.read("dnf/updateinfo.fedora27-list-sec.txt")), NOTHING_QUERIED);

        assertThat(pending).singleElement().satisfies(u -> {
            assertThat(u.securityReason()).isEqualTo(Optional.of(
                    "dnf updateinfo lists FEDORA-2017-fb5e227432 (Unknown) fixed in 2.26-20.fc27"));
            assertThat(u.keptBack()).isFalse();
            assertThat(u.upgradeCommand()).isEqualTo("dnf upgrade --advisory FEDORA-2017-fb5e227432");
        });
    }

    @Test
    void advisoryForAPackageCheckUpdateDoesNotListIsStillPending() {
        List<PendingUpdate> pending = DnfUpdates.pending(DnfCheckUpdate.parse("", 0),
                DnfAdvisory.parse(PackageFixtures.read("dnf/updateinfo.bodhitest-list-sec-all.txt")), NOTHING_QUERIED);

        assertThat(pending).singleElement().satisfies(u -> {
            assertThat(u.name()).isEqualTo("TurboGears.noarch");
            assertThat(u.security()).isTrue();
            assertThat(u.keptBack()).isTrue();
        });
    }
}
