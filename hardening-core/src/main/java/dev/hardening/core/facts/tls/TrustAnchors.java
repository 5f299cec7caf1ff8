package dev.hardening.core.facts.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What a chain is validated against: root CAs (self-signed, from the JDK trust store and/or the
 * policy's PEM bundle) and, from the bundle, intermediate CAs that are not anchors but tell which
 * certificate a server failed to send.
 *
 * @param description where the certificates came from, for the evidence
 */
public record TrustAnchors(List<Source> roots, List<Source> intermediates, String description) {

    /** A certificate and where it was read. */
    public record Source(X509Certificate certificate, String origin) {
    }

    public TrustAnchors {
        roots = List.copyOf(roots);
        intermediates = List.copyOf(intermediates);
    }

    /** The root the certificate is, when it is one of the anchors (a server may send its root too). */
    public Optional<Source> rootFor(X509Certificate cert) {
        return roots.stream().filter(r -> r.certificate().equals(cert)).findFirst();
    }

    /** The trusted root whose key signed {@code cert}, if any. */
    public Optional<Source> rootThatIssued(X509Certificate cert) {
        return issuerAmong(roots, cert);
    }

    /** The bundle intermediate whose key signed {@code cert}, if any. */
    public Optional<Source> intermediateThatIssued(X509Certificate cert) {
        return issuerAmong(intermediates, cert);
    }

    private static Optional<Source> issuerAmong(List<Source> candidates, X509Certificate cert) {
        return candidates.stream()
                .filter(c -> c.certificate().getSubjectX500Principal().equals(cert.getIssuerX500Principal()))
                .filter(c -> CertificateInfo.isSignedBy(cert, c.certificate())).findFirst();
    }
}
