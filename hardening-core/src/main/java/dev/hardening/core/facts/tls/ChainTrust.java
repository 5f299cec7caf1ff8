package dev.hardening.core.facts.tls;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Whether the certificates a server sent lead, by themselves, to a trusted root (PKIX), and when
 * not, why: self-signed, an intermediate left out, or a CA nobody here trusts.
 */
public final class ChainTrust {
    /**
     * BouncyCastle's PKIX, used as an instance and never installed: it applies no JDK algorithm
     * policy, so a SHA-1 or 1024-bit chain is still judged for trust, and its weakness is reported by
     * its own rule with its own message instead of hiding behind "untrusted".
     */
    private static final Provider PKIX_PROVIDER = new BouncyCastleProvider();

    private ChainTrust() {
    }

    /** The outcome of validating a chain. */
    public sealed interface Verdict {
    }

    /** The sent certificates lead to {@code anchor}; {@code path} is the path below it, leaf first. */
    public record Trusted(List<X509Certificate> path, TrustAnchors.Source anchor) implements Verdict {
    }

    /** The server's own certificate signs itself and is no trust anchor. */
    public record SelfSigned(X509Certificate certificate) implements Verdict {
    }

    /**
     * The issuer of {@code lastSent} was not sent although it can be known.
     *
     * @param whereKnown where a client could find it, e.g. its AIA URL or the trust bundle
     */
    public record Incomplete(X509Certificate lastSent, String missingIssuer, String whereKnown) implements Verdict {
    }

    public record Untrusted(String reason) implements Verdict {
    }

    /**
     * Validates the certificates sent (in any order, the first being the server's) against the roots,
     * without revocation checks (no network) and without the intermediates of the trust bundle,
     * which only serve to name what is missing.
     */
    public static Verdict assess(List<X509Certificate> sent, TrustAnchors trust, Instant observedAt) {
        X509Certificate leaf = sent.get(0);
        Optional<TrustAnchors.Source> pinned = trust.rootFor(leaf);
        if (pinned.isPresent()) {
            return new Trusted(List.of(), pinned.get());
        }
        String failure;
        try {
            PKIXCertPathBuilderResult result = build(sent, trust, trustMoment(sent, observedAt));
            X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
            @SuppressWarnings("unchecked")
            List<X509Certificate> path = (List<X509Certificate>) result.getCertPath().getCertificates();
            return new Trusted(path, trust.rootFor(anchor).orElseThrow());
        } catch (GeneralSecurityException e) {
            failure = rootCause(e);
        }
        return diagnose(sent, trust, failure);
    }

    private static PKIXCertPathBuilderResult build(List<X509Certificate> sent, TrustAnchors trust, Instant at)
            throws GeneralSecurityException {
        Set<TrustAnchor> anchors = trust.roots().stream().map(r -> new TrustAnchor(r.certificate(), null))
                .collect(Collectors.toSet());
        if (anchors.isEmpty()) {
            throw new GeneralSecurityException("there is no trusted root (" + trust.description() + ")");
        }
        X509CertSelector target = new X509CertSelector();
        target.setCertificate(sent.get(0));
        PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
        params.setRevocationEnabled(false);
        params.setDate(Date.from(at));
        params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(sent)));
        return (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX", PKIX_PROVIDER).build(params);
    }

    /**
     * The moment trust is judged at: the observation when every certificate is valid then, otherwise
     * a moment when all of them are. Expiry has its own rule with dates in its message; judging trust
     * at a valid moment keeps "expired" from masking "untrusted" and the other way round.
     */
    private static Instant trustMoment(List<X509Certificate> sent, Instant observedAt) {
        Instant latestStart = sent.stream().map(c -> c.getNotBefore().toInstant()).max(Comparator.naturalOrder())
                .orElseThrow();
        Instant earliestEnd = sent.stream().map(c -> c.getNotAfter().toInstant()).min(Comparator.naturalOrder())
                .orElseThrow();
        if (!observedAt.isBefore(latestStart) && !observedAt.isAfter(earliestEnd)) {
            return observedAt;
        }
        return latestStart.isAfter(earliestEnd) ? observedAt : latestStart;
    }

    private static Verdict diagnose(List<X509Certificate> sent, TrustAnchors trust, String failure) {
        List<X509Certificate> walked = walkIssuers(sent);
        X509Certificate top = walked.get(walked.size() - 1);
        String topName = CertificateInfo.of(top).subject();
        String issuerName = CertificateInfo.of(top).issuer();
        if (CertificateInfo.isSelfSigned(top)) {
            return walked.size() == 1 ? new SelfSigned(top)
                    : new Untrusted("the chain ends at the root '" + topName + "', which is not a trusted CA ("
                            + trust.description() + ")");
        }
        if (trust.rootThatIssued(top).isPresent()) {
            return new Untrusted("the chain reaches the trusted root '" + issuerName + "' but does not validate: "
                    + failure);
        }
        Optional<TrustAnchors.Source> known = trust.intermediateThatIssued(top);
        if (known.isPresent()) {
            return new Incomplete(top, issuerName, "it is in " + known.get().origin());
        }
        Optional<String> aia = CertificateInfo.of(top).caIssuersUrl();
        if (aia.isPresent()) {
            return new Incomplete(top, issuerName, "the certificate's AIA caIssuers points at " + aia.get());
        }
        return new Untrusted("'" + issuerName + "', the issuer of '" + topName + "', was not sent and is not a trusted "
                + "CA (" + trust.description() + "): an intermediate is missing, or the CA is not trusted");
    }

    /** The leaf, its issuer among the sent certificates, that one's issuer, and so on, each once. */
    private static List<X509Certificate> walkIssuers(List<X509Certificate> sent) {
        List<X509Certificate> walked = new ArrayList<>(List.of(sent.get(0)));
        while (true) {
            X509Certificate current = walked.get(walked.size() - 1);
            if (CertificateInfo.isSelfSigned(current)) {
                return walked;
            }
            Optional<X509Certificate> issuer = sent.stream().filter(c -> !walked.contains(c))
                    .filter(c -> c.getSubjectX500Principal().equals(current.getIssuerX500Principal()))
                    .filter(c -> CertificateInfo.isSignedBy(current, c)).findFirst();
            if (issuer.isEmpty()) {
                return walked;
            }
            walked.add(issuer.get());
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }
}
