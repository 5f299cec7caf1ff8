package dev.hardening.core.facts.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Ubuntu's archives through the apt parsers. No Ubuntu host runs here: these outputs follow apt's
 * documented formats, not a run. The {@code Inst} lines and version tables have the layout of the
 * Debian captures (same apt code), with Ubuntu's origins ({@code Ubuntu:24.04/noble-security}, ESM's
 * {@code UbuntuESM:24.04/noble-infra-security} and {@code UbuntuESMApps:24.04/noble-apps-security});
 * the phasing lines are apt 2.1+'s messages ({@code The following upgrades have been deferred due to
 * phasing:}, and {@code (phased N%)} after a version's priority in {@code apt-cache policy}).
 */
class UbuntuAptTest {
    private static final String SIMULATION = """
            NOTE: This is only a simulation!
            Reading package lists...
            Building dependency tree...
            Reading state information...
            Calculating upgrade...
            The following upgrades have been deferred due to phasing:
              ubuntu-drivers-common
            The following packages will be upgraded:
              libssl3t64 python3-urllib3 libcurl4t64
            3 upgraded, 0 newly installed, 0 to remove and 1 not upgraded.
            Inst libssl3t64 [3.0.13-0ubuntu3.1] (3.0.13-0ubuntu3.4 Ubuntu:24.04/noble-updates, Ubuntu:24.04/noble-security [amd64])
            Inst python3-urllib3 [2.0.7-1] (2.0.7-1ubuntu0.1+esm1 UbuntuESMApps:24.04/noble-apps-security [all])
            Inst libcurl4t64 [8.5.0-2ubuntu10.1] (8.5.0-2ubuntu10.4+esm1 UbuntuESM:24.04/noble-infra-security [amd64])
            Conf libssl3t64 (3.0.13-0ubuntu3.4 Ubuntu:24.04/noble-updates, Ubuntu:24.04/noble-security [amd64])
            """;
    private static final String POLICY = """
            libssl3t64:
              Installed: 3.0.13-0ubuntu3.1
              Candidate: 3.0.13-0ubuntu3.4
              Version table:
                 3.0.13-0ubuntu3.4 500
                    500 http://archive.example.invalid/ubuntu noble-updates/main amd64 Packages
                    500 http://security.example.invalid/ubuntu noble-security/main amd64 Packages
             *** 3.0.13-0ubuntu3.1 100
                    100 /var/lib/dpkg/status
            python3-urllib3:
              Installed: 2.0.7-1
              Candidate: 2.0.7-1ubuntu0.1+esm1
              Version table:
                 2.0.7-1ubuntu0.1+esm1 510
                    510 https://esm.example.invalid/apps/ubuntu noble-apps-security/main amd64 Packages
             *** 2.0.7-1 500
                    500 http://archive.example.invalid/ubuntu noble/main amd64 Packages
                    100 /var/lib/dpkg/status
            libcurl4t64:
              Installed: 8.5.0-2ubuntu10.1
              Candidate: 8.5.0-2ubuntu10.4+esm1
              Version table:
                 8.5.0-2ubuntu10.4+esm1 510
                    510 https://esm.example.invalid/infra/ubuntu noble-infra-security/main amd64 Packages
             *** 8.5.0-2ubuntu10.1 100
                    100 /var/lib/dpkg/status
            ubuntu-drivers-common:
              Installed: 1:0.9.7.6ubuntu3.1
              Candidate: 1:0.9.7.6ubuntu3.2
              Version table:
                 1:0.9.7.6ubuntu3.2 500 (phased 10%)
                    500 http://archive.example.invalid/ubuntu noble-updates/main amd64 Packages
             *** 1:0.9.7.6ubuntu3.1 100
                    100 /var/lib/dpkg/status
            """;

    private static List<PendingUpdate> pending() {
        AptSimulation simulation = AptSimulation.parse(SIMULATION);
        Map<String, AptPolicy> policies = AptPolicy.parse(POLICY);
        return AptUpdates.pending(simulation, policies);
    }

    @Test
    void noblesSecurityPocketAndBothEsmOriginsAreSecurityUpdates() {
        assertThat(pending()).filteredOn(PendingUpdate::security).extracting(PendingUpdate::name, PendingUpdate::securityReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("libssl3t64", java.util.Optional.of(
                                "the candidate comes from Ubuntu:24.04/noble-security")),
                        org.assertj.core.groups.Tuple.tuple("python3-urllib3", java.util.Optional.of(
                                "the candidate comes from UbuntuESMApps:24.04/noble-apps-security")),
                        org.assertj.core.groups.Tuple.tuple("libcurl4t64", java.util.Optional.of(
                                "the candidate comes from UbuntuESM:24.04/noble-infra-security")));
    }

    @Test
    void aPhasedUpdateIsReportedAsHeldBackOnPurposeNotAsNeglected() {
        assertThat(AptSimulation.parse(SIMULATION).phased()).containsExactly("ubuntu-drivers-common");
        assertThat(pending()).filteredOn(u -> u.hold() == PendingUpdate.Hold.PHASED).singleElement().satisfies(u -> {
            assertThat(u.security()).isFalse();
            assertThat(u.describeVersions()).isEqualTo("1:0.9.7.6ubuntu3.1 installed, 1:0.9.7.6ubuntu3.2 available from "
                    + "noble-updates");
            assertThat(u.evidence()).first().isEqualTo("apt-get -s dist-upgrade defers ubuntu-drivers-common due to phasing");
            assertThat(u.fix()).startsWith("nothing is neglected: apt installs it when this host's phase");
        });
    }
}
