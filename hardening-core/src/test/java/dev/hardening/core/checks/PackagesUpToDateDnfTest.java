package dev.hardening.core.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hardening.core.facts.packages.PackageFixtures;
import dev.hardening.core.families.packages.PackagesUpToDateCheck;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.PackagesChecksConfig;

/**
 * {@code packages.up-to-date} on a dnf host, through the collector, with outputs quoted from real
 * Fedora, Rocky and AlmaLinux systems (see fixtures/packages/README.md). No lab host runs dnf here.
 */
class PackagesUpToDateDnfTest {
    private static final ChecksConfig SECURITY = ChecksConfig.DEFAULT;
    private static final ChecksConfig ALL = ChecksConfig.DEFAULT.with(PackagesChecksConfig.KEY, new PackagesChecksConfig(null, "all", null, null));

    /**
     * A Rocky host with nothing pending. The index-age output is the one captured on the Debian lab
     * host: the command has the same shape on dnf hosts (the clock, then {@code stat -c '%Y %n'} lines),
     * and no dnf host's capture exists.
     */
    private static PackageHostStub patchedRocky() {
        return new PackageHostStub()
                .answer("os-release", "os-release.rocky-9.7.txt")
                .answer("date +%s", "index-age.fresh.txt")
                .answer("check-update", "", 0)
                .answer("updateinfo", "", 0)
                .answer("needs-restarting", PackageFixtures.read("dnf/needs-restarting.not-required.rocky.txt"), 0);
    }

    private static List<Finding> check(PackageHostStub host, ChecksConfig config) {
        return new PackagesUpToDateCheck().evaluate(host.facts(config), config);
    }

    @Test
    void nothingPendingAndNoRebootPasses() {
        assertThat(check(patchedRocky(), SECURITY)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.PASS);
            assertThat(f.message()).isEqualTo("no pending updates on a package index 0 hour(s) old, and no reboot pending");
            assertThat(f.evidence()).contains("needs-restarting -r: Reboot should not be necessary.");
        });
    }

    @Test
    void readsOnlyFromTheCacheAndWritesNothing() {
        PackageHostStub host = patchedRocky();

        check(host, SECURITY);

        assertThat(host.commands()).filteredOn(c -> c.contains("dnf ")).allSatisfy(c -> assertThat(c).contains(" -C "));
        assertThat(host.privilegedCommands()).isEmpty();
    }

    @Test
    void securityAdvisoryFailsWithTheAdvisoryToInstallAndOtherUpdatesPassUnderSecurity() {
        PackageHostStub host = patchedRocky().answer("check-update", PackageFixtures.read("dnf/check-update.fedora25.txt"), 100)
                .answer("updateinfo", PackageFixtures.read("dnf/updateinfo.fedora27-list-sec.txt"), 0);

        List<Finding> findings = check(host, SECURITY);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.message()).isEqualTo("security update pending for glibc.x86_64: 2.26-20.fc27 available from "
                    + "advisory FEDORA-2017-fb5e227432; the package manager does not offer it on its own (held, "
                    + "locked or excluded, or it needs a removal); it is a security update because dnf updateinfo "
                    + "lists FEDORA-2017-fb5e227432 (Unknown) fixed in 2.26-20.fc27");
            assertThat(f.evidence()).containsExactly(
                    "dnf updateinfo: FEDORA-2017-fb5e227432 Unknown/Sec. glibc-2.26-20.fc27.x86_64",
                    "dnf check-update does not list glibc.x86_64");
            assertThat(f.remediation()).endsWith("then run `dnf upgrade --advisory FEDORA-2017-fb5e227432`");
        });
    }

    @Test
    void everyUpdateFailsUnderAllNamingPackageCandidateAndRepository() {
        PackageHostStub host = patchedRocky().answer("check-update", PackageFixtures.read("dnf/check-update.fedora25.txt"), 100);

        List<Finding> findings = check(host, ALL);

        assertThat(findings).hasSize(10).allSatisfy(f -> assertThat(f.status()).isEqualTo(Status.FAIL));
        assertThat(findings.get(0).message()).isEqualTo("update pending for PackageKit.x86_64: 1.1.4-2.fc25 "
                + "available from updates");
        assertThat(findings.get(0).remediation()).isEqualTo("run `dnf upgrade PackageKit.x86_64` on the host");
        assertThat(check(host, SECURITY)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.PASS);
            assertThat(f.message()).contains("10 other update(s) pending, allowed by upToDate: security");
        });
    }

    @Test
    void pendingRebootIsAMediumFailureNamingThePackages() {
        PackageHostStub host = patchedRocky().answer("needs-restarting", PackageFixtures.read("dnf/needs-restarting.required.alma8.txt"), 1);

        assertThat(check(host, SECURITY)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.message()).startsWith("a reboot is pending to load updated packages (requested by glibc, "
                    + "linux-firmware)");
        });
    }

    @Test
    void missingNeedsRestartingIsSaidInThePassNotHidden() {
        PackageHostStub host = patchedRocky().answer("needs-restarting", "stub: command not found\n", 127);

        assertThat(check(host, SECURITY)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.PASS);
            assertThat(f.message()).endsWith("; whether a reboot is pending was not determined (see evidence)");
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e).startsWith("needs-restarting is not installed"));
        });
    }

    @Test
    void failingDnfIsAnErrorNeverAPass() {
        PackageHostStub host = patchedRocky().answer("check-update", "stub: dnf failed\n", 1);

        assertThat(check(host, SECURITY)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.message()).isEqualTo("cannot read pending updates on Rocky Linux 9.7 (Blue Onyx): "
                    + "dnf check-update failed (exit 1): stub: dnf failed");
        });
    }

    @Test
    void refreshingTheIndexIsNotDoneOnDnfAndSaysSo() {
        ChecksConfig refresh = ChecksConfig.DEFAULT.with(PackagesChecksConfig.KEY, new PackagesChecksConfig(null, null, null, true));
        PackageHostStub host = patchedRocky();

        assertThat(check(host, refresh)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.message()).startsWith("refreshIndex: true is implemented for apt only");
        });
        assertThat(host.privilegedCommands()).isEmpty();
    }
}
