package dev.hardening.core.facts.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DnfCheckUpdateTest {

    @Test
    void quietOutputOfDnf4WithWideColumnsAndLongRepositoryIds() {
        DnfCheckUpdate updates = DnfCheckUpdate.parse(PackageFixtures.read("dnf/check-update.fedora40-q.txt"), 100);

        assertThat(updates.updates()).extracting(DnfCheckUpdate.Available::nameArch)
                .containsExactly("brave-browser.x86_64", "code.x86_64", "dkms.noarch");
        assertThat(updates.updates().get(0).repo()).isEqualTo("brave-browser-rpm-release.s3.brave.com_x86_64_");
        assertThat(updates.updates().get(1).version()).isEqualTo("1.95.0-1730153639.el8");
    }

    @Test
    void metadataLineAndBlankLineOfAnUnquietRunAreSkipped() {
        DnfCheckUpdate updates = DnfCheckUpdate.parse(PackageFixtures.read("dnf/check-update.fedora25.txt"), 100);

        assertThat(updates.updates()).hasSize(10);
        assertThat(updates.updates().get(0)).isEqualTo(new DnfCheckUpdate.Available("PackageKit", "x86_64",
                "1.1.4-2.fc25", "updates", "PackageKit.x86_64                         1.1.4-2.fc25                   updates"));
    }

    @Test
    void dnf5ObsoletingSectionAddsNoDuplicatesAndSkipsTheReplacedPackages() {
        DnfCheckUpdate updates = DnfCheckUpdate.parse(
                PackageFixtures.read("dnf/check-upgrade.dnf5-fedora44-obsoleting.txt"), 100);

        assertThat(updates.updates()).extracting(DnfCheckUpdate.Available::nameArch).containsExactly(
                "apparmor-libs.x86_64", "proton-vpn-daemon.noarch", "proton-vpn-gtk-app.noarch",
                "python3-proton-vpn-api-core.aarch64", "python3-proton-vpn-api-core.x86_64");
        assertThat(updates.updates().get(0).version()).isEqualTo("6.0.0~alpha1-1.fc44");
    }

    /** No quoted sample of a wrapped entry was found; this is the shape dnf 4's list output gives a long name. */
    @Test
    void nameWrappedOntoItsOwnLineIsJoinedWithTheLineBelow() {
        DnfCheckUpdate updates = DnfCheckUpdate.parse(
                "python3-proton-vpn-local-agent.x86_64\n                      1.6.3-1.fc44      updates\n", 100);

        assertThat(updates.updates()).singleElement().satisfies(u -> {
            assertThat(u.nameArch()).isEqualTo("python3-proton-vpn-local-agent.x86_64");
            assertThat(u.version()).isEqualTo("1.6.3-1.fc44");
            assertThat(u.repo()).isEqualTo("updates");
        });
    }

    @Test
    void nothingPendingIsExitZeroWithoutOutput() {
        assertThat(DnfCheckUpdate.parse("", 0).updates()).isEmpty();
    }

    @Test
    void errorExitStatusUpdatesUnderExitZeroAndUnknownLinesAreRejected() {
        assertThatThrownBy(() -> DnfCheckUpdate.parse("stub: failure\n", 1))
                .hasMessage("dnf check-update failed (exit 1): stub: failure");
        assertThatThrownBy(() -> DnfCheckUpdate.parse(PackageFixtures.read("dnf/check-update.fedora40-q.txt"), 0))
                .hasMessageContaining("exited 0 (no updates) but listed brave-browser.x86_64");
        assertThatThrownBy(() -> DnfCheckUpdate.parse("some words that are not an entry at all\n", 100))
                .hasMessageStartingWith("not a dnf check-update line");
    }
}
