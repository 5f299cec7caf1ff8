package dev.hardening.core.facts.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** A SAN extension the JDK cannot parse is reported as unreadable, not as "missing". */
class UnreadableSubjectAlternativeNamesTest {

    @Test
    void aSanExtensionTheJdkCannotParseIsReportedAsUnreadableNotMissing() throws Exception {
        // an IP address of five bytes: neither IPv4 nor IPv6, so the JDK drops the whole extension
        CertificateInfo info = CertificateInfo.of(certificateWithSan(new GeneralName(GeneralName.iPAddress,
                new DEROctetString(new byte[] {10, 0, 0, 1, 7}))));

        assertThat(info.dnsNames()).isEmpty();
        assertThat(info.unreadableNames()).startsWith("the JDK cannot parse the subject alternative name extension");
        assertThat(info.describe(0)).contains("SANs=unreadable (the JDK cannot parse").doesNotContain("SANs=[]");
        assertThat(HostnameMatch.matches(info, "web1.example.com")).isFalse();
    }

    @Test
    void aCertificateWithoutSansIsStillReportedAsMissingThem() throws Exception {
        CertificateInfo info = CertificateInfo.of(certificateWithSan(null));

        assertThat(info.unreadableNames()).isEmpty();
        assertThat(info.describe(0)).contains("SANs=[]");
    }

    @Test
    void aReadableSanIsReadAsBefore() throws Exception {
        CertificateInfo info = CertificateInfo.of(certificateWithSan(new GeneralName(GeneralName.dNSName,
                "web1.example.com")));

        assertThat(info.unreadableNames()).isEmpty();
        assertThat(info.dnsNames()).isEqualTo(List.of("web1.example.com"));
    }

    static X509Certificate certificateWithSan(GeneralName san) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair key = generator.generateKeyPair();
        X500Principal subject = new X500Principal("CN=web1.example.com");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(90, ChronoUnit.DAYS)), subject, key.getPublic());
        if (san != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(key.getPrivate())));
    }
}
