package dev.hardening.junit.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.hardening.core.facts.tls.PemCertificates;
import dev.hardening.lab.LabPki;

class PemCertificatesTest {
    static final LabPki PKI = LabPki.create("Pem");

    @Test
    void certificatesComeInFileOrderAndKeysAreOnlyCountedByType() {
        LabPki.Issued leaf = PKI.leaf("web1.example.com").issue();

        PemCertificates pem = PemCertificates.parse("# site bundle\n" + leaf.privateKeyPem() + leaf.pem()
                + PKI.intermediate().pem());

        assertThat(pem.certificates()).containsExactly(leaf.certificate(), PKI.intermediate().certificate());
        assertThat(pem.otherBlocks()).hasSize(1).allSatisfy(type -> assertThat(type).endsWith("PRIVATE KEY"));
    }

    @Test
    void aCorruptCertificateBlockIsNamedByPositionNotByContent() {
        String broken = "-----BEGIN CERTIFICATE-----\nTUlJQnJva2Vu\n-----END CERTIFICATE-----\n";

        assertThatThrownBy(() -> PemCertificates.parse(PKI.root().pem() + broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("PEM block 2 is marked CERTIFICATE but is not an X.509 certificate")
                .message().doesNotContain("TUlJQnJva2Vu");
    }

    @Test
    void textWithoutPemBlocksHoldsNoCertificate() {
        assertThat(PemCertificates.parse("not a certificate\n").certificates()).isEmpty();
    }
}
