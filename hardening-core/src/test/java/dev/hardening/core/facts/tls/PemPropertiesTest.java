package dev.hardening.core.facts.tls;

import static dev.hardening.core.HostileInput.parsedOrRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bouncycastle.asn1.x509.GeneralName;

import dev.hardening.core.HostileInput;

/** PEM files and the certificates in them, as a hostile host could serve them. */
class PemPropertiesTest {
    private static final String REAL_PEM = pem();

    @Property(tries = 300)
    void anyTextGivenAsPemParsesOrIsAParseError(@ForAll("text") String text) {
        parsedOrRefused(() -> PemCertificates.parse(text));
    }

    @Property(tries = 300)
    void everyCertificateADamagedPemYieldsDescribesItselfWithoutFailing(@ForAll("damagedPem") String text) {
        parsedOrRefused(() -> PemCertificates.parse(text)).ifPresent(pem -> pem.certificates().forEach(cert ->
                assertThat(parsedOrRefused(() -> CertificateInfo.of(cert).describe(0))).isPresent()));
    }

    @Property(tries = 200)
    void aCertificateWhoseBytesWereFlippedIsRefusedOrStillDescribed(@ForAll("flippedDer") String text) {
        parsedOrRefused(() -> PemCertificates.parse(text)).ifPresent(pem -> pem.certificates()
                .forEach(cert -> parsedOrRefused(() -> CertificateInfo.of(cert).describe(0))));
    }

    @Provide
    Arbitrary<String> text() {
        return HostileInput.anyText();
    }

    @Provide
    Arbitrary<String> damagedPem() {
        return HostileInput.damaged(List.of(REAL_PEM, REAL_PEM + REAL_PEM.replace("CERTIFICATE", "PRIVATE KEY")));
    }

    @Provide
    Arbitrary<String> flippedDer() {
        byte[] der = Base64.getMimeDecoder().decode(REAL_PEM.replaceAll("-----[A-Z ]+-----", ""));
        return Arbitraries.integers().between(0, der.length - 1).list().ofMinSize(1).ofMaxSize(4).map(positions -> {
            byte[] copy = der.clone();
            positions.forEach(p -> copy[p] ^= (byte) 0x5a);
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(copy)
                    + "\n-----END CERTIFICATE-----\n";
        });
    }

    private static String pem() {
        try {
            byte[] der = UnreadableSubjectAlternativeNamesTest.certificateWithSan(new GeneralName(GeneralName.dNSName,
                    "web1.example.com")).getEncoded();
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der)
                    + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
