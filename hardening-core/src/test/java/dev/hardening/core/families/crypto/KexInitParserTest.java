package dev.hardening.core.families.crypto;

import static dev.hardening.core.families.crypto.CryptoFixtures.identification;
import static dev.hardening.core.families.crypto.CryptoFixtures.kexInit;
import static dev.hardening.core.families.crypto.CryptoFixtures.nameListsOf;
import static dev.hardening.core.families.crypto.CryptoFixtures.packet;
import static dev.hardening.core.families.crypto.CryptoFixtures.packetOf;
import static dev.hardening.core.families.crypto.CryptoFixtures.serverHello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class KexInitParserTest {
    private static final String OPENSSH = "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10";

    @Test
    void stockDebianServerOffersItsDefaultListsWithStrictKex() throws Exception {
        KexInit k = kexInit("default");

        assertThat(k.serverIdentification()).isEqualTo(OPENSSH);
        assertThat(k.kexAlgorithms()).startsWith("sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com")
                .endsWith("diffie-hellman-group14-sha256", KexInit.STRICT_KEX_MARKER);
        assertThat(k.offered(AlgorithmCategory.KEX)).doesNotContain(KexInit.STRICT_KEX_MARKER).hasSize(11);
        assertThat(k.strictKex()).isTrue();
        assertThat(k.serverHostKeyAlgorithms())
                .containsExactly("rsa-sha2-512", "rsa-sha2-256", "ecdsa-sha2-nistp256", "ssh-ed25519");
        assertThat(k.encryptionClientToServer()).isEqualTo(k.encryptionServerToClient())
                .containsExactly("chacha20-poly1305@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr",
                        "aes128-gcm@openssh.com", "aes256-gcm@openssh.com");
        assertThat(k.macServerToClient()).contains("umac-64-etm@openssh.com", "hmac-sha1").hasSize(10);
        assertThat(k.compressionServerToClient()).containsExactly("none", "zlib@openssh.com");
    }

    @Test
    void weakServerOffersExactlyWhatItsDropInConfigures() throws Exception {
        KexInit k = kexInit("weak");

        assertThat(k.offered(AlgorithmCategory.KEX)).containsExactly("diffie-hellman-group14-sha1", "curve25519-sha256");
        assertThat(k.offered(AlgorithmCategory.CIPHER)).containsExactly("aes128-cbc", "aes256-ctr");
        assertThat(k.offered(AlgorithmCategory.MAC)).containsExactly("hmac-sha1", "hmac-sha2-256");
        assertThat(k.offered(AlgorithmCategory.HOST_KEY)).contains("ssh-rsa");
    }

    @Test
    void directionsThatDifferAreBothOffered() throws Exception {
        List<String> lists = new ArrayList<>(nameListsOf(kexInit("hardened")));
        lists.set(2, "aes256-ctr");
        lists.set(3, "aes128-cbc,aes256-ctr");

        KexInit k = KexInitParser.parse(OPENSSH, packetOf(lists));

        assertThat(k.offered(AlgorithmCategory.CIPHER)).containsExactly("aes256-ctr", "aes128-cbc");
    }

    @Test
    void packetThatIsNotKexinitIsRejectedByItsMessageCode() throws Exception {
        byte[] packet = packet(serverHello("default"));
        packet[5] = 21;

        assertThatThrownBy(() -> KexInitParser.parse(OPENSSH, packet))
                .hasMessage("first packet is message 21, not SSH_MSG_KEXINIT (20)");
    }

    @Test
    void packetLengthAbove35000IsNotSsh() {
        byte[] packet = Arrays.copyOf(CryptoFixtures.uint32(35001), 8);

        assertThatThrownBy(() -> KexInitParser.parse(OPENSSH, packet))
                .isInstanceOf(CryptoParseException.class)
                .hasMessage("packet_length 35001 exceeds 35000 (RFC 4253 6.1)");
    }

    @Test
    void packetShorterThanItsLengthSaysIsTruncated() {
        byte[] packet = packet(serverHello("default"));

        assertThatThrownBy(() -> KexInitParser.parse(OPENSSH, Arrays.copyOf(packet, packet.length - 1)))
                .hasMessage("packet_length says 1132 bytes follow, but 1131 did");
    }

    @Test
    void nameListLongerThanThePacketIsRejected() throws Exception {
        byte[] packet = packet(serverHello("weak"));
        // kex_algorithms' length field sits after the 4+1 byte header, the message code and the cookie
        System.arraycopy(CryptoFixtures.uint32(5000), 0, packet, 22, 4);

        assertThatThrownBy(() -> KexInitParser.parse(OPENSSH, packet))
                .hasMessageStartingWith("kex_algorithms says 5000 bytes, but the payload has");
    }

    @Test
    void nameThatIsNotPrintableAsciiIsRejected() throws Exception {
        List<String> lists = new ArrayList<>(nameListsOf(kexInit("weak")));
        lists.set(2, "aes128-ctr,aes\u00e9-cbc");

        assertThatThrownBy(() -> KexInitParser.parse(OPENSSH, packetOf(lists)))
                .hasMessage("encryption_algorithms_client_to_server: name 2 has a character that is not printable ASCII (0xe9)");
    }

    @Test
    void emptyCipherListIsRejectedBecauseNothingCouldBeNegotiated() throws Exception {
        List<String> lists = new ArrayList<>(nameListsOf(kexInit("weak")));
        lists.set(3, "");

        assertThatThrownBy(() -> KexInitParser.parse(OPENSSH, packetOf(lists)))
                .hasMessage("encryption_algorithms_server_to_client is empty: nothing could be negotiated");
    }

    @Test
    void emptyNameInsideAListIsRejected() throws Exception {
        List<String> lists = new ArrayList<>(nameListsOf(kexInit("weak")));
        lists.set(4, "hmac-sha1,,hmac-sha2-256");

        assertThatThrownBy(() -> KexInitParser.parse(OPENSSH, packetOf(lists)))
                .hasMessage("mac_algorithms_client_to_server: name 2 is empty");
    }

    @Test
    void identificationOfProtocolOneIsNotAccepted() {
        byte[] packet = packet(serverHello("weak"));

        assertThatThrownBy(() -> KexInitParser.parse("SSH-1.5-OldServer", packet))
                .hasMessage("server speaks SSH protocol '1.5', not 2.0");
        assertThatThrownBy(() -> KexInitParser.parse("HTTP/1.1 400 Bad Request", packet))
                .hasMessage("identification does not begin with SSH-");
    }

    @Test
    void capturedIdentificationIsTheLineBeforeThePacket() {
        assertThat(identification(serverHello("hardened"))).isEqualTo(OPENSSH);
    }
}
