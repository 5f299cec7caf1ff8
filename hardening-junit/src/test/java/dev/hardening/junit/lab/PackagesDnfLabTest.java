package dev.hardening.junit.lab;

import static dev.hardening.junit.assertions.HardeningAssertions.assertThat;
import static dev.hardening.junit.lab.GateRuns.findings;
import static dev.hardening.junit.lab.GateRuns.gate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hardening.core.Hardening;
import dev.hardening.core.HostCheck;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.HostConnector;
import dev.hardening.core.host.SshHost;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.PackagesChecksConfig;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;
import dev.hardening.lab.RpmLabHost;

/**
 * The package checks against a real dnf 4.14 and rpm 4.18 (the RPM-family lab image, see
 * {@link RpmLabHost}): every variant is made from the fully updated image by a setup command, then
 * judged by the gate and by the fluent assertions.
 */
@RequiresLab(RequiresLab.Image.RPM)
class PackagesDnfLabTest {
    private static final ChecksConfig ALL = ChecksConfig.DEFAULT.with(PackagesChecksConfig.KEY,
            PackagesChecksConfig.DEFAULT.enabledWith("all"));
    private static final String DNF = "LC_ALL=C dnf -q -y -C ";
    /** The older versions from lab-baseos, which the advisories of lab-updates fix. */
    private static final String OLDER_OPENSSL_AND_ACME_TOOL = DNF + "downgrade openssl-libs acme-tool";
    private static final String ONLY_THE_INSTALL_TIMER = "systemctl disable dnf-automatic.timer "
            + "&& systemctl enable dnf-automatic-install.timer";

    private static List<Finding> upToDate(LabHost lab, ChecksConfig checks) {
        return findings(gate("packages", checks, lab.hostSpec("rhel")), CheckId.PACKAGES_UP_TO_DATE);
    }

    private static List<Finding> autoUpdates(LabHost lab) {
        return findings(gate("packages", ChecksConfig.DEFAULT, lab.hostSpec("rhel")), CheckId.PACKAGES_AUTO_UPDATES);
    }

    private static HostCheck session(LabHost lab, SshHost ssh) {
        return Hardening.check(ssh, lab.hostSpec("rhel"), ChecksConfig.DEFAULT);
    }

    private static SshHost connect(LabHost lab) throws Exception {
        return SshHost.connect(HostConnector.settings(lab.hostSpec("rhel"), GateOptions.DEFAULT));
    }

    @Test
    void fullyUpdatedHostWithTheInstallTimerPassesBothChecksThroughGateAndAssertions() throws Exception {
        try (LabHost lab = RpmLabHost.builder().setup(ONLY_THE_INSTALL_TIMER).start(); SshHost ssh = connect(lab)) {
            List<Finding> up = upToDate(lab, ChecksConfig.DEFAULT);
            List<Finding> auto = autoUpdates(lab);

            assertThat(up).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.PASS);
                assertThat(f.message()).startsWith("no pending updates on a package index 0 hour(s) old")
                        .endsWith(", and no reboot pending");
                assertThat(f.evidence()).contains("os-release: RHEL-like lab 9.4 [ID=rhel, ID_LIKE=fedora]",
                        "dnf check-update (from the cache) lists 0 update(s), dnf updateinfo 0 security advisory line(s)",
                        "needs-restarting -r: Reboot should not be necessary.");
            });
            assertThat(auto).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.PASS);
                assertThat(f.message()).isEqualTo("dnf-automatic-install.timer is enabled, so dnf-automatic downloads "
                        + "and installs updates");
                assertThat(f.evidence()).contains("rpm -q: dnf-automatic 4.14.0-9.el9",
                        "systemctl is-enabled dnf-automatic-install.timer: enabled");
            });
            assertThat(session(lab, ssh)).packages().hasNoPendingUpdates().hasNoPendingSecurityUpdates()
                    .installsUpdatesAutomatically();
        }
    }

    @Test
    void pendingImportantAndModerateAdvisoriesFailEachWithInstalledNevraAndTheAdvisoryToInstall() throws Exception {
        try (LabHost lab = RpmLabHost.builder().setup(OLDER_OPENSSL_AND_ACME_TOOL).start(); SshHost ssh = connect(lab)) {
            List<Finding> findings = upToDate(lab, ChecksConfig.DEFAULT);

            assertThat(findings).hasSize(2).allSatisfy(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.severity()).isEqualTo(Severity.HIGH);
            });
            assertThat(findings).filteredOn(f -> f.message().contains("openssl-libs")).singleElement().satisfies(f -> {
                assertThat(f.message()).isEqualTo("security update pending for openssl-libs.x86_64: 1:3.0.7-24.el9 "
                        + "installed, 1:3.0.7-27.el9 available from lab-updates; it is a security update because dnf "
                        + "updateinfo lists RHSA-2024:2001 (Important) fixed in 1:3.0.7-27.el9");
                assertThat(f.evidence()).contains("dnf updateinfo: RHSA-2024:2001 Important/Sec. "
                        + "openssl-libs-1:3.0.7-27.el9.x86_64", "rpm -q: openssl-libs.x86_64 1:3.0.7-24.el9 installed");
                assertThat(f.remediation()).isEqualTo("run `dnf upgrade --advisory RHSA-2024:2001` on the host");
            });
            assertThat(findings).filteredOn(f -> f.message().contains("acme-tool")).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("1.0-1.el9 installed, 1.1-1.el9 available")
                            .endsWith("RHSA-2024:2002 (Moderate) fixed in 1.1-1.el9"));
            assertThatThrownBy(() -> assertThat(session(lab, ssh)).packages().hasNoPendingSecurityUpdates())
                    .isInstanceOf(AssertionError.class).hasMessageContaining("RHSA-2024:2001 (Important)");
        }
    }

    @Test
    void onlyABugfixPendingPassesUnderSecurityAndFailsUnderAll() throws Exception {
        try (LabHost lab = RpmLabHost.builder().setup(DNF + "downgrade acme-lib").start(); SshHost ssh = connect(lab)) {
            List<Finding> underSecurity = upToDate(lab, ChecksConfig.DEFAULT);
            List<Finding> underAll = upToDate(lab, ALL);

            assertThat(underSecurity).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.PASS);
                assertThat(f.message()).contains("(1 other update(s) pending, allowed by upToDate: security)");
                assertThat(f.evidence()).contains("not a security update: acme-lib.x86_64 2.0-1.el9 installed, "
                        + "2.1-1.el9 available from lab-updates");
            });
            assertThat(underAll).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.message()).isEqualTo("update pending for acme-lib.x86_64: 2.0-1.el9 installed, 2.1-1.el9 "
                        + "available from lab-updates");
                assertThat(f.remediation()).isEqualTo("run `dnf upgrade acme-lib.x86_64` on the host");
            });
            HostCheck host = session(lab, ssh);
            assertThat(host).packages().hasNoPendingSecurityUpdates();
            assertThatThrownBy(() -> assertThat(host).packages().hasNoPendingUpdates())
                    .isInstanceOf(AssertionError.class).hasMessageContaining("acme-lib.x86_64");
        }
    }

    @Test
    void cacheMadeTenDaysOldFailsAsStale() throws Exception {
        try (LabHost lab = RpmLabHost.builder().setup("touch -d '10 days ago' /var/cache/dnf/*/repodata/repomd.xml")
                .start(); SshHost ssh = connect(lab)) {
            assertThat(upToDate(lab, ChecksConfig.DEFAULT)).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.message()).startsWith("package index is 240 hours old (the policy allows 48)");
                assertThat(f.evidence()).anySatisfy(e -> assertThat(e).endsWith("/repodata/repomd.xml"));
                assertThat(f.remediation()).startsWith("run `dnf makecache` on the host regularly");
            });
            assertThatThrownBy(() -> assertThat(session(lab, ssh)).packages().hasNoPendingSecurityUpdates())
                    .isInstanceOf(AssertionError.class).hasMessageContaining("240 hours old");
        }
    }

    @Test
    void noCacheIsAnErrorWithRhelsSkipIfUnavailableAndWithDebiansAndForOneMissingRepository() throws Exception {
        try (LabHost lab = RpmLabHost.builder().setup(OLDER_OPENSSL_AND_ACME_TOOL).start(); SshHost ssh = connect(lab)) {
            lab.exec("cp -a /var/cache/dnf /var/tmp/dnf-cache && rm -rf /var/cache/dnf/lab-updates*");
            List<Finding> oneRepositoryMissingRhelDefault = upToDate(lab, ChecksConfig.DEFAULT);
            lab.exec("sed -i 's/^skip_if_unavailable=False/skip_if_unavailable=True/' /etc/dnf/dnf.conf");
            List<Finding> oneRepositoryMissingSkipped = upToDate(lab, ChecksConfig.DEFAULT);
            lab.exec("rm -rf /var/cache/dnf/*");
            List<Finding> noCacheSkipped = upToDate(lab, ChecksConfig.DEFAULT);
            lab.exec("sed -i 's/^skip_if_unavailable=True/skip_if_unavailable=False/' /etc/dnf/dnf.conf");
            List<Finding> noCacheRhelDefault = upToDate(lab, ChecksConfig.DEFAULT);

            for (List<Finding> run : List.of(oneRepositoryMissingRhelDefault, oneRepositoryMissingSkipped,
                    noCacheSkipped, noCacheRhelDefault)) {
                assertThat(run).singleElement().satisfies(f -> {
                    assertThat(f.status()).isEqualTo(Status.ERROR);
                    assertThat(f.message()).startsWith("dnf has no cache for some enabled repositories and leaves "
                            + "them out");
                });
            }
            assertThat(oneRepositoryMissingSkipped.get(0).evidence()).contains(
                    "LC_ALL=C dnf -C check-update: Error: Cache-only enabled but no cache for 'lab-updates'",
                    "LC_ALL=C dnf -C check-update: Ignoring repositories: lab-updates");
            assertThatThrownBy(() -> assertThat(session(lab, ssh)).packages().hasNoPendingSecurityUpdates())
                    .isInstanceOf(AssertionError.class).hasMessageContaining("dnf has no cache");
        }
    }

    @Test
    void kernelInstalledAfterBootIsAPendingRebootAtMedium() throws Exception {
        // the boot time needs-restarting compares with is /proc/1's: look it up before the kernel goes in
        try (LabHost lab = RpmLabHost.builder().setup("stat /proc/1 >/dev/null && sleep 1.1")
                .setup(DNF + "reinstall kernel-5.14.0-427.16.1.el9_4").start(); SshHost ssh = connect(lab)) {
            assertThat(upToDate(lab, ChecksConfig.DEFAULT)).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
                assertThat(f.message()).startsWith("a reboot is pending to load updated packages (requested by kernel");
                assertThat(f.evidence()).singleElement().asString()
                        .startsWith("needs-restarting -r: Reboot is required to fully utilize these updates.");
            });
            assertThatThrownBy(() -> assertThat(session(lab, ssh)).packages().hasNoPendingSecurityUpdates())
                    .isInstanceOf(AssertionError.class).hasMessageContaining("a reboot is pending");
        }
    }

    @Test
    void downloadOnlyTimerFailsNamingTheSettingAndApplyUpdatesYesPasses() throws Exception {
        try (LabHost lab = RpmLabHost.builder().start(); SshHost ssh = connect(lab)) {
            List<Finding> downloadOnly = autoUpdates(lab);
            assertThatThrownBy(() -> assertThat(session(lab, ssh)).packages().installsUpdatesAutomatically())
                    .isInstanceOf(AssertionError.class).hasMessageContaining("apply_updates is off");
            lab.exec("sed -i 's/^apply_updates = no/apply_updates = yes/' /etc/dnf/automatic.conf");
            List<Finding> applying = autoUpdates(lab);

            assertThat(downloadOnly).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
                assertThat(f.message()).isEqualTo("dnf-automatic.timer is enabled but apply_updates is off, so it only "
                        + "downloads updates and never installs them");
                assertThat(f.evidence()).containsExactly("systemctl is-enabled dnf-automatic.timer: enabled",
                        "/etc/dnf/automatic.conf [commands]: apply_updates = no");
                assertThat(f.remediation()).isEqualTo("set `apply_updates = yes` in the [commands] section of "
                        + "/etc/dnf/automatic.conf, or run `systemctl disable --now dnf-automatic.timer && systemctl "
                        + "enable --now dnf-automatic-install.timer`");
            });
            assertThat(applying).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.PASS);
                assertThat(f.message()).isEqualTo("dnf-automatic.timer is enabled, so dnf-automatic downloads and "
                        + "installs updates");
                assertThat(f.evidence()).contains("/etc/dnf/automatic.conf [commands]: apply_updates = yes");
            });
            assertThat(session(lab, ssh)).packages().installsUpdatesAutomatically();
        }
    }

    @Test
    void dnfAutomaticNotInstalledFailsWithTheCommandsToInstallAndEnableIt() throws Exception {
        try (LabHost lab = RpmLabHost.builder().setup("rpm -e dnf-automatic").start(); SshHost ssh = connect(lab)) {
            assertThat(autoUpdates(lab)).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.message()).isEqualTo("dnf-automatic is not installed, so nothing installs updates unattended");
                assertThat(f.remediation()).isEqualTo("run `dnf install dnf-automatic`, then `systemctl enable --now "
                        + "dnf-automatic-install.timer`");
            });
            assertThatThrownBy(() -> assertThat(session(lab, ssh)).packages().installsUpdatesAutomatically())
                    .isInstanceOf(AssertionError.class).hasMessageContaining("dnf-automatic is not installed");
        }
    }

    @Test
    void gateLoggedInAsRootChangesNeitherRpmdbNorDnfCacheNorVarLibDnfNorEtc() {
        String checksum = "find /var/lib/rpm /var/cache/dnf /var/lib/dnf /etc -xdev -type f ! -name '*.sqlite-shm' "
                + "-print0 | sort -z | xargs -0 md5sum | md5sum";
        try (LabHost lab = RpmLabHost.builder().loginUser("root").setup(OLDER_OPENSSL_AND_ACME_TOOL).start()) {
            lab.exec("touch /tmp/before-gate && sleep 1.1");
            String before = lab.exec(checksum);

            List<Finding> findings = gate("packages", ChecksConfig.DEFAULT, lab.hostSpec("rhel")).findings();
            String after = lab.exec(checksum);
            String changed = lab.exec("find / -xdev -newer /tmp/before-gate ! -path '/proc/*' ! -path '/run/*' "
                    + "! -path /run ! -path '/tmp/*' ! -path /tmp | sort");

            assertThat(findings).extracting(Finding::status).contains(Status.FAIL).doesNotContain(Status.ERROR);
            assertThat(after).as("checksum of rpmdb, dnf cache, /var/lib/dnf and /etc").isEqualTo(before);
            // what dnf itself writes on any run as root: its logs, the lock file it creates and removes in its
            // cache folder, and SQLite's shared-memory index of the rpmdb, which every reader updates
            assertThat(changed.lines()).as("paths changed during the run").isSubsetOf("/var/cache/dnf",
                    "/var/lib/rpm/rpmdb.sqlite-shm", "/var/log/dnf.librepo.log", "/var/log/dnf.log",
                    "/var/log/dnf.rpm.log", "/var/log/hawkey.log");
        }
    }
}
