package dev.hardening.core.families.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.FactKey;
import dev.hardening.core.facts.HostFacts;
import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.core.model.Subject;
import dev.hardening.core.policy.ChecksConfig;

class SshCryptoCheckTest {
    private final SshCryptoCheck check = new SshCryptoCheck();

    /** The facts the check reads; the SSH family's fact is known unless a test says otherwise. */
    private record Facts(Map<FactKey<?>, Fact<?>> given) implements HostFacts {
        @Override
        public String hostName() {
            return "web1";
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> Fact<T> get(FactKey<T> key) {
            Fact<?> fact = given.get(key);
            return fact != null ? (Fact<T>) fact : (Fact<T>) Fact.known("an SSH server is there");
        }
    }

    private static List<Finding> evaluate(Observation<KexInit> wire, Observation<ConfiguredCrypto> configured) {
        return evaluate(new DaemonCrypto("sshd pid 1 (config /etc/ssh/sshd_config, port 22)", List.of(wire), configured));
    }

    private static List<Finding> evaluate(DaemonCrypto... daemons) {
        return new SshCryptoCheck().evaluate(new Facts(Map.of(CryptoFacts.DAEMONS, Fact.known(List.of(daemons)))),
                ChecksConfig.DEFAULT);
    }

    @Test
    void aWeakServerGivesOneFailurePerAlgorithmWithItsSettingAsTheSubject() throws Exception {
        List<Finding> findings = evaluate(CryptoFixtures.wire("weak"), CryptoFixtures.sshdTOf("weak"));

        assertThat(findings).extracting(Finding::status).containsOnly(Status.FAIL);
        assertThat(findings).extracting(Finding::subject).contains(new Subject.Setting("Ciphers", "aes128-cbc"),
                new Subject.Setting("MACs", "hmac-sha1"), new Subject.Setting("KexAlgorithms",
                        "diffie-hellman-group14-sha1"));
        assertThat(findings).allSatisfy(f -> assertThat(f.remediation()).contains("then reload sshd"));
    }

    @Test
    void aHardenedServerPassesWithWhatWasJudgedInTheEvidence() throws Exception {
        List<Finding> findings = evaluate(CryptoFixtures.wire("hardened"), CryptoFixtures.sshdTOf("hardened"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.PASS);
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e).contains(KexInit.STRICT_KEX_MARKER));
        });
    }

    @Test
    void aCleanConfigurationWithAWireThatCouldNotBeReadIsAnErrorNeverAPass() throws Exception {
        List<Finding> findings = evaluate(Observation.unavailable("wire 198.18.0.2:22", "connection refused"),
                CryptoFixtures.sshdTOf("hardened"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.message()).contains("connection refused");
        });
    }

    @Test
    void neitherSourceIsAnErrorNamingBothReasons() {
        List<Finding> findings = evaluate(Observation.unavailable("wire 198.18.0.2:22", "connection refused"),
                Observation.unavailable("sshd -T", "sudo: a password is required"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.message()).contains("connection refused").contains("sudo: a password is required");
        });
    }

    @Test
    void aHostWithoutAnSshServerIsSkippedLikeTheSshFamily() {
        List<Finding> findings = check.evaluate(new Facts(Map.of(CryptoFacts.DAEMONS,
                Fact.notApplicable("no SSH server: sshd is not installed"))), ChecksConfig.DEFAULT);

        assertThat(findings).singleElement().extracting(Finding::status).isEqualTo(Status.SKIPPED);
    }

    @Test
    void aSecondDaemonWithWeakAlgorithmsFailsNamedWhileTheHardenedOneIsJudgedToo() throws Exception {
        DaemonCrypto main = new DaemonCrypto("sshd pid 1 (config /etc/ssh/sshd_config, port 22)",
                List.of(CryptoFixtures.wire("hardened")), CryptoFixtures.sshdTOf("hardened"));
        DaemonCrypto rescue = new DaemonCrypto("sshd pid 20 (config /etc/ssh/rescue.conf, port 2222)",
                List.of(CryptoFixtures.wire("weak")), CryptoFixtures.sshdTOf("weak"));

        List<Finding> findings = evaluate(main, rescue);

        assertThat(findings).extracting(Finding::status).containsOnly(Status.FAIL);
        assertThat(findings).allSatisfy(f -> assertThat(f.message())
                .endsWith(" on sshd pid 20 (config /etc/ssh/rescue.conf, port 2222)"));
        assertThat(evaluate(main, main)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.PASS);
            assertThat(f.message()).endsWith("by any of the 2 SSH daemons");
        });
    }

    @Test
    void aSecondDaemonThatCannotBeReachedOnTheWireIsAnErrorNeverAPass() throws Exception {
        DaemonCrypto main = new DaemonCrypto("sshd pid 1 (config /etc/ssh/sshd_config, port 22)",
                List.of(CryptoFixtures.wire("hardened")), CryptoFixtures.sshdTOf("hardened"));
        DaemonCrypto rescue = new DaemonCrypto("sshd pid 20 (config /etc/ssh/rescue.conf, port 2222)",
                List.of(Observation.unavailable("wire port 2222", "no route from the gate's machine to port 2222")),
                CryptoFixtures.sshdTOf("hardened"));

        assertThat(evaluate(main, rescue)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.message()).contains(" on sshd pid 20").contains("no route from the gate's machine to port 2222");
        });
    }

    @Test
    void theFamilyIsFoundOnTheClassPathLikeEveryBuiltInOne() {
        FamilyRegistry registry = FamilyRegistry.discover();

        assertThat(registry.check(SshCryptoCheck.ID)).isPresent();
        assertThat(registry.section("crypto")).isPresent();
        assertThat(registry.checks()).extracting(c -> c.id().id()).containsSubsequence("ssh.root-login", "ssh.crypto",
                "ports.private-only");
    }
}
