package dev.hardening.junit.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.core.families.tls.TlsChainCheck;
import dev.hardening.core.families.tls.TlsProtocolsCheck;
import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.gather.CollectedFacts;
import dev.hardening.core.gather.ProbeRoutes;
import dev.hardening.core.host.LocalHost;
import dev.hardening.core.host.Timeouts;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.TlsChecksConfig;
import dev.hardening.core.policy.TlsEndpoint;
import dev.hardening.lab.LabPki;

/** tls.chain and tls.protocols against real TLS (and non-TLS) servers on loopback, in this JVM. */
class TlsChecksTest {
    static final String NAME = "web1.example.com";
    static LabPki pki;
    @TempDir
    static Path dir;
    static Path caBundle;

    @BeforeAll
    static void createPki() throws IOException {
        pki = LabPki.create("Lab");
        caBundle = Files.writeString(dir.resolve("ca.pem"), pki.root().pem());
    }

    /** Serves leaf + intermediate, as a correctly configured server does. */
    static List<Finding> serve(LabPki.Issued leaf) throws IOException {
        return serveChain(List.of(leaf.certificate(), pki.intermediate().certificate()), leaf, internalCa());
    }

    static List<Finding> serveChain(List<X509Certificate> chain, LabPki.Issued leaf, TlsChecksConfig config)
            throws IOException {
        try (LoopbackTlsServer server = LoopbackTlsServer.serving(chain, leaf.keyPair())) {
            return check(config, new TlsEndpoint(server.port(), NAME, null));
        }
    }

    static TlsChecksConfig internalCa() {
        return new TlsChecksConfig(null, caBundle.toString(), null, null, null);
    }

    /** Both TLS checks on the machine running the test, the way the gate runs them. */
    static List<Finding> check(TlsChecksConfig config, TlsEndpoint... endpoints) {
        HostSpec spec = new HostSpec("local", HostSpec.LOCAL, null, null, null, null, null, null, null,
                List.of(endpoints));
        ChecksConfig checks = ChecksConfig.DEFAULT.with(TlsChecksConfig.KEY, config);
        try (LocalHost host = LocalHost.create()) {
            CollectedFacts facts = new CollectedFacts(host, spec, checks, Timeouts.DEFAULT, ProbeRoutes.DIRECT,
                    FamilyRegistry.discover().sources());
            List<Finding> findings = new ArrayList<>(new TlsChainCheck().evaluate(facts, checks));
            findings.addAll(new TlsProtocolsCheck().evaluate(facts, checks));
            return findings;
        }
    }

    static List<Finding> of(List<Finding> findings, CheckId check) {
        return findings.stream().filter(f -> f.check().equals(check)).toList();
    }

    static Finding only(List<Finding> findings, CheckId check) {
        List<Finding> matching = of(findings, check);
        assertThat(matching).as("findings of %s: %s", check, matching).hasSize(1);
        return matching.get(0);
    }

    static String date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    @Test
    void validChainThroughInternalCaPassesBothChecks() throws IOException {
        LabPki.Issued leaf = pki.leaf(NAME).issue();

        List<Finding> findings = serve(leaf);

        Finding chain = only(findings, CheckId.TLS_CHAIN);
        assertThat(chain.status()).isEqualTo(Status.PASS);
        assertThat(chain.message()).startsWith("the chain for web1.example.com (2 certificate(s)) leads to the trusted "
                + "root 'CN=Lab Root CA,O=Hardening Lab' from " + caBundle).contains("SNI web1.example.com");
        assertThat(chain.evidence()).anySatisfy(e -> assertThat(e).startsWith("#0 subject=CN=web1.example.com")
                .contains("issuer=CN=Lab Issuing CA", "SANs=[DNS:web1.example.com]", "notAfter=", "SHA-256="));
        assertThat(chain.evidence()).anySatisfy(e -> assertThat(e).startsWith("#1 subject=CN=Lab Issuing CA"));
        Finding protocols = only(findings, CheckId.TLS_PROTOCOLS);
        assertThat(protocols.status()).isEqualTo(Status.PASS);
        assertThat(protocols.message()).startsWith("the endpoint accepts only TLSv1.2, TLSv1.3 (policy minimum TLSv1.2)");
        assertThat(protocols.evidence()).contains("SSLv3: refused (the server answered with alert protocol_version)");
    }

    @Test
    void expiredLeafFailsWithItsDate() throws IOException {
        Instant end = Instant.now().minus(Duration.ofDays(3)).minus(Duration.ofHours(1));
        LabPki.Issued leaf = pki.leaf(NAME).validFrom(end.minus(Duration.ofDays(90))).validUntil(end).issue();

        Finding chain = only(serve(leaf), CheckId.TLS_CHAIN);

        assertThat(chain.status()).isEqualTo(Status.FAIL);
        assertThat(chain.message()).startsWith("certificate for web1.example.com expired on " + date(end) + ", 3 days ago");
        assertThat(chain.remediation()).startsWith("renew the certificate");
    }

    @Test
    void notYetValidLeafFails() throws IOException {
        Instant start = Instant.now().plus(Duration.ofDays(30)).plus(Duration.ofHours(1));
        LabPki.Issued leaf = pki.leaf(NAME).validFrom(start).validUntil(start.plus(Duration.ofDays(90))).issue();

        Finding chain = only(serve(leaf), CheckId.TLS_CHAIN);

        assertThat(chain.status()).isEqualTo(Status.FAIL);
        assertThat(chain.message()).startsWith("certificate for web1.example.com is not valid before " + date(start)
                + ", in 30 days");
    }

    @Test
    void leafExpiringInFiveDaysFailsTheFourteenDayWindow() throws IOException {
        Instant end = Instant.now().plus(Duration.ofDays(5)).plus(Duration.ofHours(1));
        LabPki.Issued leaf = pki.leaf(NAME).validUntil(end).issue();

        List<Finding> findings = serve(leaf);

        Finding chain = only(findings, CheckId.TLS_CHAIN);
        assertThat(chain.status()).isEqualTo(Status.FAIL);
        assertThat(chain.message()).isEqualTo("certificate for web1.example.com expires on " + date(end)
                + ", in 5 days (policy requires 14); served at 127.0.0.1:" + portOf(chain) + " (SNI web1.example.com)");
        assertThat(chain.remediation()).isEqualTo("renew the certificate, install it and reload the server before "
                + date(end));
    }

    @Test
    void wrongHostnameFailsAndTheCommonNameDoesNotCount() throws IOException {
        LabPki.Issued leaf = pki.leaf("web2.example.com").issue();

        Finding chain = only(serve(leaf), CheckId.TLS_CHAIN);

        assertThat(chain.status()).isEqualTo(Status.FAIL);
        assertThat(chain.message()).startsWith("the certificate is not for web1.example.com: its subject alternative "
                + "names are [DNS:web2.example.com]");
        assertThat(chain.remediation()).startsWith("reissue the certificate with web1.example.com as a subject "
                + "alternative name (DNS:web1.example.com)");
    }

    @Test
    void commonNameWithoutSanIsNotAMatch() throws IOException {
        LabPki.Issued leaf = pki.leaf().issue();

        Finding chain = only(serve(leaf), CheckId.TLS_CHAIN);

        assertThat(chain.message()).startsWith("the certificate is not for web1.example.com: its subject alternative "
                + "names are missing");
    }

    @Test
    void ipAddressAsServerNameIsMatchedAgainstIpSansWithoutSni() throws IOException {
        LabPki.Issued leaf = pki.leaf().ipAddresses("127.0.0.1").issue();

        List<Finding> findings;
        try (LoopbackTlsServer server = LoopbackTlsServer.serving(List.of(leaf.certificate(),
                pki.intermediate().certificate()), leaf.keyPair())) {
            findings = check(internalCa(), new TlsEndpoint(server.port(), "127.0.0.1", null));
        }

        Finding chain = only(findings, CheckId.TLS_CHAIN);
        assertThat(chain.status()).isEqualTo(Status.PASS);
        assertThat(chain.message()).startsWith("the chain for 127.0.0.1 ").doesNotContain("SNI");
        assertThat(chain.evidence()).anySatisfy(e -> assertThat(e).contains("SANs=[IP:127.0.0.1]"));
    }

    @Test
    void selfSignedLeafFails() throws IOException {
        LabPki.Issued leaf = pki.leaf(NAME).selfSigned().issue();

        Finding chain = only(serveChain(List.of(leaf.certificate()), leaf, internalCa()), CheckId.TLS_CHAIN);

        assertThat(chain.status()).isEqualTo(Status.FAIL);
        assertThat(chain.message()).startsWith("the certificate for web1.example.com is self-signed, so no client "
                + "can verify it");
    }

    @Test
    void missingIntermediateFailsAsIncompleteEvenThoughItsUrlIsKnown() throws IOException {
        LabPki.Issued leaf = pki.leaf(NAME).issue();

        Finding chain = only(serveChain(List.of(leaf.certificate()), leaf, internalCa()), CheckId.TLS_CHAIN);

        assertThat(chain.status()).isEqualTo(Status.FAIL);
        assertThat(chain.message()).startsWith("the chain is incomplete: the certificate 'CN=web1.example.com,"
                + "O=Hardening Lab' comes without its issuer 'CN=Lab Issuing CA,O=Hardening Lab' (the certificate's "
                + "AIA caIssuers points at " + LabPki.CA_ISSUERS_URL);
        assertThat(chain.remediation()).startsWith("serve the full chain");
    }

    @Test
    void missingIntermediateThatTheBundleHoldsIsStillIncomplete() throws IOException {
        Path bundle = Files.writeString(dir.resolve("root-and-intermediate.pem"),
                pki.root().pem() + pki.intermediate().pem());
        LabPki.Issued leaf = pki.leaf(NAME).withoutAuthorityInfoAccess().issue();

        Finding chain = only(serveChain(List.of(leaf.certificate()), leaf,
                new TlsChecksConfig(null, bundle.toString(), null, null, null)), CheckId.TLS_CHAIN);

        assertThat(chain.status()).isEqualTo(Status.FAIL);
        assertThat(chain.message()).contains("comes without its issuer 'CN=Lab Issuing CA,O=Hardening Lab' (it is in "
                + bundle);
        assertThat(chain.evidence()).contains("trust anchors: " + bundle + " with 1 root(s) and 1 intermediate(s), "
                + "which are not anchors");
    }

    @Test
    void sha1SignedLeafFails() throws IOException {
        LabPki.Issued leaf = pki.leaf(NAME).signatureAlgorithm("SHA1withRSA").issue();

        Finding chain = only(serve(leaf), CheckId.TLS_CHAIN);

        assertThat(chain.status()).isEqualTo(Status.FAIL);
        assertThat(chain.message()).startsWith("certificate for web1.example.com is signed with SHA1withRSA, a broken "
                + "hash for which signatures can be forged");
    }

    @Test
    void rsa1024LeafFails() throws IOException {
        LabPki.Issued leaf = pki.leaf(NAME).rsaKey(1024).issue();

        Finding chain = only(serve(leaf), CheckId.TLS_CHAIN);

        assertThat(chain.status()).isEqualTo(Status.FAIL);
        assertThat(chain.message()).startsWith("certificate for web1.example.com has a weak 1024-bit RSA key (at "
                + "least 2048 bits required)");
    }

    @Test
    void internalCaIsUntrustedByTheJdkTrustStore() throws IOException {
        LabPki.Issued leaf = pki.leaf(NAME).issue();

        Finding chain = only(serveChain(List.of(leaf.certificate(), pki.intermediate().certificate()), leaf,
                TlsChecksConfig.DEFAULT), CheckId.TLS_CHAIN);

        assertThat(chain.status()).isEqualTo(Status.FAIL);
        assertThat(chain.message()).startsWith("the chain for web1.example.com is not trusted: 'CN=Lab Root CA,"
                + "O=Hardening Lab', the issuer of 'CN=Lab Issuing CA,O=Hardening Lab', was not sent and is not a "
                + "trusted CA (the JDK trust store with ");
    }

    @Test
    void jdkTrustAndBundleTogetherTrustTheInternalCa() throws IOException {
        LabPki.Issued leaf = pki.leaf(NAME).issue();

        Finding chain = only(serveChain(List.of(leaf.certificate(), pki.intermediate().certificate()), leaf,
                new TlsChecksConfig(null, caBundle.toString(), null, null, true)), CheckId.TLS_CHAIN);

        assertThat(chain.status()).isEqualTo(Status.PASS);
        assertThat(chain.evidence().get(0)).startsWith("trust anchors: the JDK trust store with ")
                .endsWith(" and " + caBundle + " with 1 root(s)");
    }

    @Test
    void nothingListeningIsAnErrorForBothChecks() throws IOException {
        int port;
        try (var probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }

        List<Finding> findings = check(internalCa(), new TlsEndpoint(port, NAME, null));

        assertThat(findings).extracting(Finding::status).containsExactly(Status.ERROR, Status.ERROR);
        assertThat(findings).allSatisfy(f -> assertThat(f.message()).startsWith("nothing listens on 127.0.0.1:" + port));
    }

    @Test
    void plainTcpServiceThatAnswersIsAnErrorNamingWhatAnswered() throws IOException {
        try (PlainTcpServer ssh = PlainTcpServer.greeting("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")) {
            // the message names what answered, which a run into the handshake timeout could not
            List<Finding> findings = check(internalCa(), new TlsEndpoint(ssh.port(), NAME, null));

            assertThat(findings).extracting(Finding::status).containsExactly(Status.ERROR, Status.ERROR);
            assertThat(findings).allSatisfy(f -> assertThat(f.message()).isEqualTo("the service on 127.0.0.1:"
                    + ssh.port() + " does not speak TLS: it answered the TLS ClientHello with "
                    + "'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3'"));
        }
    }

    @Test
    void silentTcpServiceIsAnErrorAfterTheTimeoutNotAHang() throws IOException {
        try (PlainTcpServer silent = PlainTcpServer.silent()) {
            long start = System.nanoTime();
            List<Finding> findings = check(internalCa(), new TlsEndpoint(silent.port(), NAME, null));

            assertThat(findings).extracting(Finding::status).containsExactly(Status.ERROR, Status.ERROR);
            assertThat(findings.get(0).message()).startsWith("no TLS handshake with 127.0.0.1:" + silent.port()
                    + " within 10 s");
            // bounded by the timeouts, not a hang; generous for a loaded machine
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(90));
        }
    }

    @Test
    void certificateFileIsJudgedWithoutHostnameAndItsKeyIsNeverShown() throws IOException {
        LabPki.Issued leaf = pki.leaf("other.example.com").issue();
        Path file = Files.writeString(dir.resolve("site.pem"), leaf.privateKeyPem() + leaf.pem()
                + pki.intermediate().pem());

        List<Finding> findings = check(internalCa(), new TlsEndpoint(null, null, file.toString()));

        Finding chain = only(findings, CheckId.TLS_CHAIN);
        assertThat(chain.status()).isEqualTo(Status.PASS);
        assertThat(chain.message()).endsWith("; in the file " + file + " on local");
        assertThat(String.join("\n", chain.evidence())).doesNotContain("PRIVATE KEY").doesNotContain("MII");
        assertThat(only(findings, CheckId.TLS_PROTOCOLS).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void hostWithoutTlsEntriesIsSkipped() {
        List<Finding> findings = check(internalCa());

        assertThat(findings).extracting(Finding::status).containsExactly(Status.SKIPPED, Status.SKIPPED);
    }

    private static String portOf(Finding finding) {
        String message = finding.message();
        return message.substring(message.indexOf("127.0.0.1:") + 10, message.indexOf(" (SNI"));
    }
}
