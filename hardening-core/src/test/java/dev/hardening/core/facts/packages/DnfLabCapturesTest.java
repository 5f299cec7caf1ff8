package dev.hardening.core.facts.packages;

import static dev.hardening.core.facts.packages.PackageFixtures.exitStatus;
import static dev.hardening.core.facts.packages.PackageFixtures.output;
import static dev.hardening.core.facts.packages.PackageFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The dnf parsers on real dnf 4.14 and rpm 4.18 output of the RPM-family lab (fixtures/packages/dnf-lab/). */
class DnfLabCapturesTest {
    /** The os-release of the lab image. */
    private static final OsRelease RHEL_LAB = new OsRelease("rhel", List.of("fedora"), "RHEL-like lab 9.4");

    @Test
    void checkUpdateWithAndWithoutQuietListsTheSameFourUpdatesWithEpochs() {
        DnfCheckUpdate verbose = DnfCheckUpdate.parse(output("dnf-lab/check-update.txt"),
                exitStatus("dnf-lab/check-update.txt"));
        DnfCheckUpdate quiet = DnfCheckUpdate.parse(output("dnf-lab/check-update-q.txt"),
                exitStatus("dnf-lab/check-update-q.txt"));

        assertThat(verbose.updates()).extracting(DnfCheckUpdate.Available::nameArch)
                .containsExactly("acme-lib.x86_64", "acme-tool.x86_64", "kernel.x86_64", "openssl-libs.x86_64");
        assertThat(verbose.updates().get(3).version()).isEqualTo("1:3.0.7-27.el9");
        assertThat(quiet.updates()).isEqualTo(verbose.updates());
    }

    @Test
    void securityAdvisoriesCarrySeverityAndTheEpochOfTheFixedVersion() {
        List<DnfAdvisory> advisories = DnfAdvisory.parse(output("dnf-lab/updateinfo-security.txt"));

        assertThat(advisories).extracting(DnfAdvisory::id).containsExactly("RHSA-2024:2002", "RHSA-2024:2004",
                "RHSA-2024:2001");
        assertThat(advisories.get(2)).satisfies(a -> {
            assertThat(a.severity()).isEqualTo("Important");
            assertThat(a.nameArch()).isEqualTo("openssl-libs.x86_64");
            assertThat(a.version()).isEqualTo("1:3.0.7-27.el9");
        });
        assertThat(DnfAdvisory.parse(output("dnf-lab/updateinfo-security-q.txt"))).isEqualTo(advisories);
    }

    @Test
    void aBugfixAdvisoryIsNoSecurityLine() {
        assertThatThrownBy(() -> DnfAdvisory.parse(output("dnf-lab/updateinfo-all-q.txt")))
                .hasMessage("not a dnf updateinfo security line: 'RHBA-2024:2003 bugfix         acme-lib-2.1-1.el9.x86_64'");
    }

    @Test
    void rpmPrintsEveryInstalledKernelAndTheEpochButNotAMissingPackage() {
        RpmInstalled installed = RpmInstalled.parse(output("dnf-lab/rpm-q.txt"));

        assertThat(exitStatus("dnf-lab/rpm-q.txt")).isEqualTo(1);
        assertThat(installed.of("kernel.x86_64")).containsExactly("5.14.0-427.13.1.el9_4", "5.14.0-427.16.1.el9_4");
        assertThat(installed.of("openssl-libs.x86_64")).containsExactly("1:3.0.7-27.el9");
        assertThat(installed.of("nosuch.x86_64")).isEmpty();
        assertThatThrownBy(() -> RpmInstalled.parse("error: rpmdb open failed\n"))
                .hasMessageContaining("not an rpm -q --qf");
    }

    @Test
    void needsRestartingOfTheLabSaysNoReboot() {
        RebootStatus status = RebootStatus.parseNeedsRestarting(output("dnf-lab/needs-restarting.not-required.txt"), 0);

        assertThat(status.required()).isFalse();
        assertThat(status.determined()).isTrue();
    }

    @Test
    void withoutQuietDnfSaysWhichRepositoriesItIgnoresForWantOfACache() {
        // stderr of `dnf -C check-update` with skip_if_unavailable=True and no cache (exit 0, stdout only the
        // expiration line): measured on the lab, see fixtures/packages/README.md
        String stderr = "Failed to load expired repos cache: [Errno 13] Permission denied: "
                + "'/var/cache/dnf/expired_repos.json'\nError: Cache-only enabled but no cache for 'lab-baseos'\n"
                + "Error: Cache-only enabled but no cache for 'lab-updates'\nIgnoring repositories: lab-baseos, lab-updates\n";

        assertThat(DnfCheckUpdate.cacheProblems(stderr)).containsExactly(
                "Error: Cache-only enabled but no cache for 'lab-baseos'",
                "Error: Cache-only enabled but no cache for 'lab-updates'", "Ignoring repositories: lab-baseos, lab-updates");
        assertThat(DnfCheckUpdate.cacheProblems("")).isEmpty();
    }

    @Test
    void dnfAutomaticAsShippedOnlyDownloads() {
        AutoUpdateFacts auto = DnfAutomatic.parse(read("dnf-lab/automatic.default.txt")).facts(RHEL_LAB);

        assertThat(auto.appliesUpdates()).isFalse();
        assertThat(auto.gaps()).singleElement().satisfies(g -> {
            assertThat(g.problem()).isEqualTo("dnf-automatic.timer is enabled but apply_updates is off, so it only "
                    + "downloads updates and never installs them");
            assertThat(g.evidence()).containsExactly("systemctl is-enabled dnf-automatic.timer: enabled",
                    "/etc/dnf/automatic.conf [commands]: apply_updates = no");
        });
    }

    @Test
    void removedDnfAutomaticLeavesNoTimerAndNoConfig() {
        DnfAutomatic removed = DnfAutomatic.parse(read("dnf-lab/automatic.not-installed.txt"));

        assertThat(removed.packages()).isEmpty();
        assertThat(removed.config()).isEmpty();
        assertThat(removed.timers().get("dnf-automatic.timer").state()).isEqualTo("not-found");
        assertThat(removed.facts(RHEL_LAB).gaps()).singleElement().extracting(AutoUpdateFacts.Gap::fix)
                .isEqualTo("run `dnf install dnf-automatic`, then `systemctl enable --now dnf-automatic-install.timer`");
    }
}
