package dev.hardening.junit.tls;

import static dev.hardening.junit.tls.TlsChecksTest.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.core.policy.TlsChecksConfig;
import dev.hardening.core.policy.TlsEndpoint;
import dev.hardening.lab.LabPki;

/**
 * tls.chain agrees with {@code openssl verify} on the same PEM files: the root as CAfile, what the
 * server sends after its own certificate as untrusted, the expected hostname, and security level 2
 * (what Debian's TLS clients enforce), now and {@code minDaysValid} days from now.
 */
class OpensslVerifyAgreementTest {
    static final int MIN_DAYS_VALID = 14;
    static LabPki pki;
    @TempDir
    static Path dir;

    /** What the server sends after its own certificate. */
    enum Sent {
        LEAF_ONLY, INTERMEDIATE, INTERMEDIATE_AND_ROOT
    }

    /** One case: how the server certificate is made, and what is sent with it. */
    record Case(String name, Function<LabPki, LabPki.Issued> leaf, Sent sent) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void requireOpenssl() {
        assumeTrue(openssl("version").exitCode() == 0, "openssl is not on the PATH");
        pki = LabPki.create("Agreement");
    }

    static Stream<Arguments> cases() {
        Instant now = Instant.now();
        return Stream.of(
                new Case("public-style chain", p -> p.leaf(NAME, "www.example.com").issue(), Sent.INTERMEDIATE),
                new Case("chain with the root sent too", p -> p.leaf(NAME).issue(), Sent.INTERMEDIATE_AND_ROOT),
                new Case("EC P-256 leaf", p -> p.leaf(NAME).ecKey(256).issue(), Sent.INTERMEDIATE),
                new Case("wildcard SAN", p -> p.leaf("*.example.com").issue(), Sent.INTERMEDIATE),
                new Case("leaf issued by the root", p -> p.leaf(NAME).issuedByRoot().issue(), Sent.LEAF_ONLY),
                new Case("expired leaf", p -> p.leaf(NAME).validFrom(now.minus(Duration.ofDays(100)))
                        .validUntil(now.minus(Duration.ofDays(10))).issue(), Sent.INTERMEDIATE),
                new Case("not yet valid leaf", p -> p.leaf(NAME).validFrom(now.plus(Duration.ofDays(30)))
                        .validUntil(now.plus(Duration.ofDays(120))).issue(), Sent.INTERMEDIATE),
                new Case("leaf expiring in 5 days", p -> p.leaf(NAME).validUntil(now.plus(Duration.ofDays(5)))
                        .issue(), Sent.INTERMEDIATE),
                new Case("wrong hostname", p -> p.leaf("web2.example.com").issue(), Sent.INTERMEDIATE),
                new Case("wildcard one level too deep", p -> p.leaf("*.com").issue(), Sent.INTERMEDIATE),
                new Case("self-signed leaf", p -> p.leaf(NAME).selfSigned().issue(), Sent.LEAF_ONLY),
                new Case("missing intermediate", p -> p.leaf(NAME).issue(), Sent.LEAF_ONLY),
                new Case("SHA-1 signed leaf", p -> p.leaf(NAME).signatureAlgorithm("SHA1withRSA").issue(),
                        Sent.INTERMEDIATE),
                new Case("RSA 1024 leaf", p -> p.leaf(NAME).rsaKey(1024).issue(), Sent.INTERMEDIATE))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tlsChainPassesExactlyWhenOpensslVerifiesNowAndAtTheEndOfTheWindow(Case c) throws IOException {
        LabPki.Issued leaf = c.leaf().apply(pki);
        List<X509Certificate> sent = new ArrayList<>(List.of(leaf.certificate()));
        if (c.sent() != Sent.LEAF_ONLY) {
            sent.add(pki.intermediate().certificate());
        }
        if (c.sent() == Sent.INTERMEDIATE_AND_ROOT) {
            sent.add(pki.root().certificate());
        }
        Path caFile = Files.writeString(dir.resolve("ca.pem"), pki.root().pem());
        Path leafFile = Files.writeString(dir.resolve("leaf.pem"), leaf.pem());
        Path untrusted = Files.writeString(dir.resolve("untrusted.pem"), LabPki.pem(sent.subList(1, sent.size())));

        OpensslResult now = verify(caFile, untrusted, leafFile, sent.size() > 1, null);
        OpensslResult endOfWindow = verify(caFile, untrusted, leafFile, sent.size() > 1,
                Instant.now().plus(Duration.ofDays(MIN_DAYS_VALID)));
        List<Finding> chain;
        try (LoopbackTlsServer server = LoopbackTlsServer.serving(sent, leaf.keyPair())) {
            chain = TlsChecksTest.check(new TlsChecksConfig(null, caFile.toString(), MIN_DAYS_VALID, null, null),
                    new TlsEndpoint(server.port(), NAME, null)).stream().filter(f -> f.check().equals(CheckId.TLS_CHAIN))
                    .toList();
        }

        boolean opensslAccepts = now.accepted() && endOfWindow.accepted();
        assertThat(chain.stream().allMatch(f -> f.status() == Status.PASS))
                .as("tls.chain %s vs openssl verify now: %s; at +%d days: %s", chain.stream().map(Finding::message)
                        .toList(), now.output(), MIN_DAYS_VALID, endOfWindow.output())
                .isEqualTo(opensslAccepts);
        assertThat(chain).extracting(Finding::status).doesNotContain(Status.ERROR);
    }

    record OpensslResult(int exitCode, String output) {
        boolean accepted() {
            return exitCode == 0 && output.strip().endsWith(": OK");
        }
    }

    private static OpensslResult verify(Path caFile, Path untrusted, Path leaf, boolean withUntrusted, Instant at) {
        List<String> args = new ArrayList<>(List.of("verify", "-CAfile", caFile.toString(), "-verify_hostname", NAME,
                "-auth_level", "2"));
        if (withUntrusted) {
            args.addAll(List.of("-untrusted", untrusted.toString()));
        }
        if (at != null) {
            args.addAll(List.of("-attime", String.valueOf(at.getEpochSecond())));
        }
        args.add(leaf.toString());
        return openssl(args.toArray(String[]::new));
    }

    private static OpensslResult openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new OpensslResult(-1, "openssl did not finish within 30 s");
            }
            return new OpensslResult(process.exitValue(),
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new OpensslResult(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OpensslResult(-1, "interrupted");
        }
    }
}
