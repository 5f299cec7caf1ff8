package dev.hardening.core.families.crypto;

import static dev.hardening.core.families.crypto.CryptoFixtures.SOURCE;
import static dev.hardening.core.families.crypto.CryptoFixtures.kexInit;
import static dev.hardening.core.families.crypto.CryptoFixtures.nameListsOf;
import static dev.hardening.core.families.crypto.CryptoFixtures.packetOf;
import static dev.hardening.core.families.crypto.CryptoFixtures.sshdTOf;
import static dev.hardening.core.families.crypto.CryptoFixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hardening.core.families.crypto.CryptoProblem.SourcesDisagree;
import dev.hardening.core.families.crypto.CryptoProblem.TerrapinExposure;
import dev.hardening.core.families.crypto.CryptoProblem.WeakAlgorithm;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;

class CryptoJudgementTest {
    private static final CryptoChecksConfig DEFAULTS = CryptoChecksConfig.DEFAULT;

    @Test
    void hardenedServerPassesWithWhatItOffersAsEvidence() throws Exception {
        var verdict = judged(wire("hardened"), sshdTOf("hardened"), DEFAULTS);

        assertThat(verdict.status()).isEqualTo(Status.PASS);
        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.judged()).contains(
                SOURCE + " identifies as SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10",
                SOURCE + " Ciphers: chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com,"
                        + "aes256-ctr,aes192-ctr,aes128-ctr",
                "sshd -T: macs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com,umac-128-etm@openssh.com",
                "Terrapin (CVE-2023-48795): chacha20-poly1305@openssh.com offered, mitigated: " + SOURCE
                        + " announces strict key exchange (kex-strict-s-v00@openssh.com)");
    }

    @Test
    void cbcCipherOnTheWireIsNamedWithTheCiphersLineToWrite() throws Exception {
        var verdict = judged(wire("weak"), sshdTOf("weak"), DEFAULTS);

        WeakAlgorithm cbc = weak(verdict, "aes128-cbc");
        assertThat(cbc.category()).isEqualTo(AlgorithmCategory.CIPHER);
        assertThat(cbc.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(cbc.sources()).containsExactly(SOURCE, "sshd -T: ciphers aes128-cbc,aes256-ctr");
        assertThat(cbc.remediation()).isEqualTo("Ciphers aes256-ctr");
        assertThat(cbc.message()).startsWith("cipher aes128-cbc is forbidden (checks.crypto.forbiddenCiphers '*-cbc*'): CBC mode");
    }

    @Test
    void weakServerFailsNamingEachAlgorithmItsSourcesAndTheLinesToWrite() throws Exception {
        var verdict = judged(wire("weak"), sshdTOf("weak"), DEFAULTS);

        assertThat(verdict.status()).isEqualTo(Status.FAIL);
        assertThat(weak(verdict, "hmac-sha1").remediation()).isEqualTo("MACs hmac-sha2-256");
        assertThat(weak(verdict, "diffie-hellman-group14-sha1").remediation()).isEqualTo("KexAlgorithms curve25519-sha256");
        assertThat(weak(verdict, "diffie-hellman-group14-sha1").severity()).isEqualTo(Severity.MEDIUM);
        WeakAlgorithm sha1Rsa = weak(verdict, "ssh-rsa");
        assertThat(sha1Rsa.sources()).hasSize(2);
        assertThat(sha1Rsa.remediation()).startsWith("HostKeyAlgorithms ssh-ed25519-cert-v01@openssh.com,")
                .doesNotContain(",ssh-rsa").endsWith(",rsa-sha2-512,rsa-sha2-256");
        assertThat(verdict.severity()).contains(Severity.MEDIUM);
        assertThat(verdict.remediations()).contains("Ciphers aes256-ctr", "MACs hmac-sha2-256",
                "KexAlgorithms curve25519-sha256");
    }

    @Test
    void stockDebianFailsOnSha1MacsAndRatesNistCurvesAndSmallTagsLow() throws Exception {
        var verdict = judged(wire("default"), sshdTOf("default"), DEFAULTS);

        assertThat(verdict.status()).isEqualTo(Status.FAIL);
        assertThat(weakNames(verdict)).containsExactlyInAnyOrder("hmac-sha1-etm@openssh.com", "hmac-sha1",
                "umac-64-etm@openssh.com", "umac-64@openssh.com", "ecdh-sha2-nistp256", "ecdh-sha2-nistp384",
                "ecdh-sha2-nistp521");
        assertThat(weak(verdict, "ecdh-sha2-nistp256").severity()).isEqualTo(Severity.LOW);
        assertThat(weak(verdict, "umac-64@openssh.com").severity()).isEqualTo(Severity.LOW);
        assertThat(weak(verdict, "hmac-sha1").remediation()).isEqualTo("MACs umac-128-etm@openssh.com,"
                + "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512");
        assertThat(verdict.problems()).noneMatch(p -> p instanceof SourcesDisagree || p instanceof TerrapinExposure);
    }

    @Test
    void daemonNotRunningTheConfigurationSshdTReadsIsReportedAsDisagreement() throws Exception {
        var verdict = judged(wire("stale"), sshdTOf("stale"), DEFAULTS);

        List<SourcesDisagree> disagreements = verdict.problems().stream()
                .filter(SourcesDisagree.class::isInstance).map(SourcesDisagree.class::cast).toList();
        assertThat(disagreements).extracting(SourcesDisagree::category)
                .containsExactly(AlgorithmCategory.KEX, AlgorithmCategory.CIPHER, AlgorithmCategory.MAC);
        SourcesDisagree ciphers = disagreements.get(1);
        assertThat(ciphers.onlyInSshdT()).containsExactly("aes128-cbc");
        assertThat(ciphers.onlyOnWire()).contains("chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com");
        assertThat(ciphers.severity()).isEqualTo(Severity.LOW);
        // the weak cipher of the unloaded file is still named, from sshd -T alone
        assertThat(weak(verdict, "aes128-cbc").sources()).containsExactly("sshd -T: ciphers aes128-cbc,aes256-ctr");
        // and the running daemon's own SHA-1 MAC from the wire alone
        assertThat(weak(verdict, "hmac-sha1-etm@openssh.com").sources()).containsExactly(SOURCE);
    }

    @Test
    void chachaWithoutStrictKexIsTerrapinExposedMedium() throws Exception {
        var verdict = judged(withoutStrictKex("hardened"), sshdTOf("hardened"), DEFAULTS);

        TerrapinExposure exposure = only(verdict, TerrapinExposure.class);
        assertThat(exposure.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(exposure.algorithms()).containsExactly("chacha20-poly1305@openssh.com");
        assertThat(exposure.remediation()).isEqualTo("upgrade OpenSSH to 9.6 or a build with strict key exchange, or write:"
                + " Ciphers aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr");
        assertThat(verdict.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void cbcWithAnEtmMacWithoutStrictKexIsTerrapinExposedEvenWhenThePolicyAllowsCbc() throws Exception {
        List<String> lists = new ArrayList<>(nameListsOf(kexInit("hardened")));
        lists.set(0, "curve25519-sha256");
        lists.set(2, "aes128-cbc,aes256-ctr");
        lists.set(3, "aes128-cbc,aes256-ctr");
        KexInit offer = KexInitParser.parse("SSH-2.0-OpenSSH_8.4", packetOf(lists));
        CryptoChecksConfig allowCbc = DEFAULTS.allowing(AlgorithmCategory.CIPHER, List.of("aes128-cbc"));

        var verdict = judged(Observation.seen(SOURCE, offer), Observation.unavailable("sshd -T", "not asked"), allowCbc);

        TerrapinExposure exposure = only(verdict, TerrapinExposure.class);
        assertThat(exposure.algorithms()).containsExactly("aes128-cbc",
                "with hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com,umac-128-etm@openssh.com");
        assertThat(exposure.remediation()).endsWith("or write: Ciphers aes256-ctr");
    }

    @Test
    void terrapinIsOnlySaidInTheEvidenceWhenThePolicyTurnsItsReportOff() throws Exception {
        var verdict = judged(withoutStrictKex("hardened"), sshdTOf("hardened"), DEFAULTS.withTerrapinReported(false));

        assertThat(verdict.status()).isEqualTo(Status.PASS);
        assertThat(verdict.judged()).anyMatch(line -> line.startsWith("Terrapin (CVE-2023-48795): exposed through"));
    }

    @Test
    void neitherSourceIsUnknownWithBothReasons() {
        CryptoVerdict verdict = CryptoJudgement.judge(Observation.unavailable(SOURCE, "connection refused"),
                Observation.unavailable("sshd -T", "sudo: a password is required"), DEFAULTS);

        assertThat(verdict.status()).isEqualTo(Status.ERROR);
        assertThat(((CryptoVerdict.Unknown) verdict).reasons()).containsExactly(
                SOURCE + ": unavailable: connection refused", "sshd -T: unavailable: sudo: a password is required");
    }

    @Test
    void cleanWireWithoutSshdTIsAnErrorNotAPass() throws Exception {
        var verdict = judged(wire("hardened"), Observation.unavailable("sshd -T", "permission denied"), DEFAULTS);

        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.status()).isEqualTo(Status.ERROR);
        assertThat(verdict.unavailable()).containsExactly("sshd -T: unavailable: permission denied");
    }

    @Test
    void weakWireWithoutSshdTFailsWithTheLineBuiltFromWhatTheWireOffers() throws Exception {
        var verdict = judged(wire("weak"), Observation.unavailable("sshd -T", "permission denied"), DEFAULTS);

        assertThat(verdict.status()).isEqualTo(Status.FAIL);
        assertThat(weak(verdict, "ssh-rsa").remediation())
                .isEqualTo("HostKeyAlgorithms rsa-sha2-512,rsa-sha2-256,ecdsa-sha2-nistp256,ssh-ed25519");
    }

    @Test
    void sshdTAloneJudgesTheUserKeySignaturesTheWireCannotShow() throws Exception {
        String text = CryptoFixtures.sshdT("hardened").replace("pubkeyacceptedalgorithms ssh-ed25519,",
                "pubkeyacceptedalgorithms ssh-dss,ssh-ed25519,");
        var sshdT = Observation.seen("sshd -T", SshdTCryptoParser.parse(text));

        var verdict = judged(Observation.unavailable(SOURCE, "no SSH identification within 1000 ms"), sshdT, DEFAULTS);

        WeakAlgorithm dss = weak(verdict, "ssh-dss");
        assertThat(dss.category()).isEqualTo(AlgorithmCategory.USER_KEY);
        assertThat(dss.severity()).isEqualTo(Severity.HIGH);
        assertThat(dss.remediation()).isEqualTo("PubkeyAcceptedAlgorithms ssh-ed25519,ssh-ed25519-cert-v01@openssh.com,"
                + "sk-ssh-ed25519@openssh.com,rsa-sha2-512,rsa-sha2-256");
        assertThat(verdict.unavailable()).containsExactly(SOURCE + ": unavailable: no SSH identification within 1000 ms");
    }

    @Test
    void listWithNothingLeftGetsOpenSshsStrongDefaultsInstead() throws Exception {
        String text = CryptoFixtures.sshdT("hardened").replaceFirst("(?m)^ciphers .*$", "ciphers 3des-cbc,aes128-cbc");

        var verdict = judged(wire("hardened"), Observation.seen("sshd -T", SshdTCryptoParser.parse(text)), DEFAULTS);

        assertThat(weak(verdict, "3des-cbc").severity()).isEqualTo(Severity.HIGH);
        assertThat(weak(verdict, "3des-cbc").remediation()).isEqualTo("Ciphers chacha20-poly1305@openssh.com,"
                + "aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr");
    }

    @Test
    void algorithmOnlyTheUsersPolicyForbidsIsMediumAndSaysSo() throws Exception {
        CryptoChecksConfig noCtr = DEFAULTS.forbidding(AlgorithmCategory.CIPHER, List.of("*-ctr"));

        var verdict = judged(wire("hardened"), sshdTOf("hardened"), noCtr);

        assertThat(weakNames(verdict)).containsExactly("aes256-ctr", "aes192-ctr", "aes128-ctr");
        assertThat(weak(verdict, "aes256-ctr").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(weak(verdict, "aes256-ctr").why()).isEqualTo("the policy forbids it");
        assertThat(weak(verdict, "aes256-ctr").remediation())
                .isEqualTo("Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com");
    }

    static CryptoVerdict.Judged judged(Observation<KexInit> wire, Observation<ConfiguredCrypto> sshdT,
            CryptoChecksConfig policy) {
        return (CryptoVerdict.Judged) CryptoJudgement.judge(wire, sshdT, policy);
    }

    private static Observation<KexInit> withoutStrictKex(String name) throws Exception {
        List<String> lists = new ArrayList<>(nameListsOf(kexInit(name)));
        lists.set(0, lists.get(0).replace("," + KexInit.STRICT_KEX_MARKER, ""));
        return Observation.seen(SOURCE, KexInitParser.parse("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u1", packetOf(lists)));
    }

    private static WeakAlgorithm weak(CryptoVerdict.Judged verdict, String algorithm) {
        return verdict.problems().stream().filter(WeakAlgorithm.class::isInstance).map(WeakAlgorithm.class::cast)
                .filter(w -> w.algorithm().equals(algorithm)).findFirst().orElseThrow(() -> new AssertionError(
                        algorithm + " not reported; problems: " + verdict.problems()));
    }

    private static List<String> weakNames(CryptoVerdict.Judged verdict) {
        return verdict.problems().stream().filter(WeakAlgorithm.class::isInstance).map(WeakAlgorithm.class::cast)
                .map(WeakAlgorithm::algorithm).toList();
    }

    private static <T extends CryptoProblem> T only(CryptoVerdict.Judged verdict, Class<T> type) {
        List<T> found = verdict.problems().stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
