package dev.hardening.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.security.PublicKey;
import java.util.Optional;

import com.hierynomus.sshj.userauth.certificate.Certificate;
import net.schmizz.sshj.common.Buffer;
import org.junit.jupiter.api.Test;

import dev.hardening.core.Fixtures;
import dev.hardening.core.host.KnownHosts.Decision;
import dev.hardening.core.host.KnownHosts.HostKey;

/** known_hosts as OpenSSH reads it, on lines ssh-keyscan and ssh-keygen wrote (lab/capture-known-hosts-fixtures.sh). */
class KnownHostsTest {
    private static final String FILE = "/home/ci/.ssh/known_hosts";
    private static final String PLAIN = fixture("keyscan-plain.known_hosts");
    private static final String HOST_KEY = fixture("host-ed25519.pub");
    private static final String OTHER_KEY = fixture("other-host-ed25519.pub");
    private static final String CA = fixture("host-ca.pub");
    private static final String CERT = fixture("host-ed25519-cert.pub");

    @Test
    void aKeyOnAPlainLineForTheHostIsTrusted() {
        Decision decision = KnownHosts.parse(FILE, PLAIN).decide("127.0.0.1", key(HOST_KEY), Optional.empty());

        assertThat(decision).isInstanceOfSatisfying(Decision.Trusted.class,
                t -> assertThat(t.line().keyType()).isEqualTo("ssh-ed25519"));
    }

    @Test
    void theBracketedPortFormCountsOnlyForThatPort() {
        KnownHosts file = KnownHosts.parse(FILE, fixture("keyscan-port-2222.known_hosts"));

        assertThat(file.decide(KnownHosts.hostName("127.0.0.1", 2222), key(HOST_KEY), Optional.empty()))
                .isInstanceOf(Decision.Trusted.class);
        assertThat(file.decide(KnownHosts.hostName("127.0.0.1", 22), key(HOST_KEY), Optional.empty()))
                .isInstanceOf(Decision.Unknown.class);
    }

    @Test
    void aHashedLineMatchesTheNameItWasHashedFromAndNoOther() {
        KnownHosts file = KnownHosts.parse(FILE, fixture("keyscan-hashed-localhost.known_hosts"));

        assertThat(file.decide("localhost", key(HOST_KEY), Optional.empty())).isInstanceOf(Decision.Trusted.class);
        assertThat(file.decide("LocalHost", key(HOST_KEY), Optional.empty())).isInstanceOf(Decision.Trusted.class);
        assertThat(file.decide("localhost2", key(HOST_KEY), Optional.empty())).isInstanceOf(Decision.Unknown.class);
    }

    @Test
    void aHashedAndAPlainLineForTheSameHostBothCount() {
        String hashedOld = fixture("keyscan-hashed-localhost.known_hosts").replace(keyField(HOST_KEY), keyField(OTHER_KEY));
        KnownHosts file = KnownHosts.parse(FILE, hashedOld + "localhost " + typeAndKey(HOST_KEY) + "\n");

        assertThat(file.decide("localhost", key(HOST_KEY), Optional.empty()))
                .isInstanceOfSatisfying(Decision.Trusted.class, t -> assertThat(t.line().number()).isEqualTo(2));
        assertThat(file.decide("localhost", key(OTHER_KEY), Optional.empty()))
                .isInstanceOfSatisfying(Decision.Trusted.class, t -> assertThat(t.line().number()).isEqualTo(1));
    }

    @Test
    void anyOfSeveralKeysForTheHostMayMatch() {
        KnownHosts file = KnownHosts.parse(FILE, "web1 " + typeAndKey(OTHER_KEY) + "\nweb1 " + typeAndKey(HOST_KEY) + "\n");

        assertThat(file.decide("web1", key(HOST_KEY), Optional.empty()))
                .isInstanceOfSatisfying(Decision.Trusted.class, t -> assertThat(t.line().number()).isEqualTo(2));
    }

    @Test
    void aDifferentKeyOfTheSameTypeIsAChangeNamingTheLineWithTheOldKey() {
        KnownHosts file = KnownHosts.parse(FILE, "# fleet\nweb1,web1.lab " + typeAndKey(OTHER_KEY) + "\n");

        assertThat(file.decide("web1.lab", key(HOST_KEY), Optional.empty()))
                .isInstanceOfSatisfying(Decision.Changed.class, c -> {
                    assertThat(c.line().number()).isEqualTo(2);
                    assertThat(c.line().fingerprint()).isEqualTo(key(OTHER_KEY).fingerprint());
                });
    }

    @Test
    void aKeyOfAnotherTypeOnlyIsUnknownAndTheOtherTypesAreNamed() {
        String ecdsaOnly = PLAIN.lines().filter(l -> l.contains("ecdsa")).findFirst().orElseThrow();

        assertThat(KnownHosts.parse(FILE, ecdsaOnly).decide("127.0.0.1", key(HOST_KEY), Optional.empty()))
                .isInstanceOfSatisfying(Decision.Unknown.class,
                        u -> assertThat(u.otherTypes()).extracting(KnownHostsLine::keyType).containsExactly("ecdsa-sha2-nistp256"));
    }

    @Test
    void aRevokedKeyIsRefusedEvenWhenAnotherLineListsIt() {
        KnownHosts file = KnownHosts.parse(FILE, PLAIN + "@revoked * " + typeAndKey(HOST_KEY) + "\n");

        assertThat(file.decide("127.0.0.1", key(HOST_KEY), Optional.empty()))
                .isInstanceOfSatisfying(Decision.Revoked.class, r -> assertThat(r.line().number()).isEqualTo(4));
    }

    @Test
    void aRevokedLineForOtherHostsRevokesNothingHere() {
        KnownHosts file = KnownHosts.parse(FILE, PLAIN + "@revoked *.example.com " + typeAndKey(HOST_KEY) + "\n");

        assertThat(file.decide("127.0.0.1", key(HOST_KEY), Optional.empty())).isInstanceOf(Decision.Trusted.class);
    }

    @Test
    void wildcardsMatchAndANegatedPatternExcludesTheLine() {
        String line = "*.lab,!db?.lab " + typeAndKey(HOST_KEY) + "\n";
        KnownHosts file = KnownHosts.parse(FILE, line);

        assertThat(file.decide("web1.lab", key(HOST_KEY), Optional.empty())).isInstanceOf(Decision.Trusted.class);
        assertThat(file.decide("db1.lab", key(HOST_KEY), Optional.empty())).isInstanceOf(Decision.Unknown.class);
        assertThat(file.decide("db10.lab", key(HOST_KEY), Optional.empty())).isInstanceOf(Decision.Trusted.class);
        assertThat(file.decide("web1.lab.evil", key(HOST_KEY), Optional.empty())).isInstanceOf(Decision.Unknown.class);
    }

    @Test
    void aCertificateSignedByACaTrustedForTheHostIsTrusted() {
        Certificate<?> cert = certificate();
        KnownHosts file = KnownHosts.parse(FILE, "@cert-authority *.lab,localhost " + typeAndKey(CA) + "\n");

        assertThat(file.decide("web1.lab", HostKey.of(blob(cert.getKey())), Optional.of(HostKey.of(cert.getSignatureKey()))))
                .isInstanceOfSatisfying(Decision.Trusted.class,
                        t -> assertThat(t.line().marker()).isEqualTo(KnownHostsLine.Marker.CERT_AUTHORITY));
        assertThat(file.algorithmsFor("web1.lab")).contains("ssh-ed25519-cert-v01@openssh.com");
    }

    @Test
    void aCaIsNotTrustedForHostsItsPatternsExclude() {
        Certificate<?> cert = certificate();
        KnownHosts file = KnownHosts.parse(FILE, "@cert-authority *.lab,!web1.lab " + typeAndKey(CA) + "\n");

        assertThat(file.decide("web1.lab", HostKey.of(blob(cert.getKey())), Optional.of(HostKey.of(cert.getSignatureKey()))))
                .isInstanceOf(Decision.Unknown.class);
    }

    @Test
    void aRevokedCaRefusesItsCertificates() {
        Certificate<?> cert = certificate();
        KnownHosts file = KnownHosts.parse(FILE, "@cert-authority * " + typeAndKey(CA) + "\n@revoked * " + typeAndKey(CA) + "\n");

        assertThat(file.decide("web1.lab", HostKey.of(blob(cert.getKey())), Optional.of(HostKey.of(cert.getSignatureKey()))))
                .isInstanceOfSatisfying(Decision.Revoked.class, r -> assertThat(r.line().number()).isEqualTo(2));
    }

    @Test
    void aCaKeyOnAPlainLineDoesNotVouchForCertificates() {
        Certificate<?> cert = certificate();
        KnownHosts file = KnownHosts.parse(FILE, "web1.lab " + typeAndKey(CA) + "\n");

        assertThat(file.decide("web1.lab", HostKey.of(blob(cert.getKey())), Optional.of(HostKey.of(cert.getSignatureKey()))))
                .isInstanceOf(Decision.Changed.class);
    }

    @Test
    void linesThatAreNotUnderstoodTrustNothingAndAreCounted() {
        String key = keyField(HOST_KEY);
        KnownHosts file = KnownHosts.parse(FILE, String.join("\n",
                "@trusted web1 ssh-ed25519 " + key,
                "web1 ssh-rsa " + key,
                "web1 ssh-ed25519 not-base64!",
                "|1|bad web1 ssh-ed25519 " + key,
                "web1 ssh-ed25519",
                "web1 ssh-ed25519-cert-v01@openssh.com " + keyField(CERT)));

        assertThat(file.lines()).isEmpty();
        assertThat(file.notUnderstood()).containsExactly("line 1: unknown marker", "line 2: the key is not a ssh-rsa key",
                "line 3: the key is not base64", "line 4: malformed hashed host name",
                "line 5: expected host patterns, key type and key", "line 6: a certificate is not a known host key");
        assertThat(file.decide("web1", key(HOST_KEY), Optional.empty())).isInstanceOf(Decision.Unknown.class);
    }

    @Test
    void aMissingKnownHostsFileTrustsNothingAndSaysHowToCreateIt() throws IOException {
        String missing = "/nonexistent/hardening/known_hosts";
        HostKeyVerification verification = HostKeyVerification.knownHosts(java.nio.file.Path.of(missing));

        assertThat(verification.verify("web1", 22, publicKey(HOST_KEY))).isFalse();
        assertThat(verification.rejection()).startsWith("host key unknown:")
                .contains("not in known_hosts " + missing + ": add it with `ssh-keyscan -t ed25519 web1 >> " + missing);
    }

    @Test
    void theVerifierRefusesARevokedKeyNamingTheLine() throws IOException {
        HostKeyVerification verification = HostKeyVerification.knownHosts(
                KnownHosts.parse(FILE, PLAIN + "@revoked * " + typeAndKey(HOST_KEY) + "\n"));

        assertThat(verification.verify("127.0.0.1", 22, publicKey(HOST_KEY))).isFalse();
        assertThat(verification.rejection()).startsWith("host key revoked: the ssh-ed25519 key "
                + key(HOST_KEY).fingerprint() + " presented by 127.0.0.1 is marked @revoked at " + FILE + ":4 (@revoked * ");
    }

    @Test
    void theVerifierSaysHowToAddAnUnknownKey() throws IOException {
        HostKeyVerification verification = HostKeyVerification.knownHosts(KnownHosts.parse(FILE, ""));

        assertThat(verification.verify("web1", 2222, publicKey(HOST_KEY))).isFalse();
        assertThat(verification.rejection()).startsWith("host key unknown: the ssh-ed25519 key")
                .doesNotContain("mismatch").doesNotContain("attack")
                .contains("not in known_hosts " + FILE + ": add it with `ssh-keyscan -p 2222 -t ed25519 web1 >> " + FILE
                        + "` after verifying the fingerprint " + key(HOST_KEY).fingerprint());
    }

    @Test
    void theVerifierCallsAChangedKeyAPossibleAttackNamingTheOldLine() throws IOException {
        HostKeyVerification verification = HostKeyVerification.knownHosts(
                KnownHosts.parse(FILE, "web1 " + typeAndKey(OTHER_KEY) + "\n"));

        assertThat(verification.verify("web1", 22, publicKey(HOST_KEY))).isFalse();
        assertThat(verification.rejection()).startsWith("host key changed: possible attack").contains(
                "web1 presented the ssh-ed25519 key " + key(HOST_KEY).fingerprint() + ", but " + FILE + ":1 holds its "
                + "ssh-ed25519 key " + key(OTHER_KEY).fingerprint());
    }

    @Test
    void theVerifierAcceptsACertificateFromATrustedCa() throws IOException {
        HostKeyVerification verification = HostKeyVerification.knownHosts(
                KnownHosts.parse(FILE, "@cert-authority localhost " + typeAndKey(CA) + "\n"));

        assertThat(verification.verify("localhost", 22, certificate())).isTrue();
        assertThat(verification.rejection()).isNull();
    }

    private static String fixture(String name) {
        return Fixtures.read("known_hosts/" + name);
    }

    private static String keyField(String publicKeyLine) {
        return publicKeyLine.strip().split("\\s+")[1];
    }

    private static String typeAndKey(String publicKeyLine) {
        String[] parts = publicKeyLine.strip().split("\\s+");
        return parts[0] + " " + parts[1];
    }

    private static HostKey key(String publicKeyLine) {
        return HostKey.of(java.util.Base64.getDecoder().decode(keyField(publicKeyLine)));
    }

    private static PublicKey publicKey(String line) throws IOException {
        return HostKeyVerification.parsePublicKeyLine(line);
    }

    private static Certificate<?> certificate() {
        try {
            return (Certificate<?>) publicKey(CERT);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }
}
