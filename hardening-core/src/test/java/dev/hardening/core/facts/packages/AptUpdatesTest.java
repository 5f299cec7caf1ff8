package dev.hardening.core.facts.packages;

import static dev.hardening.core.facts.packages.PackageFixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class AptUpdatesTest {

    @Test
    void candidatesFromBookwormSecurityAreSecurityUpdates() {
        List<PendingUpdate> updates = pending("apt-get-s.security.txt", "apt-cache-policy.security.txt");

        assertThat(updates).filteredOn(u -> !u.name().equals("openssh-server")).allSatisfy(u -> {
            assertThat(u.security()).isTrue();
            assertThat(u.securityReason()).contains("the candidate comes from Debian-Security:12/oldstable-security");
        });
    }

    @Test
    void pointReleaseThatSupersedesASecurityFixIsASecurityUpdate() {
        PendingUpdate ssh = pending("apt-get-s.security.txt", "apt-cache-policy.security.txt").get(0);

        assertThat(ssh.name()).isEqualTo("openssh-server");
        assertThat(ssh.security()).isTrue();
        assertThat(ssh.securityReason()).contains("bookworm-security has 1:9.2p1-2+deb12u9, a security fix newer than "
                + "the installed version that the candidate supersedes");
        assertThat(ssh.describeVersions()).isEqualTo(
                "1:9.2p1-2+deb12u7 installed, 1:9.2p1-2+deb12u10 available from Debian:12.15/oldstable");
        assertThat(ssh.evidence()).containsExactly(
                "Inst openssh-server [1:9.2p1-2+deb12u7] (1:9.2p1-2+deb12u10 Debian:12.15/oldstable [amd64])",
                "apt-cache policy openssh-server: 1:9.2p1-2+deb12u10 (bookworm), 1:9.2p1-2+deb12u9 (bookworm-security), "
                        + "1:9.2p1-2+deb12u7 (bookworm-updates), *** 1:9.2p1-2+deb12u7 (dpkg status)");
    }

    @Test
    void updateOfAPackageThatHasTheLastSecurityFixIsNotASecurityUpdate() {
        List<PendingUpdate> updates = pending("apt-get-s.nonsecurity.txt", "apt-cache-policy.nonsecurity.txt");

        assertThat(updates).singleElement().satisfies(u -> {
            assertThat(u.name()).isEqualTo("openssh-server");
            assertThat(u.installed()).contains("1:9.2p1-2+deb12u9");
            assertThat(u.security()).isFalse();
        });
    }

    @Test
    void heldPackageIsStillPendingAndStillASecurityUpdate() {
        List<PendingUpdate> updates = pending("apt-get-s.held.txt", "apt-cache-policy.held.txt");

        assertThat(updates).filteredOn(PendingUpdate::keptBack).singleElement().satisfies(u -> {
            assertThat(u.name()).isEqualTo("openssh-server");
            assertThat(u.candidate()).isEqualTo("1:9.2p1-2+deb12u10");
            assertThat(u.origin()).isEqualTo("bookworm");
            assertThat(u.security()).isTrue();
        });
        assertThat(updates).hasSize(3);
    }

    @Test
    void nothingPendingNeedsNoVersionTables() {
        assertThat(pending("apt-get-s.none.txt", null)).isEmpty();
    }

    @Test
    void pendingPackageWithoutAVersionTableIsAnErrorNotAGuess() {
        assertThatThrownBy(() -> pending("apt-get-s.security.txt", "apt-cache-policy.nonsecurity.txt"))
                .hasMessageContaining("apt-cache policy did not describe liblzma5");
    }
}
