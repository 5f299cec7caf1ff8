package dev.hardening.core.facts.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * The certificates of a PEM text, in file order. Other blocks (a private key next to the
 * certificate, parameters) are counted by type and never decoded, so no key material is held or shown.
 *
 * @param otherBlocks the types of the blocks that are not certificates, e.g. {@code PRIVATE KEY}
 */
public record PemCertificates(List<X509Certificate> certificates, List<String> otherBlocks) {

    public PemCertificates {
        certificates = List.copyOf(certificates);
        otherBlocks = List.copyOf(otherBlocks);
    }

    /**
     * @throws IllegalArgumentException when a block is malformed or a certificate block does not hold
     *     an X.509 certificate; the message names the block by position, never by content
     */
    public static PemCertificates parse(String text) {
        List<X509Certificate> certificates = new ArrayList<>();
        List<String> others = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(text))) {
            PemObject block;
            int position = 0;
            while ((block = reader.readPemObject()) != null) {
                position++;
                if (block.getType().equals("CERTIFICATE")) {
                    certificates.add(certificate(block.getContent(), position));
                } else {
                    others.add(block.getType());
                }
            }
        } catch (IOException | DecoderException e) {
            // BouncyCastle reports bad base64 inside a block as an unchecked DecoderException
            throw new IllegalArgumentException("malformed PEM after " + (certificates.size() + others.size())
                    + " readable block(s)", e);
        }
        return new PemCertificates(certificates, others);
    }

    private static X509Certificate certificate(byte[] der, int position) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("PEM block " + position + " is marked CERTIFICATE but is not an X.509 "
                    + "certificate (" + e.getMessage() + ")", e);
        }
    }
}
