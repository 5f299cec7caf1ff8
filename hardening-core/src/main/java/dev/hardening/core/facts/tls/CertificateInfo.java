package dev.hardening.core.facts.tls;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * What one certificate says, in the words of the evidence: who it names, who issued it, when it is
 * valid, its key and signature, and its SHA-256 fingerprint.
 *
 * @param dnsNames the DNS names of the subject alternative names (never the CN)
 * @param ipAddresses the IP addresses of the subject alternative names, as written by {@link java.net.InetAddress}
 * @param keyBits the key size in bits (RSA modulus, DSA prime, EC field); 0 when the algorithm has no size to judge
 * @param caIssuersUrl where the certificate says its issuer's certificate can be fetched (AIA caIssuers)
 * @param unreadableNames why the subject alternative name extension could not be read (the JDK rejects it, so
 *     its names match nothing); empty when it was read or is absent
 */
public record CertificateInfo(
        String subject,
        String issuer,
        String serial,
        List<String> dnsNames,
        List<String> ipAddresses,
        Instant notBefore,
        Instant notAfter,
        String keyAlgorithm,
        int keyBits,
        String signatureAlgorithm,
        String sha256,
        boolean selfSigned,
        Optional<String> caIssuersUrl,
        String unreadableNames) {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    public CertificateInfo {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        unreadableNames = unreadableNames == null ? "" : unreadableNames;
    }

    /** A certificate whose subject alternative names, if any, were read. */
    public CertificateInfo(String subject, String issuer, String serial, List<String> dnsNames, List<String> ipAddresses,
            Instant notBefore, Instant notAfter, String keyAlgorithm, int keyBits, String signatureAlgorithm,
            String sha256, boolean selfSigned, Optional<String> caIssuersUrl) {
        this(subject, issuer, serial, dnsNames, ipAddresses, notBefore, notAfter, keyAlgorithm, keyBits,
                signatureAlgorithm, sha256, selfSigned, caIssuersUrl, "");
    }

    public static CertificateInfo of(X509Certificate cert) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        String unreadable = unreadableNames(cert);
        for (List<?> name : unreadable.isEmpty() ? subjectAlternativeNames(cert) : List.<List<?>>of()) {
            int type = (Integer) name.get(0);
            if (type == SAN_DNS) {
                dns.add(String.valueOf(name.get(1)));
            } else if (type == SAN_IP) {
                ips.add(String.valueOf(name.get(1)));
            }
        }
        PublicKey key = cert.getPublicKey();
        return new CertificateInfo(name(cert.getSubjectX500Principal()), name(cert.getIssuerX500Principal()),
                cert.getSerialNumber().toString(16).toUpperCase(Locale.ROOT), dns, ips,
                cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), key.getAlgorithm(), keyBits(key),
                cert.getSigAlgName(), fingerprint(cert), isSelfSigned(cert), caIssuersUrl(cert), unreadable);
    }

    /**
     * Why the JDK cannot read the certificate's SAN extension, or empty. The JDK drops an extension it
     * cannot parse and then reports no SANs at all, which would read as "missing" instead of "unreadable".
     */
    private static String unreadableNames(X509Certificate cert) {
        if (cert.getExtensionValue(Extension.subjectAlternativeName.getId()) == null) {
            return "";
        }
        try {
            return cert.getSubjectAlternativeNames() == null
                    ? "the JDK cannot parse the subject alternative name extension" : "";
        } catch (CertificateParsingException e) {
            return "the JDK cannot parse the subject alternative name extension: " + e.getMessage();
        }
    }

    /** True when the certificate names itself as issuer and its own key verifies its signature. */
    public static boolean isSelfSigned(X509Certificate cert) {
        return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal()) && isSignedBy(cert, cert);
    }

    /** True when {@code issuer}'s key verifies {@code cert}'s signature. */
    public static boolean isSignedBy(X509Certificate cert, X509Certificate issuer) {
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** One evidence line, e.g. {@code #0 subject=CN=web1.example.com issuer=... SHA-256=AB:CD:...}. */
    public String describe(int position) {
        return "#" + position + " subject=" + subject + " issuer=" + issuer + " serial=" + serial
                + " SANs=" + (unreadableNames.isEmpty() ? subjectAlternativeNames() : "unreadable (" + unreadableNames + ")")
                + " notBefore=" + notBefore + " notAfter=" + notAfter
                + " key=" + keyAlgorithm + (keyBits > 0 ? " " + keyBits : "") + " signature=" + signatureAlgorithm
                + " SHA-256=" + sha256;
    }

    /** The subject alternative names as OpenSSL writes them: {@code DNS:web1.example.com}, {@code IP:198.18.0.2}. */
    public List<String> subjectAlternativeNames() {
        List<String> sans = new ArrayList<>();
        dnsNames.forEach(d -> sans.add("DNS:" + d));
        ipAddresses.forEach(i -> sans.add("IP:" + i));
        return sans;
    }

    /** How a message names the certificate: its first DNS name, or its subject. */
    public String label() {
        return dnsNames.isEmpty() ? "'" + subject + "'" : dnsNames.get(0);
    }

    private static String name(X500Principal principal) {
        return principal.getName(X500Principal.RFC2253);
    }

    private static Collection<List<?>> subjectAlternativeNames(X509Certificate cert) {
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAPublicKey dsa && dsa.getParams() != null) {
            return dsa.getParams().getP().bitLength();
        }
        return 0;
    }

    private static String fingerprint(X509Certificate cert) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static Optional<String> caIssuersUrl(X509Certificate cert) {
        byte[] extension = cert.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (extension == null) {
            return Optional.empty();
        }
        try {
            AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
                    ASN1OctetString.getInstance(extension).getOctets());
            for (AccessDescription access : aia.getAccessDescriptions()) {
                if (access.getAccessMethod().equals(AccessDescription.id_ad_caIssuers)
                        && access.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
                    return Optional.of(access.getAccessLocation().getName().toString());
                }
            }
        } catch (IllegalArgumentException e) {
            // a malformed extension names no issuer location
        }
        return Optional.empty();
    }
}
