package dev.hardening.core.facts.packages;

import static dev.hardening.core.facts.packages.PackageFixtures.exitStatus;
import static dev.hardening.core.facts.packages.PackageFixtures.output;
import static dev.hardening.core.facts.packages.PackageFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AptAutoUpdatesTest {
    private static AptAutoUpdates facts(String dpkgQuery, String dump) {
        return new AptAutoUpdates(DpkgPackageStatus.parse("unattended-upgrades", output(dpkgQuery),
                exitStatus(dpkgQuery)), AptConfig.parse(read(dump)));
    }

    @Test
    void unattendedUpgradesAsInstalledIsConfigured() {
        AptAutoUpdates auto = facts("dpkg-query.unattended-upgrades.installed.txt", "apt-config-dump.configured.txt");

        assertThat(auto.unattendedUpgrades().installed()).isTrue();
        assertThat(auto.unattendedUpgrades().version()).contains("2.9.1+nmu3");
        assertThat(auto.periodicEnabled(AptAutoUpdates.UPDATE_LISTS)).isTrue();
        assertThat(auto.periodicEnabled(AptAutoUpdates.UNATTENDED_UPGRADE)).isTrue();
        assertThat(auto.aptConfig().evidence(AptAutoUpdates.UNATTENDED_UPGRADE))
                .isEqualTo("APT::Periodic::Unattended-Upgrade \"1\";");
    }

    @Test
    void periodicSettingsOfZeroOrMissingAreOff() {
        AptAutoUpdates disabled = facts("dpkg-query.unattended-upgrades.installed.txt", "apt-config-dump.disabled.txt");
        AptAutoUpdates missing = facts("dpkg-query.unattended-upgrades.installed.txt",
                "apt-config-dump.unconfigured.txt");

        assertThat(disabled.periodicEnabled(AptAutoUpdates.UPDATE_LISTS)).isFalse();
        assertThat(disabled.periodicEnabled(AptAutoUpdates.UNATTENDED_UPGRADE)).isFalse();
        assertThat(missing.periodicEnabled(AptAutoUpdates.UPDATE_LISTS)).isFalse();
        assertThat(missing.aptConfig().evidence(AptAutoUpdates.UPDATE_LISTS))
                .isEqualTo("apt-config dump has no APT::Periodic::Update-Package-Lists");
    }

    @Test
    void removedAndPurgedPackagesAreNotInstalled() {
        DpkgPackageStatus removed = DpkgPackageStatus.parse("unattended-upgrades",
                output("dpkg-query.unattended-upgrades.removed.txt"), 0);
        DpkgPackageStatus purged = DpkgPackageStatus.parse("unattended-upgrades",
                output("dpkg-query.unattended-upgrades.purged.txt"), exitStatus("dpkg-query.unattended-upgrades.purged.txt"));

        assertThat(removed.installed()).isFalse();
        assertThat(removed.status()).isEqualTo("deinstall ok config-files");
        assertThat(purged.installed()).isFalse();
        assertThat(purged.status()).isEqualTo("not-known");
    }

    @Test
    void dpkgQueryThatCannotRunIsAnError() {
        assertThatThrownBy(() -> DpkgPackageStatus.parse("unattended-upgrades", "sh: 1: dpkg-query: not found", 127))
                .hasMessageContaining("dpkg-query failed for unattended-upgrades (exit 127)");
    }

    @Test
    void outputThatIsNotAptConfigDumpIsRejected() {
        assertThatThrownBy(() -> AptConfig.parse("E: Syntax error /etc/apt/apt.conf.d/99broken:1\n"))
                .hasMessageContaining("not apt-config dump output");
    }
}
