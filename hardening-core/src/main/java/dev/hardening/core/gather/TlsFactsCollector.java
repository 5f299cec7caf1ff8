package dev.hardening.core.gather;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.tls.CertificateInfo;
import dev.hardening.core.facts.tls.PemCertificates;
import dev.hardening.core.facts.tls.ProtocolProbe;
import dev.hardening.core.facts.tls.ServedChain;
import dev.hardening.core.facts.tls.TlsEndpointFacts;
import dev.hardening.core.facts.tls.TlsFacts;
import dev.hardening.core.facts.tls.TlsProtocol;
import dev.hardening.core.facts.tls.TrustAnchors;
import dev.hardening.core.family.FactSource;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.HostException;
import dev.hardening.core.host.Shell;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.TlsChecksConfig;
import dev.hardening.core.policy.TlsEndpoint;
import dev.hardening.core.util.IpAddresses;

/**
 * Reads a host's TLS facts: for each endpoint, a handshake from the machine running the gate to the
 * host's address (the chain as the JDK client sees it) and one probe per protocol version; for each
 * certificate file, its certificates read through the host. Also loads the anchors chains are judged by.
 */
public final class TlsFactsCollector {
    /** Handshakes from the gate's machine with each endpoint the policy lists; certificate files over SSH. */
    public static final FactSource<TlsFacts> SOURCE = FactSource.fromGateMachine(TlsFacts.KEY,
            context -> collect(context.host(), context.spec(), context.checks().get(TlsChecksConfig.KEY),
                    context.timeouts().connect()));

    private static final String LOOPBACK = "127.0.0.1";

    private final Host host;
    private final HostSpec spec;
    private final Duration timeout;

    private TlsFactsCollector(Host host, HostSpec spec, Duration timeout) {
        this.host = host;
        this.spec = spec;
        this.timeout = timeout;
    }

    /** @param timeout bounds each connect and each whole handshake */
    static Fact<TlsFacts> collect(Host host, HostSpec spec, TlsChecksConfig config, Duration timeout) {
        if (spec.tls().isEmpty()) {
            return Fact.notApplicable("the policy lists no tls: endpoints or files for this host");
        }
        TlsFactsCollector collector = new TlsFactsCollector(host, spec, timeout);
        List<TlsEndpointFacts> endpoints = new ArrayList<>();
        for (TlsEndpoint endpoint : spec.tls()) {
            endpoints.add(endpoint.port() != null ? collector.endpoint(endpoint) : collector.file(endpoint.file()));
        }
        return Fact.known(new TlsFacts(loadTrust(config), endpoints));
    }

    private TlsEndpointFacts endpoint(TlsEndpoint endpoint) {
        String address = spec.isLocal() ? LOOPBACK : spec.address();
        Optional<String> expectedName = Optional.ofNullable(endpoint.serverName())
                .or(() -> spec.isLocal() ? Optional.empty() : Optional.of(spec.address()));
        Optional<String> sni = expectedName.filter(n -> IpAddresses.parse(n).isEmpty());
        String where = address + ":" + endpoint.port();
        String place = "served at " + where + sni.map(n -> " (SNI " + n + ")").orElse("");
        InetSocketAddress socketAddress = new InetSocketAddress(address, endpoint.port());

        JsseChainCapture.Outcome jsse = JsseChainCapture.capture(socketAddress, sni, timeout);
        if (jsse instanceof JsseChainCapture.NoTlsService none) {
            return new TlsEndpointFacts(place, expectedName, Fact.unknown(none.reason(), List.of()),
                    Fact.unknown(none.reason(), List.of()));
        }
        Instant observedAt = Instant.now();
        List<ProtocolProbe> probes = new ArrayList<>();
        ProtocolProber.Outcome newestAccepted = null;
        for (TlsProtocol protocol : TlsProtocol.values()) {
            ProtocolProber.Outcome outcome = ProtocolProber.probe(socketAddress, sni, protocol, timeout);
            ProtocolProbe probe = outcome.probe();
            if (jsse instanceof JsseChainCapture.Captured captured && captured.protocol().equals(protocol.policyName())
                    && !(probe instanceof ProtocolProbe.Accepted)) {
                // the JDK client just agreed on this version, whatever the probe's offer lacked
                probe = new ProtocolProbe.Accepted(protocol, "negotiated by the JDK client with "
                        + captured.cipherSuite() + "; the probe got: " + probe.describe());
            }
            if (probe instanceof ProtocolProbe.Accepted && !outcome.certificates().isEmpty()) {
                newestAccepted = outcome;
            }
            probes.add(probe);
        }
        return new TlsEndpointFacts(place, expectedName, chain(jsse, newestAccepted, where, observedAt),
                protocols(probes, jsse, where));
    }

    private static Fact<ServedChain> chain(JsseChainCapture.Outcome jsse, ProtocolProber.Outcome newestAccepted,
            String where, Instant observedAt) {
        if (jsse instanceof JsseChainCapture.Captured captured) {
            return Fact.known(new ServedChain(captured.chain(), captured.protocol() + " handshake ("
                    + captured.cipherSuite() + ") by the JDK client", observedAt));
        }
        String failure = ((JsseChainCapture.HandshakeFailed) jsse).reason();
        if (newestAccepted != null) {
            // e.g. a server that speaks only TLS 1.0, which the JDK client refuses: its chain still counts
            return Fact.known(new ServedChain(newestAccepted.certificates(), newestAccepted.probe().protocol()
                    + " handshake by the BouncyCastle probe, because the JDK client failed (" + failure + ")",
                    observedAt));
        }
        return Fact.unknown("the TLS handshake with " + where + " failed and no probed protocol version got a "
                + "certificate either: " + failure, List.of());
    }

    private static Fact<List<ProtocolProbe>> protocols(List<ProtocolProbe> probes, JsseChainCapture.Outcome jsse,
            String where) {
        if (probes.stream().anyMatch(p -> p instanceof ProtocolProbe.Accepted)) {
            return Fact.known(probes);
        }
        String failure = jsse instanceof JsseChainCapture.HandshakeFailed f ? ": the JDK client got " + f.reason() : "";
        return Fact.unknown(where + " accepted none of the protocol versions offered" + failure,
                probes.stream().map(ProtocolProbe::describe).toList());
    }

    private TlsEndpointFacts file(String path) {
        Fact<ServedChain> chain;
        try {
            chain = readCertificateFile(path);
        } catch (HostException e) {
            chain = Fact.unknown("cannot read " + path + ": " + e.getMessage(), List.of());
        }
        return new TlsEndpointFacts("in the file " + path + " on " + host.name(), Optional.empty(), chain,
                Fact.notApplicable("a certificate file has no protocol versions"));
    }

    private Fact<ServedChain> readCertificateFile(String path) throws HostException {
        CommandResult content = host.runPrivileged("cat -- " + Shell.quote(path));
        if (!content.succeeded()) {
            return Fact.unknown("cannot read " + path + " on " + host.name() + ": " + content.firstErrorLine()
                    + (host.usesSudo() ? "" : " (run the gate as root or set sudo: true)"), List.of());
        }
        try {
            PemCertificates pem = PemCertificates.parse(content.stdout());
            if (pem.certificates().isEmpty()) {
                return Fact.unknown(path + " holds no PEM certificate" + (pem.otherBlocks().isEmpty() ? ""
                        : " (only " + pem.otherBlocks() + ", not read)"), List.of());
            }
            return Fact.known(new ServedChain(pem.certificates(), "the file " + path + " on " + host.name(),
                    Instant.now()));
        } catch (IllegalArgumentException e) {
            return Fact.unknown(path + " is not a readable PEM file: " + e.getMessage(), List.of());
        }
    }

    /** The JDK trust store and/or the policy's PEM bundle (a file on the machine running the gate). */
    static Fact<TrustAnchors> loadTrust(TlsChecksConfig config) {
        List<TrustAnchors.Source> roots = new ArrayList<>();
        List<TrustAnchors.Source> intermediates = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        if (config.jdkTrust()) {
            try {
                List<X509Certificate> jdk = jdkTrustStore();
                jdk.forEach(c -> roots.add(new TrustAnchors.Source(c, "the JDK trust store")));
                parts.add("the JDK trust store with " + jdk.size() + " CAs");
            } catch (GeneralSecurityException e) {
                return Fact.unknown("cannot read the JDK trust store: " + e.getMessage(), List.of());
            }
        }
        if (config.trust() != null) {
            Path bundle = Path.of(config.trust());
            PemCertificates pem;
            try {
                pem = PemCertificates.parse(Files.readString(bundle));
            } catch (IOException | IllegalArgumentException e) {
                return Fact.unknown("cannot read the trust bundle checks.tls.trust " + bundle + ": " + e.getMessage(),
                        List.of());
            }
            if (pem.certificates().isEmpty()) {
                return Fact.unknown("the trust bundle checks.tls.trust " + bundle + " holds no PEM certificate",
                        List.of());
            }
            int before = roots.size();
            for (X509Certificate cert : pem.certificates()) {
                TrustAnchors.Source source = new TrustAnchors.Source(cert, bundle.toString());
                (CertificateInfo.isSelfSigned(cert) ? roots : intermediates).add(source);
            }
            parts.add(bundle + " with " + (roots.size() - before) + " root(s)"
                    + (intermediates.isEmpty() ? "" : " and " + intermediates.size() + " intermediate(s), which "
                            + "are not anchors"));
        }
        return Fact.known(new TrustAnchors(roots, intermediates, String.join(" and ", parts)));
    }

    private static List<X509Certificate> jdkTrustStore() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return List.of(x509.getAcceptedIssuers());
            }
        }
        throw new GeneralSecurityException("the JDK has no X.509 trust manager");
    }
}
