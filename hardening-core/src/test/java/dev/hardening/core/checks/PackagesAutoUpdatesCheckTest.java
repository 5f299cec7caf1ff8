package dev.hardening.core.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hardening.core.families.packages.PackagesAutoUpdatesCheck;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;
import dev.hardening.core.policy.ChecksConfig;

class PackagesAutoUpdatesCheckTest {

    private static List<Finding> check(PackageHostStub host) {
        return new PackagesAutoUpdatesCheck().evaluate(host.facts(ChecksConfig.DEFAULT), ChecksConfig.DEFAULT);
    }

    @Test
    void installedAndSwitchedOnPasses() {
        assertThat(check(PackageHostStub.patchedDebian())).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.PASS);
            assertThat(f.evidence()).containsExactly("os-release: Debian GNU/Linux 12 (bookworm) [ID=debian]",
                    "dpkg-query unattended-upgrades: install ok installed 2.9.1+nmu3",
                    "APT::Periodic::Update-Package-Lists \"1\";", "APT::Periodic::Unattended-Upgrade \"1\";");
        });
    }

    @Test
    void removedPackageFailsAtMediumSayingItWasRemoved() {
        PackageHostStub host = PackageHostStub.patchedDebian().answer("dpkg-query", "dpkg-query.unattended-upgrades.removed.txt");

        assertThat(check(host)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.message()).isEqualTo("unattended-upgrades is not installed (it was removed; its config files remain)");
            assertThat(f.remediation()).startsWith("run `apt-get install unattended-upgrades`");
        });
    }

    @Test
    void neverInstalledPackageFails() {
        PackageHostStub host = PackageHostStub.patchedDebian().answer("dpkg-query", "dpkg-query.unattended-upgrades.purged.txt");

        assertThat(check(host)).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo("unattended-upgrades is not installed");
            assertThat(f.evidence()).containsExactly("dpkg-query unattended-upgrades: not-known");
        });
    }

    @Test
    void periodicSettingsOfZeroFailEachWithTheLineToSet() {
        PackageHostStub host = PackageHostStub.patchedDebian().answer("apt-config dump", "apt-config-dump.disabled.txt");

        assertThat(check(host)).extracting(Finding::message).containsExactly(
                "APT::Periodic::Update-Package-Lists is \"0\", so apt's daily job does not refresh the package index",
                "APT::Periodic::Unattended-Upgrade is \"0\", so apt's daily job does not run unattended-upgrades");
        assertThat(check(host).get(1).remediation()).isEqualTo("set `APT::Periodic::Unattended-Upgrade \"1\";` in "
                + "/etc/apt/apt.conf.d/20auto-upgrades (`dpkg-reconfigure -plow unattended-upgrades` writes it)");
    }

    @Test
    void missingPeriodicSettingsFail() {
        PackageHostStub host = PackageHostStub.patchedDebian().answer("apt-config dump", "apt-config-dump.unconfigured.txt");

        assertThat(check(host)).hasSize(2).allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).contains("is not set");
        });
    }

    @Test
    void unknownOsIsAnErrorNamingIt() {
        PackageHostStub host = PackageHostStub.patchedDebian().answer("os-release", "NAME=Gentoo\nID=gentoo\n", 0);

        assertThat(check(host)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.message()).startsWith("cannot check the automatic update settings on Gentoo [ID=gentoo]: its "
                    + "package manager is unknown");
        });
    }
}
