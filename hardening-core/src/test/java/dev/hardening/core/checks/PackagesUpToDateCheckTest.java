package dev.hardening.core.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hardening.core.families.packages.PackagesUpToDateCheck;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.PackagesChecksConfig;

class PackagesUpToDateCheckTest {
    private static final ChecksConfig SECURITY = ChecksConfig.DEFAULT;
    private static final ChecksConfig ALL = packages(new PackagesChecksConfig(null, "all", null, null));
    private static final ChecksConfig REFRESH = packages(new PackagesChecksConfig(null, null, null, true));

    private static ChecksConfig packages(PackagesChecksConfig config) {
        return ChecksConfig.DEFAULT.with(PackagesChecksConfig.KEY, config);
    }

    private static List<Finding> check(PackageHostStub host, ChecksConfig config) {
        return new PackagesUpToDateCheck().evaluate(host.facts(config), config);
    }

    @Test
    void patchedHostWithFreshIndexPasses() {
        List<Finding> findings = check(PackageHostStub.patchedDebian(), SECURITY);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.PASS);
            assertThat(f.message()).isEqualTo("no pending updates on a package index 0 hour(s) old, and no reboot pending");
            assertThat(f.evidence()).contains(
                    "apt-get -s dist-upgrade: 0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.",
                    "/var/run/reboot-required does not exist");
        });
    }

    @Test
    void everyPendingSecurityUpdateFailsNamingPackageVersionsAndWhyItIsSecurity() {
        PackageHostStub host = PackageHostStub.patchedDebian().answer("apt-get -s", "apt-get-s.security.txt")
                .answer("apt-cache", "apt-cache-policy.security.txt");

        List<Finding> findings = check(host, SECURITY);

        assertThat(findings).hasSize(3).allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
        });
        assertThat(findings.get(0).message()).isEqualTo("security update pending for openssh-server: "
                + "1:9.2p1-2+deb12u7 installed, 1:9.2p1-2+deb12u10 available from Debian:12.15/oldstable; it is a "
                + "security update because bookworm-security has 1:9.2p1-2+deb12u9, a security fix newer than the "
                + "installed version that the candidate supersedes");
        assertThat(findings.get(0).remediation())
                .isEqualTo("run `apt-get update && apt-get install --only-upgrade openssh-server` on the host");
        assertThat(findings.get(1).message()).startsWith("security update pending for liblzma5: 5.4.1-1+deb12u1 "
                + "installed, 5.4.1-1+deb12u2 available from Debian-Security:12/oldstable-security");
    }

    @Test
    void nonSecurityUpdatePassesUnderSecurityButFailsUnderAll() {
        PackageHostStub host = PackageHostStub.patchedDebian().answer("apt-get -s", "apt-get-s.nonsecurity.txt")
                .answer("apt-cache", "apt-cache-policy.nonsecurity.txt");

        Finding underSecurity = check(host, SECURITY).get(0);
        List<Finding> underAll = check(host, ALL);

        assertThat(underSecurity.status()).isEqualTo(Status.PASS);
        assertThat(underSecurity.message()).contains("1 other update(s) pending, allowed by upToDate: security");
        assertThat(underSecurity.evidence()).contains("not a security update: openssh-server 1:9.2p1-2+deb12u9 "
                + "installed, 1:9.2p1-2+deb12u10 available from Debian:12.15/oldstable");
        assertThat(underAll).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).startsWith("update pending for openssh-server: 1:9.2p1-2+deb12u9 installed");
        });
    }

    @Test
    void staleIndexFailsEvenWhenNothingIsPending() {
        PackageHostStub host = PackageHostStub.patchedDebian().answer("date +%s", "index-age.stale.txt");

        assertThat(check(host, SECURITY)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.message()).isEqualTo("package index is 240 hours old (the policy allows 48), so it cannot "
                    + "prove that no update is pending");
            assertThat(f.evidence()).contains("modified 1794775642 (240 h ago): "
                    + "/var/lib/apt/lists/deb.debian.org_debian-security_dists_bookworm-security_InRelease");
            assertThat(f.remediation()).contains("refreshIndex: true");
        });
    }

    @Test
    void recentUpdateStampKeepsOldListsFresh() {
        PackageHostStub host = PackageHostStub.patchedDebian().answer("date +%s", "index-age.stale-lists-fresh-stamp.txt");

        assertThat(check(host, SECURITY)).singleElement().extracting(Finding::status).isEqualTo(Status.PASS);
    }

    @Test
    void pendingRebootIsAMediumFailureOfItsOwn() {
        PackageHostStub host = PackageHostStub.patchedDebian()
                .answer("reboot-required", "required\nlinux-image-6.1.0-99-amd64\n", 0);

        assertThat(check(host, SECURITY)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.message()).isEqualTo("a reboot is pending to load updated packages (requested by "
                    + "linux-image-6.1.0-99-amd64); until then the running kernel and libraries are the old ones");
            assertThat(f.evidence()).containsExactly(
                    "/var/run/reboot-required exists (requested by linux-image-6.1.0-99-amd64)");
        });
    }

    @Test
    void heldSecurityUpdateFailsAndSaysHowToReleaseTheHold() {
        PackageHostStub host = PackageHostStub.patchedDebian().answer("apt-get -s", "apt-get-s.held.txt")
                .answer("apt-cache", "apt-cache-policy.held.txt");

        assertThat(check(host, SECURITY)).filteredOn(f -> f.message().contains("openssh-server")).singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).contains("does not offer it on its own");
                    assertThat(f.remediation()).contains("apt-mark unhold openssh-server");
                });
    }

    @Test
    void nothingIsWrittenUnlessThePolicyOptsInToRefreshing() {
        PackageHostStub readOnly = PackageHostStub.patchedDebian();
        PackageHostStub refreshing = PackageHostStub.patchedDebian().answer("date +%s", "index-age.stale.txt")
                .answer("Error-Mode=any update", "Reading package lists...\n", 0);

        check(readOnly, SECURITY);
        Finding refreshed = check(refreshing, REFRESH).get(0);

        assertThat(readOnly.privilegedCommands()).isEmpty();
        assertThat(refreshing.privilegedCommands()).containsExactly("LC_ALL=C apt-get -q -o APT::Update::Error-Mode=any update");
        assertThat(refreshed.status()).isEqualTo(Status.PASS);
        assertThat(refreshed.message()).contains("on a package index the gate refreshed just now");
        assertThat(refreshed.evidence()).anySatisfy(e -> assertThat(e)
                .startsWith("the gate refreshed the package index with `apt-get update`"));
    }

    @Test
    void failedRefreshIsAnErrorNamingAptsError() {
        PackageHostStub host = PackageHostStub.patchedDebian().answer("Error-Mode=any update",
                "Err:1 http://deb.debian.org/debian bookworm InRelease\nE: Some index files failed to download.\n", 100);

        assertThat(check(host, REFRESH)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.message()).isEqualTo("the package index could not be refreshed (refreshIndex: true): "
                    + "apt-get update failed: E: Some index files failed to download.");
        });
    }

    @Test
    void refreshWhoseDownloadsFailedIsAnErrorEvenWhenAptExitsZero() {
        PackageHostStub host = PackageHostStub.patchedDebian().answer("Error-Mode=any update",
                "Err:1 http://127.0.0.1:9/debian bookworm InRelease\n  Could not connect to 127.0.0.1:9 (127.0.0.1)."
                        + " - connect (111: Connection refused)\nW: Failed to fetch http://127.0.0.1:9/debian/dists/"
                        + "bookworm/InRelease  Could not connect\n", 0);

        assertThat(check(host, REFRESH)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.message()).endsWith("apt-get update failed: W: Failed to fetch http://127.0.0.1:9/debian/"
                    + "dists/bookworm/InRelease  Could not connect");
        });
    }

    @Test
    void aptThatCannotPlanIsAnErrorNeverAPass() {
        PackageHostStub host = PackageHostStub.patchedDebian().answer("apt-get -s", "apt-get-s.broken.txt");

        assertThat(check(host, SECURITY)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.message()).startsWith("cannot read pending updates on Debian GNU/Linux 12 (bookworm): "
                    + "apt-get -s dist-upgrade failed (exit 100): E: Unmet dependencies.");
        });
    }

    @Test
    void alpineUnderUpToDateSecurityWithoutASecdbIsAnErrorSayingWhatToSet() {
        Finding alpine = check(PackageHostStub.patchedDebian().answer("os-release", "os-release.alpine-3.4.txt"), SECURITY)
                .get(0);

        assertThat(alpine.status()).isEqualTo(Status.ERROR);
        assertThat(alpine.message()).isEqualTo("upToDate: security cannot be judged on Alpine Linux v3.4 [ID=alpine]: "
                + "apk has no security channel; set checks.packages.alpineSecdb to a local copy of Alpine's secdb (the "
                + "JSON for this release and repository), or upToDate: all");
    }

    @Test
    void unknownPackageManagerIsAnError() {
        PackageHostStub host = PackageHostStub.patchedDebian().answer("os-release", "NAME=Gentoo\nID=gentoo\n", 0);

        assertThat(check(host, SECURITY)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.message()).contains("Gentoo [ID=gentoo]").contains("its package manager is unknown");
        });
    }

    @Test
    void unreadableOsReleaseIsAnError() {
        PackageHostStub host = PackageHostStub.patchedDebian().answer("os-release",
                "cat: /usr/lib/os-release: No such file or directory\n", 1);

        assertThat(check(host, SECURITY)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.message()).startsWith("cannot tell which OS this is: /etc/os-release is unreadable");
        });
    }
}
