package dev.hardening.core.families.crypto;

import java.util.List;
import java.util.Optional;

/**
 * {@code checks.crypto}: the algorithms {@code ssh.crypto} reports, as names or globs ({@code *-cbc*},
 * {@code hmac-sha1*}). An omitted {@code forbidden*} list is the default ({@link KnownWeakness}); a
 * given one replaces it. {@code allowed*} lists name exceptions: an algorithm they match is not
 * reported even when a forbidden pattern matches it (a legacy client that needs
 * {@code ecdh-sha2-nistp256}, say). {@code forbiddenHostKeys} also judges {@code PubkeyAcceptedAlgorithms},
 * the signatures accepted from users' keys. {@code reportTerrapin} (default true) reports servers
 * open to Terrapin (CVE-2023-48795).
 */
public record CryptoChecksConfig(
        Boolean enabled,
        List<String> forbiddenKex,
        List<String> forbiddenHostKeys,
        List<String> forbiddenCiphers,
        List<String> forbiddenMacs,
        List<String> allowedKex,
        List<String> allowedHostKeys,
        List<String> allowedCiphers,
        List<String> allowedMacs,
        Boolean reportTerrapin) {

    public static final CryptoChecksConfig DEFAULT =
            new CryptoChecksConfig(null, null, null, null, null, null, null, null, null, null);

    public CryptoChecksConfig {
        enabled = enabled == null || enabled;
        forbiddenKex = patterns(forbiddenKex, AlgorithmCategory.KEX, "forbiddenKex");
        forbiddenHostKeys = patterns(forbiddenHostKeys, AlgorithmCategory.HOST_KEY, "forbiddenHostKeys");
        forbiddenCiphers = patterns(forbiddenCiphers, AlgorithmCategory.CIPHER, "forbiddenCiphers");
        forbiddenMacs = patterns(forbiddenMacs, AlgorithmCategory.MAC, "forbiddenMacs");
        allowedKex = patterns(allowedKex, null, "allowedKex");
        allowedHostKeys = patterns(allowedHostKeys, null, "allowedHostKeys");
        allowedCiphers = patterns(allowedCiphers, null, "allowedCiphers");
        allowedMacs = patterns(allowedMacs, null, "allowedMacs");
        reportTerrapin = reportTerrapin == null || reportTerrapin;
    }

    /** This policy with a category's forbidden list replaced. */
    public CryptoChecksConfig forbidding(AlgorithmCategory category, List<String> patterns) {
        return switch (listedUnder(category)) {
            case KEX -> new CryptoChecksConfig(enabled, patterns, forbiddenHostKeys, forbiddenCiphers, forbiddenMacs,
                    allowedKex, allowedHostKeys, allowedCiphers, allowedMacs, reportTerrapin);
            case HOST_KEY -> new CryptoChecksConfig(enabled, forbiddenKex, patterns, forbiddenCiphers, forbiddenMacs,
                    allowedKex, allowedHostKeys, allowedCiphers, allowedMacs, reportTerrapin);
            case CIPHER -> new CryptoChecksConfig(enabled, forbiddenKex, forbiddenHostKeys, patterns, forbiddenMacs,
                    allowedKex, allowedHostKeys, allowedCiphers, allowedMacs, reportTerrapin);
            default -> new CryptoChecksConfig(enabled, forbiddenKex, forbiddenHostKeys, forbiddenCiphers, patterns,
                    allowedKex, allowedHostKeys, allowedCiphers, allowedMacs, reportTerrapin);
        };
    }

    /** This policy with a category's exceptions replaced. */
    public CryptoChecksConfig allowing(AlgorithmCategory category, List<String> patterns) {
        return switch (listedUnder(category)) {
            case KEX -> new CryptoChecksConfig(enabled, forbiddenKex, forbiddenHostKeys, forbiddenCiphers,
                    forbiddenMacs, patterns, allowedHostKeys, allowedCiphers, allowedMacs, reportTerrapin);
            case HOST_KEY -> new CryptoChecksConfig(enabled, forbiddenKex, forbiddenHostKeys, forbiddenCiphers,
                    forbiddenMacs, allowedKex, patterns, allowedCiphers, allowedMacs, reportTerrapin);
            case CIPHER -> new CryptoChecksConfig(enabled, forbiddenKex, forbiddenHostKeys, forbiddenCiphers,
                    forbiddenMacs, allowedKex, allowedHostKeys, patterns, allowedMacs, reportTerrapin);
            default -> new CryptoChecksConfig(enabled, forbiddenKex, forbiddenHostKeys, forbiddenCiphers,
                    forbiddenMacs, allowedKex, allowedHostKeys, allowedCiphers, patterns, reportTerrapin);
        };
    }

    public CryptoChecksConfig withTerrapinReported(boolean report) {
        return new CryptoChecksConfig(enabled, forbiddenKex, forbiddenHostKeys, forbiddenCiphers, forbiddenMacs,
                allowedKex, allowedHostKeys, allowedCiphers, allowedMacs, report);
    }

    /** The forbidden pattern an algorithm matches, unless an allowed pattern excepts it. */
    public Optional<String> forbiddenBy(AlgorithmCategory category, String algorithm) {
        List<String> forbidden = switch (listedUnder(category)) {
            case KEX -> forbiddenKex;
            case HOST_KEY -> forbiddenHostKeys;
            case CIPHER -> forbiddenCiphers;
            default -> forbiddenMacs;
        };
        List<String> allowed = switch (listedUnder(category)) {
            case KEX -> allowedKex;
            case HOST_KEY -> allowedHostKeys;
            case CIPHER -> allowedCiphers;
            default -> allowedMacs;
        };
        if (allowed.stream().anyMatch(p -> AlgorithmGlob.of(p).matches(algorithm))) {
            return Optional.empty();
        }
        return forbidden.stream().filter(p -> AlgorithmGlob.of(p).matches(algorithm)).findFirst();
    }

    /** The policy key a category's forbidden list is written under, for messages. */
    public static String forbiddenKey(AlgorithmCategory category) {
        return switch (listedUnder(category)) {
            case KEX -> "forbiddenKex";
            case HOST_KEY -> "forbiddenHostKeys";
            case CIPHER -> "forbiddenCiphers";
            default -> "forbiddenMacs";
        };
    }

    private static AlgorithmCategory listedUnder(AlgorithmCategory category) {
        return category == AlgorithmCategory.USER_KEY ? AlgorithmCategory.HOST_KEY : category;
    }

    /** Validated copies; {@code defaults} null means an omitted list is empty. */
    private static List<String> patterns(List<String> given, AlgorithmCategory defaults, String key) {
        if (given == null) {
            return defaults == null ? List.of() : KnownWeakness.patterns(defaults);
        }
        for (String pattern : given) {
            try {
                AlgorithmGlob.of(pattern);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage());
            }
        }
        return List.copyOf(given);
    }
}
