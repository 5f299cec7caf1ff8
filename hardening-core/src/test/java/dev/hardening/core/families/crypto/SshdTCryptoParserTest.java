package dev.hardening.core.families.crypto;

import static dev.hardening.core.families.crypto.CryptoFixtures.configured;
import static dev.hardening.core.families.crypto.CryptoFixtures.sshdT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.hardening.core.Fixtures;

class SshdTCryptoParserTest {

    @Test
    void stockDebianConfigurationListsOpenSshDefaultsAndThreeHostKeys() throws Exception {
        ConfiguredCrypto c = configured("default");

        assertThat(c.ciphers()).containsExactly("chacha20-poly1305@openssh.com", "aes128-ctr", "aes192-ctr",
                "aes256-ctr", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com");
        assertThat(c.kexAlgorithms()).contains("ecdh-sha2-nistp256").doesNotContain(KexInit.STRICT_KEX_MARKER);
        assertThat(c.macs()).endsWith("hmac-sha1");
        assertThat(c.hostKeyAlgorithms()).hasSize(16);
        assertThat(c.pubkeyAcceptedAlgorithms()).endsWith("rsa-sha2-512", "rsa-sha2-256");
        assertThat(c.hostKeyFiles()).containsExactly("/etc/ssh/ssh_host_rsa_key", "/etc/ssh/ssh_host_ecdsa_key",
                "/etc/ssh/ssh_host_ed25519_key");
    }

    @Test
    void weakDropInIsWhatSshdTReports() throws Exception {
        ConfiguredCrypto c = configured("weak");

        assertThat(c.sshdTLine(AlgorithmCategory.CIPHER)).isEqualTo("ciphers aes128-cbc,aes256-ctr");
        assertThat(c.sshdTLine(AlgorithmCategory.MAC)).isEqualTo("macs hmac-sha1,hmac-sha2-256");
        assertThat(c.sshdTLine(AlgorithmCategory.KEX)).isEqualTo("kexalgorithms diffie-hellman-group14-sha1,curve25519-sha256");
        assertThat(c.hostKeyAlgorithms()).endsWith("ssh-rsa");
    }

    @Test
    void hardenedConfigurationKeepsOnlyTheHostKeysItNames() throws Exception {
        assertThat(configured("hardened").hostKeyFiles())
                .containsExactly("/etc/ssh/ssh_host_ed25519_key", "/etc/ssh/ssh_host_rsa_key");
    }

    @Test
    void theExistingSshdFixturesAreReadToo() throws Exception {
        assertThat(SshdTCryptoParser.parse(Fixtures.sshd("hardened.sshd-T.txt")).ciphers()).hasSize(6);
    }

    @Test
    void errorOfANonRootSshdTIsNotSshdTOutput() {
        String error = Fixtures.withoutExitStatus(Fixtures.sshd("nonroot-error.txt"));

        assertThatThrownBy(() -> SshdTCryptoParser.parse(error))
                .isInstanceOf(CryptoParseException.class)
                .hasMessage("no kexalgorithms line: not sshd -T output");
    }

    @Test
    void outputCutInsideACryptoLineIsTruncatedNotAShorterList() {
        String text = sshdT("weak");
        String cut = text.substring(0, text.indexOf("ciphers aes128-cbc") + "ciphers aes1".length());

        assertThatThrownBy(() -> SshdTCryptoParser.parse(cut))
                .hasMessageStartingWith("sshd -T output ends inside its ciphers line (line 54)");
    }

    @Test
    void twoCiphersLinesAreTwoOutputsNotOne() {
        String twice = sshdT("default") + "ciphers aes128-cbc\n";

        assertThatThrownBy(() -> SshdTCryptoParser.parse(twice))
                .hasMessage("sshd -T output has a second ciphers line (line 94): more than one sshd -T output?");
    }

    @Test
    void nameWithSpaceOrControlCharacterIsNotAnAlgorithm() {
        String odd = sshdT("weak").replace("ciphers aes128-cbc,aes256-ctr", "ciphers aes128-cbc,aes\u001b[31m");

        assertThatThrownBy(() -> SshdTCryptoParser.parse(odd))
                .hasMessageContaining("ciphers (line 54): name 2 has a character that is not printable ASCII (0x1b)");
    }

    @Test
    void hugeOutputIsRejectedBeforeItIsRead() {
        String huge = "x".repeat(SshdTCryptoParser.MAX_OUTPUT_CHARS + 1);

        assertThatThrownBy(() -> SshdTCryptoParser.parse(huge))
                .hasMessageEndingWith(": not sshd -T output");
    }
}
