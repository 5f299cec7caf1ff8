package dev.hardening.junit.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.hardening.core.families.crypto.ConfiguredCrypto;
import dev.hardening.core.families.crypto.CryptoChecksConfig;
import dev.hardening.core.families.crypto.CryptoJudgement;
import dev.hardening.core.families.crypto.CryptoParseException;
import dev.hardening.core.families.crypto.CryptoProblem;
import dev.hardening.core.families.crypto.CryptoVerdict;
import dev.hardening.core.families.crypto.KexInit;
import dev.hardening.core.families.crypto.KexInitProbe;
import dev.hardening.core.families.crypto.Observation;
import dev.hardening.core.families.crypto.SshdTCryptoParser;
import dev.hardening.core.model.Status;

/** The probe and the judgement against a real sshd: the wire through the mapped port, sshd -T inside the host. */
@RequiresLab
class SshCryptoProbeLabTest {
    private static final String WEAK = "Ciphers aes128-cbc,aes256-ctr\nMACs hmac-sha1,hmac-sha2-256\n"
            + "KexAlgorithms diffie-hellman-group14-sha1,curve25519-sha256\n";
    private static final String HARDENED = "KexAlgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256\n"
            + "Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes256-ctr\n"
            + "MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com\n"
            + "HostKeyAlgorithms ssh-ed25519,rsa-sha2-512,rsa-sha2-256\n"
            + "PubkeyAcceptedAlgorithms ssh-ed25519,rsa-sha2-512,rsa-sha2-256\n";

    @Test
    void weakServerFailsOnTheWireAndInSshdTWithTheLinesToWrite() throws Exception {
        try (LabHost lab = LabHost.builder().dropIn("00-crypto.conf", WEAK).start()) {
            Observation<KexInit> wire = KexInitProbe.probe(lab.address(), lab.sshPort(), Duration.ofSeconds(10));
            assertThat(wire).isInstanceOf(Observation.Seen.class);

            CryptoVerdict.Judged verdict = (CryptoVerdict.Judged) CryptoJudgement.judge(wire, sshdT(lab),
                    CryptoChecksConfig.DEFAULT);

            assertThat(verdict.status()).isEqualTo(Status.FAIL);
            assertThat(verdict.problems()).filteredOn(CryptoProblem.WeakAlgorithm.class::isInstance)
                    .extracting(p -> ((CryptoProblem.WeakAlgorithm) p).algorithm())
                    .contains("aes128-cbc", "hmac-sha1", "diffie-hellman-group14-sha1");
            assertThat(verdict.problems()).noneMatch(CryptoProblem.SourcesDisagree.class::isInstance);
            assertThat(verdict.remediations()).contains("Ciphers aes256-ctr", "MACs hmac-sha2-256",
                    "KexAlgorithms curve25519-sha256");
            assertThat(verdict.problems().get(0).evidence())
                    .contains(KexInitProbe.source(lab.address(), lab.sshPort()));
        }
    }

    @Test
    void hardenedServerPassesWithStrictKexSeenOnTheWire() throws Exception {
        try (LabHost lab = LabHost.builder().dropIn("00-crypto.conf", HARDENED).start()) {
            Observation<KexInit> wire = KexInitProbe.probe(lab.address(), lab.sshPort(), Duration.ofSeconds(10));

            CryptoVerdict verdict = CryptoJudgement.judge(wire, sshdT(lab), CryptoChecksConfig.DEFAULT);

            assertThat(verdict.status()).as("%s", verdict).isEqualTo(Status.PASS);
            assertThat(((CryptoVerdict.Judged) verdict).judged()).anyMatch(line -> line.contains("mitigated"));
        }
    }

    private static Observation<ConfiguredCrypto> sshdT(LabHost lab)
            throws CryptoParseException {
        return Observation.seen("sshd -T", SshdTCryptoParser.parse(lab.exec("/usr/sbin/sshd -T")));
    }
}
