package dev.hardening.lab;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway private PKI for lab TLS servers, shaped like a public one: a root CA, an issuing
 * intermediate, and server certificates with SANs, key usages, serverAuth and an AIA caIssuers URL
 * (never fetched). Leaves can be broken on purpose: expired, not yet valid, wrong name, self-signed,
 * SHA-1 signed, small keys.
 *
 * <pre>{@code
 * LabPki pki = LabPki.create("Lab");
 * LabPki.Issued leaf = pki.leaf("web1.example.com").validUntil(Instant.now().plus(Duration.ofDays(5))).issue();
 * List<X509Certificate> sent = List.of(leaf.certificate(), pki.intermediate().certificate());
 * }</pre>
 */
public final class LabPki {
    /** Where the leaves say their issuer can be fetched; a reserved test domain, never contacted. */
    public static final String CA_ISSUERS_URL = "http://pki.lab.test/issuing-ca.crt";
    private static final Map<String, KeyPair> LEAF_KEYS = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Issued root;
    private final Issued intermediate;

    /** A certificate and its key pair. */
    public record Issued(X509Certificate certificate, KeyPair keyPair) {
        /** The certificate in PEM. */
        public String pem() {
            return LabPki.pem(List.of(certificate));
        }

        /** The private key in PEM, for a lab server's key file. */
        public String privateKeyPem() {
            return write(keyPair.getPrivate());
        }
    }

    private LabPki(Issued root, Issued intermediate) {
        this.root = root;
        this.intermediate = intermediate;
    }

    /** A new root ({@code CN=<name> Root CA}) and intermediate ({@code CN=<name> Issuing CA}), valid for years. */
    public static LabPki create(String name) {
        Instant now = Instant.now();
        KeyPair rootKey = rsa(2048);
        X500Name rootName = x500(name + " Root CA");
        Issued root = new Issued(sign(ca(rootName, rootName, rootKey, rootKey, null, now, 3650, -1),
                rootKey, "SHA256withRSA"), rootKey);
        KeyPair intermediateKey = rsa(2048);
        Issued intermediate = new Issued(sign(ca(rootName, x500(name + " Issuing CA"), intermediateKey, rootKey,
                root.certificate(), now, 1825, 0), rootKey, "SHA256withRSA"), intermediateKey);
        return new LabPki(root, intermediate);
    }

    public Issued root() {
        return root;
    }

    public Issued intermediate() {
        return intermediate;
    }

    /** A server certificate for the DNS names, issued by the intermediate unless told otherwise. */
    public LeafBuilder leaf(String... dnsNames) {
        return new LeafBuilder(List.of(dnsNames));
    }

    /** Certificates in PEM, in the order given. */
    public static String pem(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        certificates.forEach(c -> out.append(write(c)));
        return out.toString();
    }

    /** How a server certificate differs from a healthy one. */
    public final class LeafBuilder {
        private final List<String> dnsNames;
        private final List<String> ipAddresses = new ArrayList<>();
        private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(90));
        private String keyAlgorithm = "RSA";
        private int keyBits = 2048;
        private String signatureAlgorithm = "SHA256withRSA";
        private boolean selfSigned;
        private boolean byRoot;
        private boolean authorityInfoAccess = true;

        private LeafBuilder(List<String> dnsNames) {
            this.dnsNames = dnsNames;
        }

        public LeafBuilder ipAddresses(String... addresses) {
            ipAddresses.addAll(List.of(addresses));
            return this;
        }

        public LeafBuilder validFrom(Instant instant) {
            this.notBefore = instant;
            return this;
        }

        public LeafBuilder validUntil(Instant instant) {
            this.notAfter = instant;
            return this;
        }

        /** An RSA key of this size (default 2048). */
        public LeafBuilder rsaKey(int bits) {
            this.keyAlgorithm = "RSA";
            this.keyBits = bits;
            return this;
        }

        /** An EC key on the named curve size: 256 (P-256), 384 or 521. */
        public LeafBuilder ecKey(int bits) {
            this.keyAlgorithm = "EC";
            this.keyBits = bits;
            return this;
        }

        /** The issuer's signature, e.g. {@code SHA1withRSA} (default {@code SHA256withRSA}). */
        public LeafBuilder signatureAlgorithm(String algorithm) {
            this.signatureAlgorithm = algorithm;
            return this;
        }

        /** Signed with its own key instead of by a CA. */
        public LeafBuilder selfSigned() {
            this.selfSigned = true;
            return this;
        }

        /** Issued by the root directly, as small internal PKIs do. */
        public LeafBuilder issuedByRoot() {
            this.byRoot = true;
            return this;
        }

        /** Without the AIA caIssuers URL, so nothing says where a missing issuer could be found. */
        public LeafBuilder withoutAuthorityInfoAccess() {
            this.authorityInfoAccess = false;
            return this;
        }

        public Issued issue() {
            KeyPair key = leafKey(keyAlgorithm, keyBits);
            Issued issuer = selfSigned ? null : byRoot ? root : intermediate;
            X500Name subject = x500(dnsNames.isEmpty() ? "lab server" : dnsNames.get(0));
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            try {
                JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, serial(),
                        Date.from(notBefore), Date.from(notAfter), subject, key.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                                | (keyAlgorithm.equals("RSA") ? KeyUsage.keyEncipherment : 0)))
                        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                        .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key.getPublic()));
                List<GeneralName> names = new ArrayList<>();
                dnsNames.forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
                ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
                if (!names.isEmpty()) {
                    builder.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(names.toArray(GeneralName[]::new)));
                }
                if (issuer != null) {
                    builder.addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(issuer.certificate()));
                    if (authorityInfoAccess) {
                        builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                                AccessDescription.id_ad_caIssuers,
                                new GeneralName(GeneralName.uniformResourceIdentifier, CA_ISSUERS_URL)));
                    }
                }
                KeyPair signer = issuer == null ? key : issuer.keyPair();
                return new Issued(sign(builder, signer, signatureAlgorithm), key);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static X509v3CertificateBuilder ca(X500Name issuer, X500Name subject, KeyPair subjectKey, KeyPair issuerKey,
            X509Certificate issuerCert, Instant now, int days, int pathLength) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            // backdated like a real CA, so that every leaf lies within its issuer's lifetime
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(),
                    Date.from(now.minus(Duration.ofDays(730))), Date.from(now.plus(Duration.ofDays(days))), subject,
                    subjectKey.getPublic())
                    .addExtension(Extension.basicConstraints, true,
                            pathLength < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLength))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(subjectKey.getPublic()));
            if (issuerCert != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuerCert));
            } else {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuerKey.getPublic()));
            }
            return builder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer, String algorithm) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + algorithm + ": " + e.getMessage(), e);
        }
    }

    /** {@code CN=<common name>,O=Hardening Lab}, encoded so that Java prints it in that order. */
    private static X500Name x500(String commonName) {
        return X500Name.getInstance(new X500Principal("CN=" + commonName + ",O=Hardening Lab").getEncoded());
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }

    /** Leaf keys are shared between certificates of a run: generating RSA keys is slow, and nothing depends on them differing. */
    private static KeyPair leafKey(String algorithm, int bits) {
        return LEAF_KEYS.computeIfAbsent(algorithm + bits, k -> algorithm.equals("EC") ? ec(bits) : rsa(bits));
    }

    private static KeyPair rsa(int bits) {
        return generate("RSA", generator -> generator.initialize(bits, RANDOM));
    }

    private static KeyPair ec(int bits) {
        return generate("EC", generator -> generator.initialize(new ECGenParameterSpec("secp" + bits + "r1"), RANDOM));
    }

    private interface GeneratorSetup {
        void apply(KeyPairGenerator generator) throws GeneralSecurityException;
    }

    private static KeyPair generate(String algorithm, GeneratorSetup setup) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            setup.apply(generator);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a lab " + algorithm + " key: " + e.getMessage(), e);
        }
    }

    private static String write(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
