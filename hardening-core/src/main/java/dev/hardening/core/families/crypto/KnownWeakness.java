package dev.hardening.core.families.crypto;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.hardening.core.model.Severity;

/**
 * Why an algorithm is weak and how badly, after ssh-audit and Mozilla's OpenSSH guideline. HIGH is
 * broken or obsolete beyond repair; MEDIUM rests on SHA-1 or a mode with known attacks; LOW is a
 * doubt or a margin, not an attack. The default forbidden lists of {@link CryptoChecksConfig} are
 * these patterns.
 *
 * @param category for {@link AlgorithmCategory#HOST_KEY}, also the user key signatures ({@code USER_KEY})
 */
public record KnownWeakness(AlgorithmCategory category, String pattern, Severity severity, String why) {

    /** Most specific first; an algorithm takes the most severe entry it matches. */
    public static final List<KnownWeakness> ALL = List.of(
            kex("diffie-hellman-group1-sha1", Severity.HIGH,
                    "1024-bit Diffie-Hellman group (within reach of Logjam-style precomputation) and a SHA-1 hash"),
            kex("diffie-hellman-group14-sha1", Severity.MEDIUM,
                    "SHA-1 exchange hash (chosen-prefix collisions are practical); the 2048-bit group is sound"),
            kex("diffie-hellman-group-exchange-sha1", Severity.MEDIUM,
                    "SHA-1 exchange hash, over groups from the server's moduli file"),
            kex("gss-group1-sha1-*", Severity.HIGH, "GSSAPI key exchange over the 1024-bit group with SHA-1"),
            kex("gss-*-sha1-*", Severity.MEDIUM, "GSSAPI key exchange with a SHA-1 exchange hash"),
            kex("rsa1024-sha1", Severity.HIGH, "1024-bit RSA key transport with SHA-1 (RFC 4432)"),
            // ssh-audit fails them, Mozilla still lists them, and no attack is known: a doubt, so LOW
            kex("ecdh-sha2-nistp*", Severity.LOW,
                    "NIST P-curve whose constants cannot be verified (ssh-audit: possibly backdoored); no known attack"),
            hostKey("ssh-dss*", Severity.HIGH,
                    "DSA: 1024-bit keys and SHA-1 signatures; disabled by default since OpenSSH 7.0"),
            hostKey("ssh-rsa", Severity.MEDIUM,
                    "RSA with SHA-1 signatures (chosen-prefix collisions); rsa-sha2-256/512 use the same keys"),
            hostKey("ssh-rsa-cert-v01@openssh.com", Severity.MEDIUM,
                    "RSA certificates with SHA-1 signatures; rsa-sha2-256/512-cert-v01 use the same keys"),
            cipher("none", Severity.HIGH, "no encryption"),
            cipher("3des-cbc", Severity.HIGH, "64-bit block cipher (Sweet32 birthday attacks) in CBC mode"),
            cipher("blowfish-cbc", Severity.HIGH, "64-bit block cipher (Sweet32 birthday attacks) in CBC mode"),
            cipher("cast128-cbc", Severity.HIGH, "64-bit block cipher (Sweet32 birthday attacks) in CBC mode"),
            cipher("arcfour*", Severity.HIGH, "RC4: biased keystream, broken"),
            cipher("*-cbc*", Severity.MEDIUM,
                    "CBC mode: SSH plaintext recovery (Albrecht et al. 2009), and Terrapin with -etm MACs"),
            mac("none", Severity.HIGH, "no integrity protection"),
            mac("hmac-md5*", Severity.HIGH, "MD5, a broken hash; nothing still needs it"),
            mac("hmac-sha1*", Severity.MEDIUM, "SHA-1 based (and the -96 variants cut the tag to 96 bits)"),
            mac("hmac-ripemd160*", Severity.MEDIUM, "RIPEMD-160: little studied, removed from OpenSSH 7.6"),
            // ssh-audit only warns: a 64-bit tag is a thin margin against forgery, not a break
            mac("umac-64*", Severity.LOW, "64-bit tag: a thin margin against forgery"));

    public KnownWeakness {
        AlgorithmGlob.of(pattern);
    }

    /** The patterns of a category, as the default forbidden list. */
    public static List<String> patterns(AlgorithmCategory category) {
        AlgorithmCategory listed = listedUnder(category);
        return ALL.stream().filter(w -> w.category == listed).map(KnownWeakness::pattern).distinct().toList();
    }

    /** The most severe known weakness of an algorithm, if it has one. */
    public static Optional<KnownWeakness> of(AlgorithmCategory category, String algorithm) {
        AlgorithmCategory listed = listedUnder(category);
        return ALL.stream()
                .filter(w -> w.category == listed && AlgorithmGlob.of(w.pattern).matches(algorithm))
                .min(Comparator.comparing(KnownWeakness::severity));
    }

    /** User keys are signed with the same algorithms as host keys. */
    private static AlgorithmCategory listedUnder(AlgorithmCategory category) {
        return category == AlgorithmCategory.USER_KEY ? AlgorithmCategory.HOST_KEY : category;
    }

    private static KnownWeakness kex(String pattern, Severity severity, String why) {
        return new KnownWeakness(AlgorithmCategory.KEX, pattern, severity, why);
    }

    private static KnownWeakness hostKey(String pattern, Severity severity, String why) {
        return new KnownWeakness(AlgorithmCategory.HOST_KEY, pattern, severity, why);
    }

    private static KnownWeakness cipher(String pattern, Severity severity, String why) {
        return new KnownWeakness(AlgorithmCategory.CIPHER, pattern, severity, why);
    }

    private static KnownWeakness mac(String pattern, Severity severity, String why) {
        return new KnownWeakness(AlgorithmCategory.MAC, pattern, severity, why);
    }
}
