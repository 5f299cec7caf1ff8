package dev.hardening.core.facts.tls;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificates an endpoint sent (or a file holds), in that order: the first is the server's own.
 *
 * @param via how they were obtained, e.g. {@code TLSv1.3 handshake (TLS_AES_256_GCM_SHA384) by the JDK client}
 * @param observedAt when they were obtained; expiry is judged against this moment
 */
public record ServedChain(List<X509Certificate> certificates, String via, Instant observedAt) {

    public ServedChain {
        certificates = List.copyOf(certificates);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("a chain has at least the server's certificate");
        }
    }

    public X509Certificate leaf() {
        return certificates.get(0);
    }

    /** One evidence line per certificate, in the order sent. */
    public List<String> evidence() {
        List<String> lines = new ArrayList<>();
        lines.add(certificates.size() + " certificate(s) from " + via + " at " + observedAt + ":");
        for (int i = 0; i < certificates.size(); i++) {
            lines.add(CertificateInfo.of(certificates.get(i)).describe(i));
        }
        return lines;
    }
}
