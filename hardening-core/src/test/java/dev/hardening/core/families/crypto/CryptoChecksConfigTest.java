package dev.hardening.core.families.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import dev.hardening.core.model.Severity;

class CryptoChecksConfigTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void defaultsForbidWhatSshAuditCallsWeak() {
        CryptoChecksConfig d = CryptoChecksConfig.DEFAULT;

        assertThat(d.enabled()).isTrue();
        assertThat(d.reportTerrapin()).isTrue();
        assertThat(d.forbiddenKex()).containsExactly("diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1",
                "diffie-hellman-group-exchange-sha1", "gss-group1-sha1-*", "gss-*-sha1-*", "rsa1024-sha1",
                "ecdh-sha2-nistp*");
        assertThat(d.forbiddenHostKeys()).containsExactly("ssh-dss*", "ssh-rsa", "ssh-rsa-cert-v01@openssh.com");
        assertThat(d.forbiddenCiphers()).containsExactly("none", "3des-cbc", "blowfish-cbc", "cast128-cbc", "arcfour*",
                "*-cbc*");
        assertThat(d.forbiddenMacs()).containsExactly("none", "hmac-md5*", "hmac-sha1*", "hmac-ripemd160*", "umac-64*");
        assertThat(d.allowedCiphers()).isEmpty();
    }

    @Test
    void globsMatchWholeNamesOnly() {
        CryptoChecksConfig d = CryptoChecksConfig.DEFAULT;

        assertThat(d.forbiddenBy(AlgorithmCategory.HOST_KEY, "ssh-rsa")).contains("ssh-rsa");
        assertThat(d.forbiddenBy(AlgorithmCategory.HOST_KEY, "rsa-sha2-512")).isEmpty();
        assertThat(d.forbiddenBy(AlgorithmCategory.USER_KEY, "ssh-dss-cert-v01@openssh.com")).contains("ssh-dss*");
        assertThat(d.forbiddenBy(AlgorithmCategory.CIPHER, "rijndael-cbc@lysator.liu.se")).contains("*-cbc*");
        assertThat(d.forbiddenBy(AlgorithmCategory.MAC, "hmac-sha2-256")).isEmpty();
        assertThat(d.forbiddenBy(AlgorithmCategory.MAC, "hmac-sha1-96-etm@openssh.com")).contains("hmac-sha1*");
        assertThat(d.forbiddenBy(AlgorithmCategory.KEX, "gss-group14-sha1-toWM5Slw5Ew8Mqkay+al2g==")).contains("gss-*-sha1-*");
        assertThat(d.forbiddenBy(AlgorithmCategory.KEX, "gss-group14-sha256-toWM5Slw5Ew8Mqkay+al2g==")).isEmpty();
    }

    @Test
    void mostSevereKnownWeaknessWinsWhenSeveralPatternsMatch() {
        assertThat(KnownWeakness.of(AlgorithmCategory.CIPHER, "3des-cbc").orElseThrow().severity()).isEqualTo(Severity.HIGH);
        assertThat(KnownWeakness.of(AlgorithmCategory.CIPHER, "aes128-cbc").orElseThrow().severity())
                .isEqualTo(Severity.MEDIUM);
        assertThat(KnownWeakness.of(AlgorithmCategory.KEX, "gss-group1-sha1-abc").orElseThrow().severity())
                .isEqualTo(Severity.HIGH);
    }

    @Test
    void allowedPatternExceptsAnAlgorithmTheDefaultsForbid() {
        CryptoChecksConfig c = CryptoChecksConfig.DEFAULT.allowing(AlgorithmCategory.KEX, List.of("ecdh-sha2-nistp256"));

        assertThat(c.forbiddenBy(AlgorithmCategory.KEX, "ecdh-sha2-nistp256")).isEmpty();
        assertThat(c.forbiddenBy(AlgorithmCategory.KEX, "ecdh-sha2-nistp384")).contains("ecdh-sha2-nistp*");
    }

    @Test
    void yamlSectionBindsAndAGivenListReplacesTheDefault() throws Exception {
        CryptoChecksConfig c = YAML.readValue("""
                forbiddenCiphers: ["*-cbc", "3des*"]
                allowedMacs: [umac-64-etm@openssh.com]
                reportTerrapin: false
                """, CryptoChecksConfig.class);

        assertThat(c.forbiddenCiphers()).containsExactly("*-cbc", "3des*");
        assertThat(c.forbiddenMacs()).isEqualTo(CryptoChecksConfig.DEFAULT.forbiddenMacs());
        assertThat(c.allowedMacs()).containsExactly("umac-64-etm@openssh.com");
        assertThat(c.reportTerrapin()).isFalse();
        assertThat(c.enabled()).isTrue();
    }

    @Test
    void patternWithCharactersNoAlgorithmHasNamesTheKeyAndThePattern() {
        assertThatThrownBy(() -> CryptoChecksConfig.DEFAULT.forbidding(AlgorithmCategory.MAC, List.of("hmac sha1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("forbiddenMacs: 'hmac sha1' is not an algorithm name or glob");
    }
}
