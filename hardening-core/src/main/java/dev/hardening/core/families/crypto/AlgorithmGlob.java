package dev.hardening.core.families.crypto;

import java.util.regex.Pattern;

import dev.hardening.core.util.Glob;

/** A policy pattern over algorithm names: {@code *} any run of characters, {@code ?} one; case matters, as in OpenSSH. */
record AlgorithmGlob(String pattern, Glob glob) {
    /** The characters algorithm names are made of, and the two wildcards. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9@._+*?-]{1,64}");

    static AlgorithmGlob of(String pattern) {
        if (pattern == null || !VALID.matcher(pattern).matches()) {
            throw new IllegalArgumentException("'" + pattern + "' is not an algorithm name or glob (letters, digits,"
                    + " @ . _ + - and the wildcards * and ?, at most 64 characters)");
        }
        return new AlgorithmGlob(pattern, Glob.of(pattern));
    }

    boolean matches(String algorithm) {
        return glob.matches(algorithm);
    }
}
