package dev.hardening.core.families.crypto;

import static dev.hardening.core.families.crypto.CryptoFixtures.identification;
import static dev.hardening.core.families.crypto.CryptoFixtures.packet;
import static dev.hardening.core.families.crypto.CryptoFixtures.serverHello;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import dev.hardening.core.model.Status;

/**
 * Hostile input: the parsers throw nothing but their own error, and what they did not understand
 * never becomes a server with no weak algorithm.
 */
class CryptoParserProperties {
    private static final byte[] WEAK_PACKET = packet(serverHello("weak"));
    private static final String IDENTIFICATION = identification(serverHello("weak"));
    private static final String WEAK_SSHD_T = CryptoFixtures.sshdT("weak");

    @Property
    void randomBytesAreAParseErrorOrAKexinit(@ForAll @Size(max = 2000) byte[] bytes) {
        assertThat(parseOrError(bytes)).isNotNull();
    }

    @Property
    void everyTruncationOfARealKexinitIsRejected(@ForAll @IntRange(min = 0, max = 343) int length) {
        assertThat(parseOrError(Arrays.copyOf(WEAK_PACKET, length))).isInstanceOf(CryptoParseException.class);
    }

    @Property
    void aCorruptedWeakKexinitNeverPassesTheJudgement(@ForAll @IntRange(min = 0, max = 343) int at,
            @ForAll byte value) {
        byte[] corrupted = WEAK_PACKET.clone();
        corrupted[at] = value;
        Object parsed = parseOrError(corrupted);
        Observation<KexInit> wire = parsed instanceof KexInit k ? Observation.seen("wire x:22", k)
                : Observation.unavailable("wire x:22", ((Exception) parsed).getMessage());

        CryptoVerdict verdict = CryptoJudgement.judge(wire, Observation.unavailable("sshd -T", "not read"),
                CryptoChecksConfig.DEFAULT);

        assertThat(verdict.status()).isNotEqualTo(Status.PASS);
    }

    @Property
    void hugeAnnouncedLengthsAreRejectedWithoutReadingThem(@ForAll @IntRange(min = 35001) int announced) {
        byte[] packet = Arrays.copyOf(CryptoFixtures.uint32(announced), 64);
        assertThat(parseOrError(packet)).isInstanceOf(CryptoParseException.class);
    }

    @Property
    void randomTextIsAParseErrorOrCryptoSettings(@ForAll("sshdTLike") String text) {
        assertThat(parseSshdTOrError(text)).isNotNull();
    }

    @Property
    void anyTruncationOfWeakSshdTNeverPassesWithAHardenedWire(@ForAll("prefixLengths") int length) throws Exception {
        Object parsed = parseSshdTOrError(WEAK_SSHD_T.substring(0, length));
        Observation<ConfiguredCrypto> sshdT = parsed instanceof ConfiguredCrypto c ? Observation.seen("sshd -T", c)
                : Observation.unavailable("sshd -T", ((Exception) parsed).getMessage());

        CryptoVerdict verdict = CryptoJudgement.judge(CryptoFixtures.wire("hardened"), sshdT, CryptoChecksConfig.DEFAULT);

        assertThat(verdict.status()).isNotEqualTo(Status.PASS);
    }

    @Property
    void linesOfNoiseAroundWeakSshdTStillFindTheWeakCipher(@ForAll("noiseLines") String noise) throws Exception {
        Object parsed = parseSshdTOrError(noise + WEAK_SSHD_T + noise);
        if (parsed instanceof ConfiguredCrypto c) {
            assertThat(c.ciphers()).contains("aes128-cbc");
        } else {
            assertThat(parsed).isInstanceOf(CryptoParseException.class);
        }
    }

    @Provide
    Arbitrary<String> sshdTLike() {
        Arbitrary<String> keyword = Arbitraries.of("ciphers", "macs", "kexalgorithms", "hostkeyalgorithms",
                "pubkeyacceptedalgorithms", "hostkey", "port", "CIPHERS", "");
        Arbitrary<String> value = Arbitraries.strings().withCharRange((char) 0, (char) 0x7f).ofMaxLength(80);
        Arbitrary<String> line = keyword.flatMap(k -> value.map(v -> k + " " + v));
        return Arbitraries.oneOf(line.list().ofMaxSize(30).map(lines -> String.join("\n", lines)),
                Arbitraries.strings().ofMaxLength(500));
    }

    @Provide
    Arbitrary<Integer> prefixLengths() {
        return Arbitraries.integers().between(0, WEAK_SSHD_T.length());
    }

    @Provide
    Arbitrary<String> noiseLines() {
        return Arbitraries.strings().withCharRange((char) 0x20, (char) 0x7e).ofMaxLength(40)
                .filter(s -> !s.isBlank()).map(s -> s + "\n");
    }

    /** The KexInit, or the parser's own error; anything else thrown fails the property. */
    private static Object parseOrError(byte[] packet) {
        try {
            return KexInitParser.parse(IDENTIFICATION, packet);
        } catch (CryptoParseException e) {
            return e;
        }
    }

    private static Object parseSshdTOrError(String text) {
        try {
            return SshdTCryptoParser.parse(text);
        } catch (CryptoParseException e) {
            return e;
        }
    }
}
