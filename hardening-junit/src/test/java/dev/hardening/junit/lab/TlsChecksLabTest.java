package dev.hardening.junit.lab;

import static dev.hardening.junit.lab.GateRuns.findings;
import static dev.hardening.junit.lab.GateRuns.gate;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.core.gate.GateResult;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.TlsChecksConfig;
import dev.hardening.core.policy.TlsEndpoint;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.LabPki;
import dev.hardening.lab.RequiresLab;

/** tls.chain and tls.protocols through the gate against {@code openssl s_server} and files on lab hosts. */
@RequiresLab
class TlsChecksLabTest {
    static final String NAME = "web1.example.com";
    static final int TLS_PORT = 4433;
    static final String SERVER_DIR = "/etc/lab-tls";
    static LabPki pki;
    static LabPki.Issued leaf;
    static ChecksConfig internalCa;

    @BeforeAll
    static void createPki(@TempDir Path dir) throws IOException {
        pki = LabPki.create("Lab");
        leaf = pki.leaf(NAME).issue();
        Path bundle = Files.writeString(dir.resolve("ca.pem"), pki.root().pem());
        internalCa = ChecksConfig.DEFAULT.with(TlsChecksConfig.KEY, new TlsChecksConfig(null, bundle.toString(), null, null, null));
    }

    /** A lab host running {@code openssl s_server -www} on {@link #TLS_PORT} with the leaf (and chain file, if any). */
    static LabHost.Builder tlsServer(String chainPem, String extraOptions) {
        return LabHost.builder()
                .file(SERVER_DIR + "/cert.pem", leaf.pem())
                .file(SERVER_DIR + "/key.pem", leaf.privateKeyPem())
                .file(SERVER_DIR + "/chain.pem", chainPem)
                .exposePort(TLS_PORT)
                .setup("chmod 600 " + SERVER_DIR + "/key.pem")
                .setup("openssl s_server -accept " + TLS_PORT + " -www -quiet -cert " + SERVER_DIR + "/cert.pem -key "
                        + SERVER_DIR + "/key.pem" + (chainPem.isEmpty() ? "" : " -cert_chain " + SERVER_DIR
                                + "/chain.pem") + " " + extraOptions + " >/dev/null 2>&1 &")
                .setup("for i in $(seq 100); do ss -ltn | grep -q ':" + TLS_PORT + " ' && break; sleep 0.1; done");
    }

    static List<TlsEndpoint> endpoint(LabHost lab) {
        return List.of(new TlsEndpoint(lab.mappedPort(TLS_PORT), NAME, null));
    }

    @Test
    void opensslServerSpeakingOnlyTls10FailsProtocolsAndItsChainIsStillJudged() {
        try (LabHost lab = tlsServer(pki.intermediate().pem(), "-tls1 -cipher DEFAULT:@SECLEVEL=0").start()) {
            GateResult result = gate(internalCa, lab.hostSpec("legacy", endpoint(lab)));

            List<Finding> protocols = findings(result, CheckId.TLS_PROTOCOLS);
            assertThat(protocols).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.message()).startsWith("the endpoint accepts TLSv1, older than the policy's minimum "
                        + "TLSv1.2; served at " + lab.address() + ":" + lab.mappedPort(TLS_PORT));
                assertThat(f.evidence()).anySatisfy(e -> assertThat(e).startsWith("TLSv1: accepted (ServerHello TLSv1"))
                        .contains("TLSv1.2: refused (the server answered with a different protocol version)",
                                "TLSv1.3: refused (the server answered with alert protocol_version)");
                assertThat(f.remediation()).contains("ssl_protocols TLSv1.2 TLSv1.3;");
            });
            List<Finding> chain = findings(result, CheckId.TLS_CHAIN);
            assertThat(chain).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.PASS);
                assertThat(f.evidence()).anySatisfy(e -> assertThat(e).contains("from TLSv1 handshake by the "
                        + "BouncyCastle probe, because the JDK client failed"));
            });
            assertThat(result.passed()).isFalse();
        }
    }

    @Test
    void modernOpensslServerWithFullChainPassesAndTheKeyFileOnTheHostIsJudgedToo() {
        String site = "/etc/ssl/private/site.pem";
        try (LabHost lab = tlsServer(pki.intermediate().pem(), "")
                .file(site, leaf.privateKeyPem() + leaf.pem() + pki.intermediate().pem())
                .setup("chown root:root " + site + " && chmod 600 " + site).start()) {
            List<TlsEndpoint> entries = List.of(endpoint(lab).get(0), new TlsEndpoint(null, null, site),
                    new TlsEndpoint(null, null, "/etc/ssl/private/missing.pem"));
            GateResult result = gate(internalCa, lab.hostSpec("modern", entries));

            List<Finding> chain = findings(result, CheckId.TLS_CHAIN);
            assertThat(chain).extracting(Finding::status).containsExactly(Status.PASS, Status.PASS, Status.ERROR);
            assertThat(chain.get(0).evidence()).anySatisfy(e -> assertThat(e).contains("handshake (")
                    .contains("by the JDK client"));
            assertThat(chain.get(1).message()).endsWith("in the file " + site + " on modern");
            assertThat(String.join("\n", chain.get(1).evidence())).doesNotContain("PRIVATE KEY");
            assertThat(chain.get(2).message()).startsWith("cannot read /etc/ssl/private/missing.pem on modern: ")
                    .contains("No such file");
            assertThat(findings(result, CheckId.TLS_PROTOCOLS)).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.PASS);
                assertThat(f.message()).startsWith("the endpoint accepts only TLSv1.2, TLSv1.3");
            });
        }
    }

    @Test
    void opensslServerWithoutItsIntermediateFailsAsIncomplete() {
        try (LabHost lab = tlsServer("", "").start()) {
            List<Finding> chain = findings(gate(internalCa, lab.hostSpec("incomplete", endpoint(lab))),
                    CheckId.TLS_CHAIN);

            assertThat(chain).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.message()).startsWith("the chain is incomplete: the certificate 'CN=web1.example.com,"
                        + "O=Hardening Lab' comes without its issuer 'CN=Lab Issuing CA,O=Hardening Lab'");
                assertThat(f.evidence()).anySatisfy(e -> assertThat(e).startsWith("1 certificate(s) from TLSv1.3"));
            });
        }
    }

    @Test
    void sshPortListedAsTlsEndpointIsAnErrorNamingTheSshServer() {
        try (LabHost lab = LabHost.builder().start()) {
            GateResult result = gate(internalCa, lab.hostSpec("ssh-as-tls",
                    List.of(new TlsEndpoint(lab.sshPort(), NAME, null))));

            assertThat(findings(result, CheckId.TLS_CHAIN)).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.ERROR);
                assertThat(f.message()).startsWith("the service on " + lab.address() + ":" + lab.sshPort()
                        + " does not speak TLS: it answered the TLS ClientHello with 'SSH-2.0-OpenSSH_");
            });
            assertThat(findings(result, CheckId.TLS_PROTOCOLS)).extracting(Finding::status).containsExactly(Status.ERROR);
        }
    }
}
