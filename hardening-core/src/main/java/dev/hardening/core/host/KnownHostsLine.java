package dev.hardening.core.host;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One understood line of a known_hosts file (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"):
 * {@code [@marker] patterns keytype base64-key [comment]}.
 *
 * @param number the 1-based line number in its file
 * @param patterns the host patterns as written (comma-separated, {@code *}/{@code ?} wildcards,
 *     {@code !} negation), or one hashed name {@code |1|salt|hash}
 * @param keyType the key type named on the line, which the key blob itself also names
 * @param keyBlob the key in base64, exactly as decoded and re-encoded
 */
public record KnownHostsLine(int number, Marker marker, String patterns, String keyType, String keyBlob) {
    private static final String HASH_MAGIC = "|1|";
    private static final Pattern HASHED = Pattern.compile("\\|1\\|[A-Za-z0-9+/=]+\\|[A-Za-z0-9+/=]+");

    /** What a line says about its key. */
    public enum Marker {
        /** A key the host may present. */
        HOST_KEY(""),
        /** A CA whose host certificates are accepted for the matching hosts. */
        CERT_AUTHORITY("@cert-authority"),
        /** A key that must never be accepted. */
        REVOKED("@revoked");

        private final String spelling;

        Marker(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }
    }

    /**
     * True when {@code hostName} (the host, or {@code [host]:port} off port 22) matches the line as
     * OpenSSH's match_hostname decides: a hashed name by HMAC-SHA1, otherwise any positive pattern
     * matching and no negated one ({@code !pattern} excludes the line whatever else matches).
     */
    public boolean matches(String hostName) {
        String name = hostName.toLowerCase(Locale.ROOT);
        if (patterns.startsWith(HASH_MAGIC)) {
            return hashMatches(name);
        }
        boolean positive = false;
        for (String pattern : patterns.split(",", -1)) {
            boolean negated = pattern.startsWith("!");
            String glob = (negated ? pattern.substring(1) : pattern).toLowerCase(Locale.ROOT);
            if (wildcardMatches(glob, name)) {
                if (negated) {
                    return false;
                }
                positive = true;
            }
        }
        return positive;
    }

    /** The {@code SHA256:} fingerprint of the line's key, as {@code ssh-keygen -lf} prints it. */
    public String fingerprint() {
        return fingerprintOf(Base64.getDecoder().decode(keyBlob));
    }

    /** The line as evidence: its file and number, marker and key, never the comment. */
    public String describe(String file) {
        return file + ":" + number + " (" + (marker == Marker.HOST_KEY ? "" : marker.spelling() + " ") + patterns
                + " " + keyType + " " + fingerprint() + ")";
    }

    static String fingerprintOf(byte[] blob) {
        try {
            return "SHA256:" + Base64.getEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    static boolean isHashedName(String field) {
        return HASHED.matcher(field).matches();
    }

    private boolean hashMatches(String name) {
        List<String> parts = List.of(patterns.substring(HASH_MAGIC.length()).split("\\|", -1));
        try {
            byte[] salt = Base64.getDecoder().decode(parts.get(0));
            byte[] expected = Base64.getDecoder().decode(parts.get(1));
            Mac hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(salt, "HmacSHA1"));
            return MessageDigest.isEqual(expected, hmac.doFinal(name.getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException | InvalidKeyException e) {
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA1 is required of every JVM", e);
        }
    }

    /**
     * OpenSSH's match_pattern: {@code *} any run, {@code ?} one character, the rest literal. Backtracks
     * only to the last {@code *}, so a pattern of many stars stays linear in the name's length.
     */
    private static boolean wildcardMatches(String glob, String name) {
        int g = 0;
        int n = 0;
        int star = -1;
        int starName = 0;
        while (n < name.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == name.charAt(n))) {
                g++;
                n++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                starName = n;
            } else if (star >= 0) {
                g = star + 1;
                n = ++starName;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
