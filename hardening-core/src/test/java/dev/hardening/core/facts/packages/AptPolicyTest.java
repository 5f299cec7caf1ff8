package dev.hardening.core.facts.packages;

import static dev.hardening.core.facts.packages.PackageFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class AptPolicyTest {

    @Test
    void readsInstalledCandidateAndTheArchivesOfEveryVersion() {
        Map<String, AptPolicy> policies = AptPolicy.parse(read("apt-cache-policy.security.txt"));

        assertThat(policies).containsOnlyKeys("openssh-server", "liblzma5", "tzdata");
        AptPolicy ssh = policies.get("openssh-server");
        assertThat(ssh.installed()).contains("1:9.2p1-2+deb12u7");
        assertThat(ssh.candidate()).contains("1:9.2p1-2+deb12u10");
        assertThat(ssh.versions()).extracting(AptPolicy.TableVersion::version).containsExactly(
                "1:9.2p1-2+deb12u10", "1:9.2p1-2+deb12u9", "1:9.2p1-2+deb12u7", "1:9.2p1-2+deb12u7");
        assertThat(ssh.versions().get(3).installed()).isTrue();
        assertThat(ssh.versions().get(1).sources()).singleElement().satisfies(s -> {
            assertThat(s.suite()).isEqualTo("bookworm-security");
            assertThat(s.location()).isEqualTo("http://deb.debian.org/debian-security");
            assertThat(s.priority()).isEqualTo(500);
        });
        assertThat(ssh.versions().get(3).sources()).singleElement()
                .satisfies(s -> assertThat(s.suite()).isEmpty());
    }

    @Test
    void aSecurityVersionNewerThanTheInstalledOneIsFound() {
        AptPolicy ssh = AptPolicy.parse(read("apt-cache-policy.security.txt")).get("openssh-server");

        assertThat(ssh.securityVersionsNewerThanInstalled()).extracting(AptPolicy.TableVersion::version)
                .containsExactly("1:9.2p1-2+deb12u9");
        assertThat(ssh.candidateSources()).extracting(AptPolicy.Source::suite).containsExactly("bookworm");
    }

    @Test
    void theSecurityVersionThatIsInstalledIsNotNewerThanItself() {
        AptPolicy ssh = AptPolicy.parse(read("apt-cache-policy.nonsecurity.txt")).get("openssh-server");

        assertThat(ssh.securityVersionsNewerThanInstalled()).isEmpty();
    }

    @Test
    void candidateFromTheSecurityArchiveIsSeen() {
        AptPolicy lzma = AptPolicy.parse(read("apt-cache-policy.security.txt")).get("liblzma5");

        assertThat(lzma.candidateSources()).extracting(AptPolicy.Source::suite).containsExactly("bookworm-security");
    }

    @Test
    void summaryShowsTheTableOnOneLine() {
        AptPolicy tzdata = AptPolicy.parse(read("apt-cache-policy.security.txt")).get("tzdata");

        assertThat(tzdata.summary()).isEqualTo("apt-cache policy tzdata: 2026f-0+deb12u1 (bookworm-security), "
                + "2026b-0+deb12u1 (bookworm), *** 2026b-0+deb12u1 (dpkg status), 2025b-0+deb12u1 (bookworm-updates)");
    }

    @Test
    void textThatIsNotAptCachePolicyIsRejectedNamingTheLine() {
        assertThatThrownBy(() -> AptPolicy.parse("N: Unable to locate package nosuch\n"))
                .hasMessageContaining("'N: Unable to locate package nosuch'");
    }
}
