package dev.hardening.junit.lab;

import static dev.hardening.junit.lab.GateRuns.findings;
import static dev.hardening.junit.lab.GateRuns.gate;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.PackagesChecksConfig;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/**
 * The package checks against a real apt: the lab image carries the real bookworm, bookworm-updates
 * and bookworm-security index of its build day and is fully patched, so every pending update here
 * is one apt computes from that index after the test rewrote a version in the dpkg status.
 */
@RequiresLab
class PackagesLabTest {
    /** The index as if just refreshed: the image may be older than the policy's 48 hours. */
    private static final String FRESH_INDEX = "touch /var/lib/apt/lists/*_InRelease";
    private static final ChecksConfig ALL = packages(new PackagesChecksConfig(null, "all", null, null));
    private static final ChecksConfig REFRESH = packages(new PackagesChecksConfig(null, null, null, true));

    private static ChecksConfig packages(PackagesChecksConfig config) {
        return ChecksConfig.DEFAULT.with(PackagesChecksConfig.KEY, config);
    }

    /** Makes dpkg believe {@code version} of the installed {@code name} is installed. */
    private static String installed(String name, String version) {
        return "python3 -c 'import re; p = \"/var/lib/dpkg/status\"; s = open(p).read(); "
                + "s, n = re.subn(r\"(Package: " + name + "\\n(?:[^\\n]+\\n)*?Version: )[^\\n]+\", "
                + "lambda m: m.group(1) + \"" + version + "\", s, count=1); assert n == 1; open(p, \"w\").write(s)'";
    }

    private static List<Finding> upToDate(LabHost lab, ChecksConfig checks) {
        return findings(gate(checks, lab.hostSpec("pkg")), CheckId.PACKAGES_UP_TO_DATE);
    }

    private static List<Finding> autoUpdates(LabHost lab) {
        return findings(gate(ChecksConfig.DEFAULT, lab.hostSpec("pkg")), CheckId.PACKAGES_AUTO_UPDATES);
    }

    @Test
    void olderOpensshServerFailsAsASecurityUpdateNamingBothVersions() {
        try (LabHost lab = LabHost.builder().setup(FRESH_INDEX)
                .setup(installed("openssh-server", "1:9.2p1-2+deb12u7")).start()) {
            assertThat(upToDate(lab, ChecksConfig.DEFAULT)).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.severity()).isEqualTo(Severity.HIGH);
                assertThat(f.message()).startsWith("security update pending for openssh-server: 1:9.2p1-2+deb12u7 "
                        + "installed, 1:9.2p1-2+deb12u10 available from Debian:")
                        .contains("it is a security update because bookworm-security has 1:9.2p1-2+deb12u9");
                assertThat(f.evidence()).anySatisfy(e -> assertThat(e)
                        .startsWith("Inst openssh-server [1:9.2p1-2+deb12u7] (1:9.2p1-2+deb12u10 "));
                assertThat(f.remediation()).contains("apt-get update && apt-get install --only-upgrade openssh-server");
            });
        }
    }

    @Test
    void candidateFromBookwormSecurityIsASecurityUpdate() {
        try (LabHost lab = LabHost.builder().setup(FRESH_INDEX).setup(installed("liblzma5", "5.4.1-1+deb12u1"))
                .start()) {
            assertThat(upToDate(lab, ChecksConfig.DEFAULT)).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.message()).isEqualTo("security update pending for liblzma5: 5.4.1-1+deb12u1 installed, "
                        + "5.4.1-1+deb12u2 available from Debian-Security:12/oldstable-security; it is a security "
                        + "update because the candidate comes from Debian-Security:12/oldstable-security");
            });
        }
    }

    @Test
    void indexMadeTenDaysOldFailsAsStaleEvenWhenNothingIsPending() {
        try (LabHost lab = LabHost.builder().setup("touch -d '10 days ago' /var/lib/apt/lists/*").start()) {
            assertThat(upToDate(lab, ChecksConfig.DEFAULT)).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.message()).startsWith("package index is 240 hours old (the policy allows 48)");
                assertThat(f.evidence()).anySatisfy(e -> assertThat(e).startsWith("host clock: "));
            });
        }
    }

    @Test
    void patchedHostWithFreshIndexAndUnattendedUpgradesPassesBothChecks() {
        try (LabHost lab = LabHost.builder().setup(FRESH_INDEX).start()) {
            List<Finding> findings = gate(ChecksConfig.DEFAULT, lab.hostSpec("pkg")).findings().stream()
                    .filter(f -> f.check().prefix().equals("packages")).toList();

            assertThat(findings).extracting(Finding::check)
                    .containsExactly(CheckId.PACKAGES_UP_TO_DATE, CheckId.PACKAGES_AUTO_UPDATES);
            assertThat(findings).extracting(Finding::status).containsOnly(Status.PASS);
            assertThat(findings.get(0).message()).startsWith("no pending updates on a package index 0 hour(s) old");
            assertThat(findings.get(1).evidence()).contains("APT::Periodic::Unattended-Upgrade \"1\";");
        }
    }

    @Test
    void updateWithoutASecurityFixFailsOnlyUnderUpToDateAll() {
        try (LabHost lab = LabHost.builder().setup(FRESH_INDEX)
                .setup(installed("openssh-server", "1:9.2p1-2+deb12u9")).start()) {
            Finding underSecurity = upToDate(lab, ChecksConfig.DEFAULT).get(0);
            List<Finding> underAll = upToDate(lab, ALL);

            assertThat(underSecurity.status()).isEqualTo(Status.PASS);
            assertThat(underSecurity.message()).contains("1 other update(s) pending");
            assertThat(underAll).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.message()).startsWith("update pending for openssh-server: 1:9.2p1-2+deb12u9 installed, "
                        + "1:9.2p1-2+deb12u10 available");
            });
        }
    }

    @Test
    void pendingRebootFailsAtMediumNamingThePackage() {
        try (LabHost lab = LabHost.builder().setup(FRESH_INDEX)
                .file("/var/run/reboot-required", "*** System restart required ***\n")
                .file("/var/run/reboot-required.pkgs", "libc6\n").start()) {
            assertThat(upToDate(lab, ChecksConfig.DEFAULT)).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
                assertThat(f.message()).startsWith("a reboot is pending to load updated packages (requested by libc6)");
            });
        }
    }

    @Test
    void unattendedUpgradesSwitchedOffThenRemovedFailsAutoUpdates() {
        try (LabHost lab = LabHost.builder().setup(FRESH_INDEX).start()) {
            lab.exec("printf 'APT::Periodic::Update-Package-Lists \"1\";\\nAPT::Periodic::Unattended-Upgrade \"0\";\\n'"
                    + " > /etc/apt/apt.conf.d/20auto-upgrades");
            List<Finding> switchedOff = autoUpdates(lab);
            lab.exec("dpkg -r --force-depends unattended-upgrades");
            List<Finding> removed = autoUpdates(lab);

            assertThat(switchedOff).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
                assertThat(f.message()).isEqualTo("APT::Periodic::Unattended-Upgrade is \"0\", so apt's daily job "
                        + "does not run unattended-upgrades");
            });
            assertThat(removed).extracting(Finding::message).contains(
                    "unattended-upgrades is not installed (it was removed; its config files remain)");
        }
    }

    @Test
    void gateLoggedInAsRootChangesNothingUnderAptAndDpkg() {
        try (LabHost lab = LabHost.builder().loginUser("root").setup(FRESH_INDEX)
                .setup(installed("openssh-server", "1:9.2p1-2+deb12u7")).start()) {
            lab.exec("rm -f /var/cache/apt/*.bin && touch /tmp/before-gate && sleep 1");

            List<Finding> findings = upToDate(lab, ChecksConfig.DEFAULT);
            String changed = lab.exec("find /var/lib/apt /var/lib/dpkg /var/cache/apt /var/log/apt /etc/apt "
                    + "-newer /tmp/before-gate");

            assertThat(findings).extracting(Finding::status).containsExactly(Status.FAIL);
            assertThat(changed).as("files the gate changed").isEmpty();
        }
    }

    @Test
    void refreshIndexRunsAptGetUpdateAndAFailedDownloadIsAnError() {
        try (LabHost lab = LabHost.builder().setup(FRESH_INDEX)
                // nothing listens there: the refresh fails at once and no traffic leaves the container
                .setup("sed -i 's#http://[^ ]*#http://127.0.0.1:9/debian#' /etc/apt/sources.list").start()) {
            List<Finding> withoutOptIn = upToDate(lab, ChecksConfig.DEFAULT);
            List<Finding> withOptIn = upToDate(lab, REFRESH);

            assertThat(withoutOptIn).extracting(Finding::status).containsExactly(Status.PASS);
            assertThat(withOptIn).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.ERROR);
                assertThat(f.message()).startsWith("the package index could not be refreshed (refreshIndex: true): "
                        + "sudo -n apt-get update failed: E: Failed to fetch http://127.0.0.1:9/debian/");
            });
        }
    }
}
