package dev.hardening.core.families.tls;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.tls.CertificateInfo;
import dev.hardening.core.facts.tls.ChainTrust;
import dev.hardening.core.facts.tls.HostnameMatch;
import dev.hardening.core.facts.tls.ServedChain;
import dev.hardening.core.facts.tls.TlsEndpointFacts;
import dev.hardening.core.facts.tls.TlsFacts;
import dev.hardening.core.facts.tls.TrustAnchors;
import dev.hardening.core.family.FactCheck;
import dev.hardening.core.family.FindingFactory;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Subject;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.TlsChecksConfig;
import dev.hardening.core.util.IpAddresses;

/**
 * {@code tls.chain}: every TLS endpoint and certificate file of a host presents a complete chain to
 * a trusted root, for the expected name, valid now and for {@code minDaysValid} more days, with
 * strong keys and signatures. Each problem is its own finding.
 */
public final class TlsChainCheck extends FactCheck<TlsFacts> {
    private static final int MIN_RSA_DSA_BITS = 2048;
    private static final int MIN_EC_BITS = 256;
    private static final String RENEW = "renew the certificate, install it and reload the server";

    /** One failed rule: what is wrong and how to fix it. */
    private record Problem(String message, String remediation) {
    }

    public TlsChainCheck() {
        super(CheckId.TLS_CHAIN, Severity.HIGH, TlsFacts.KEY);
    }

    @Override
    public boolean enabled(ChecksConfig config) {
        return config.get(TlsChecksConfig.KEY).enabled();
    }

    @Override
    protected List<Finding> judge(TlsFacts tls, FindingFactory findings, ChecksConfig config) {
        if (!(tls.trust() instanceof Fact.Known<TrustAnchors> trust)) {
            return List.of(findings.unavailable(tls.trust()));
        }
        List<Finding> results = new ArrayList<>();
        for (TlsEndpointFacts endpoint : tls.endpoints()) {
            if (endpoint.chain() instanceof Fact.Known<ServedChain> chain) {
                results.addAll(judge(findings, endpoint, chain.value(), trust.value(), config.get(TlsChecksConfig.KEY).minDaysValid()));
            } else {
                results.add(findings.unavailable(endpoint.chain()));
            }
        }
        return results;
    }

    private static List<Finding> judge(FindingFactory findings, TlsEndpointFacts endpoint, ServedChain chain,
            TrustAnchors trust, int minDaysValid) {
        List<String> evidence = new ArrayList<>();
        evidence.add("trust anchors: " + trust.description());
        evidence.addAll(chain.evidence());
        ChainTrust.Verdict verdict = ChainTrust.assess(chain.certificates(), trust, chain.observedAt());
        String leafName = endpoint.expectedName().orElse(CertificateInfo.of(chain.leaf()).label());

        List<Problem> problems = new ArrayList<>();
        trustProblem(verdict, leafName).ifPresent(problems::add);
        endpoint.expectedName().ifPresent(name -> {
            evidence.add("expected name: " + name + " (matched against the subject alternative names only)");
            hostnameProblem(CertificateInfo.of(chain.leaf()), name).ifPresent(problems::add);
        });
        List<X509Certificate> sent = chain.certificates();
        for (int i = 0; i < sent.size(); i++) {
            if (isAnchor(sent.get(i), trust)) {
                continue;
            }
            CertificateInfo cert = CertificateInfo.of(sent.get(i));
            String name = i == 0 ? "certificate for " + leafName : "CA certificate '" + cert.subject() + "'";
            validityProblem(cert, name, chain.observedAt(), minDaysValid).ifPresent(problems::add);
            keyProblem(cert, name).ifPresent(problems::add);
            if (!cert.selfSigned()) {
                signatureProblem(cert, name).ifPresent(problems::add);
            }
        }
        if (problems.isEmpty()) {
            return List.of(findings.pass(passMessage(verdict, chain, trust, leafName) + "; " + endpoint.place(),
                    evidence));
        }
        CertificateInfo leaf = CertificateInfo.of(chain.leaf());
        Subject certificate = new Subject.Certificate(endpoint.place(), leaf.subject(), leaf.sha256());
        return problems.stream()
                .map(p -> findings.fail(certificate, p.message() + "; " + endpoint.place(), evidence, p.remediation()))
                .toList();
    }

    private static Optional<Problem> trustProblem(ChainTrust.Verdict verdict, String leafName) {
        if (verdict instanceof ChainTrust.SelfSigned) {
            return Optional.of(new Problem("the certificate for " + leafName + " is self-signed, so no client can "
                    + "verify it", "replace it with a certificate issued by a public CA or by your internal CA "
                            + "(and list that CA's root in checks.tls.trust)"));
        }
        if (verdict instanceof ChainTrust.Incomplete incomplete) {
            return Optional.of(new Problem("the chain is incomplete: the certificate '" + CertificateInfo.of(
                    incomplete.lastSent()).subject() + "' comes without its issuer '" + incomplete.missingIssuer()
                    + "' (" + incomplete.whereKnown() + "; clients that do not fetch it, such as curl, Java and "
                    + "openssl, reject the chain)", "serve the full chain: append the intermediate certificate '"
                            + incomplete.missingIssuer() + "' after the server's certificate (nginx: ssl_certificate "
                            + "with fullchain.pem; Apache 2.4.8+: SSLCertificateFile with the chain), then reload"));
        }
        if (verdict instanceof ChainTrust.Untrusted untrusted) {
            return Optional.of(new Problem("the chain for " + leafName + " is not trusted: " + untrusted.reason(),
                    "serve a certificate issued by a CA the clients trust, or, for an internal CA, list its root "
                            + "certificate in checks.tls.trust"));
        }
        return Optional.empty();
    }

    private static Optional<Problem> hostnameProblem(CertificateInfo leaf, String name) {
        if (HostnameMatch.matches(leaf, name)) {
            return Optional.empty();
        }
        if (!leaf.unreadableNames().isEmpty()) {
            return Optional.of(new Problem("the certificate cannot be matched to " + name + ": "
                    + leaf.unreadableNames() + ", so clients cannot read its names either", "reissue the "
                            + "certificate with a well-formed subject alternative name extension holding " + name));
        }
        List<String> sans = leaf.subjectAlternativeNames();
        return Optional.of(new Problem("the certificate is not for " + name + ": its subject alternative names are "
                + (sans.isEmpty() ? "missing" : sans) + " (the subject '" + leaf.subject()
                + "' does not count)", "reissue the certificate with " + name + " as a subject alternative name ("
                        + (IpAddresses.parse(name).isPresent() ? "IP:" : "DNS:")
                        + name + "), or set serverName: in the policy to the name clients use"));
    }

    private static Optional<Problem> validityProblem(CertificateInfo cert, String name, Instant now, int minDaysValid) {
        if (now.isBefore(cert.notBefore())) {
            return Optional.of(new Problem(name + " is not valid before " + date(cert.notBefore()) + ", in "
                    + days(now, cert.notBefore()), "install a certificate that is valid now (the current "
                            + "one was issued for the future; check the issuing CA's clock), then reload the server"));
        }
        if (now.isAfter(cert.notAfter())) {
            return Optional.of(new Problem(name + " expired on " + date(cert.notAfter()) + ", "
                    + days(cert.notAfter(), now) + " ago", RENEW));
        }
        if (Duration.between(now, cert.notAfter()).toDays() < minDaysValid) {
            return Optional.of(new Problem(name + " expires on " + date(cert.notAfter()) + ", in "
                    + days(now, cert.notAfter()) + " (policy requires " + minDaysValid + ")",
                    RENEW + " before " + date(cert.notAfter())));
        }
        return Optional.empty();
    }

    private static Optional<Problem> keyProblem(CertificateInfo cert, String name) {
        String algorithm = cert.keyAlgorithm().toUpperCase(Locale.ROOT);
        int minimum = algorithm.equals("EC") ? MIN_EC_BITS
                : algorithm.equals("RSA") || algorithm.equals("DSA") ? MIN_RSA_DSA_BITS : 0;
        if (cert.keyBits() >= minimum) {
            return Optional.empty();
        }
        return Optional.of(new Problem(name + " has a weak " + cert.keyBits() + "-bit " + cert.keyAlgorithm()
                + " key (at least " + minimum + " bits required)", "reissue it with a new RSA key of at least "
                        + MIN_RSA_DSA_BITS + " bits or an EC key on P-256 or larger"));
    }

    private static Optional<Problem> signatureProblem(CertificateInfo cert, String name) {
        String algorithm = cert.signatureAlgorithm().toUpperCase(Locale.ROOT);
        if (!algorithm.contains("SHA1") && !algorithm.contains("MD5") && !algorithm.contains("MD2")) {
            return Optional.empty();
        }
        return Optional.of(new Problem(name + " is signed with " + cert.signatureAlgorithm() + ", a broken hash "
                + "for which signatures can be forged", "have it reissued with a SHA-256 (or stronger) signature"));
    }

    /** A root the server sends along is the anchor, not part of the chain below it, and is not judged. */
    private static boolean isAnchor(X509Certificate cert, TrustAnchors trust) {
        return trust.rootFor(cert).isPresent();
    }

    private static String passMessage(ChainTrust.Verdict verdict, ServedChain chain, TrustAnchors trust,
            String leafName) {
        ChainTrust.Trusted trusted = (ChainTrust.Trusted) verdict;
        Instant expiry = chain.certificates().stream().filter(c -> !isAnchor(c, trust))
                .map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo).orElseThrow();
        return "the chain for " + leafName + " (" + chain.certificates().size() + " certificate(s)) leads to the "
                + "trusted root '" + CertificateInfo.of(trusted.anchor().certificate()).subject() + "' from "
                + trusted.anchor().origin() + " and is valid until " + date(expiry) + ", "
                + days(chain.observedAt(), expiry) + " from now";
    }

    private static LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Whole days between two moments, as words: {@code 1 day}, {@code 5 days}. */
    private static String days(Instant from, Instant to) {
        long days = Duration.between(from, to).toDays();
        return days + (days == 1 ? " day" : " days");
    }
}
