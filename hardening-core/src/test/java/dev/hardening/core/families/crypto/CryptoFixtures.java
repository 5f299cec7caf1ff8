package dev.hardening.core.families.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import dev.hardening.core.Fixtures;

/**
 * The captures under {@code fixtures/crypto} (lab/capture-crypto-fixtures.sh: OpenSSH 9.2p1 stock,
 * weak, hardened and not reloaded), and KEXINIT packets built from name-lists for cases no real
 * server of the lab shows.
 */
final class CryptoFixtures {
    static final String SOURCE = "wire 127.0.0.1:2222";

    private CryptoFixtures() {
    }

    /** Every byte the server sent up to the end of its KEXINIT. */
    static byte[] serverHello(String name) {
        return HexFormat.of().parseHex(Fixtures.read("crypto/" + name + ".server-hello.hex").replaceAll("\\s", ""));
    }

    static String identification(byte[] hello) {
        return new String(hello, 0, lineEnd(hello), StandardCharsets.US_ASCII);
    }

    /** The binary packet after the identification line and its CR LF. */
    static byte[] packet(byte[] hello) {
        return Arrays.copyOfRange(hello, lineEnd(hello) + 2, hello.length);
    }

    static KexInit kexInit(String name) throws CryptoParseException {
        byte[] hello = serverHello(name);
        return KexInitParser.parse(identification(hello), packet(hello));
    }

    static String sshdT(String name) {
        return Fixtures.read("crypto/" + name + ".sshd-T.txt");
    }

    static ConfiguredCrypto configured(String name) throws CryptoParseException {
        return SshdTCryptoParser.parse(sshdT(name));
    }

    static Observation<KexInit> wire(String name) throws CryptoParseException {
        return Observation.seen(SOURCE, kexInit(name));
    }

    static Observation<ConfiguredCrypto> sshdTOf(String name) throws CryptoParseException {
        return Observation.seen("sshd -T", configured(name));
    }

    /** A well-formed unencrypted KEXINIT packet with these ten name-lists. */
    static byte[] packetOf(List<String> nameLists) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.write(KexInitParser.SSH_MSG_KEXINIT);
        payload.writeBytes(new byte[16]);
        for (String list : nameLists) {
            byte[] bytes = list.getBytes(StandardCharsets.ISO_8859_1);
            payload.writeBytes(uint32(bytes.length));
            payload.writeBytes(bytes);
        }
        payload.write(0);
        payload.writeBytes(new byte[4]);
        int padding = 8 - (payload.size() + 5) % 8 + 4;
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.writeBytes(uint32(1 + payload.size() + padding));
        packet.write(padding);
        packet.writeBytes(payload.toByteArray());
        packet.writeBytes(new byte[padding]);
        return packet.toByteArray();
    }

    /** The name-lists of a parsed KEXINIT, languages empty, for building a variant of it. */
    static List<String> nameListsOf(KexInit k) {
        return List.of(String.join(",", k.kexAlgorithms()), String.join(",", k.serverHostKeyAlgorithms()),
                String.join(",", k.encryptionClientToServer()), String.join(",", k.encryptionServerToClient()),
                String.join(",", k.macClientToServer()), String.join(",", k.macServerToClient()),
                String.join(",", k.compressionClientToServer()), String.join(",", k.compressionServerToClient()),
                "", "");
    }

    static byte[] uint32(long value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static int lineEnd(byte[] hello) {
        for (int i = 0; i + 1 < hello.length; i++) {
            if (hello[i] == '\r' && hello[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("no identification line");
    }
}
