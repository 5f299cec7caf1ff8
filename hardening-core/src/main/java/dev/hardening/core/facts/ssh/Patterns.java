package dev.hardening.core.facts.ssh;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

import dev.hardening.core.util.Cidr;
import dev.hardening.core.util.IpAddresses;

/** OpenSSH pattern lists ({@code a*,!b?}) and address lists ({@code 10.0.0.0/8,!10.1.*}), as sshd matches them. */
public final class Patterns {
    private Patterns() {
    }

    /** OpenSSH wildcard match: {@code *} any run of characters, {@code ?} exactly one. */
    public static boolean wildcard(String text, String pattern) {
        return wildcard(text, 0, pattern, 0);
    }

    private static boolean wildcard(String s, int si, String p, int pi) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = si; k <= s.length(); k++) {
                    if (wildcard(s, k, p, pi + 1)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length() || (c != '?' && c != s.charAt(si))) {
                return false;
            }
            si++;
            pi++;
        }
        return si == s.length();
    }

    /** {@code match_pattern_list}: true when a positive entry matches and no negated one does. */
    public static boolean patternList(String text, String list, boolean ignoreCase) {
        String subject = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
        boolean positive = false;
        for (String raw : list.split(",")) {
            String entry = ignoreCase ? raw.strip().toLowerCase(Locale.ROOT) : raw.strip();
            boolean negated = entry.startsWith("!");
            if (negated) {
                entry = entry.substring(1);
            }
            if (wildcard(subject, entry)) {
                if (negated) {
                    return false;
                }
                positive = true;
            }
        }
        return positive;
    }

    /** {@code addr_match_list}: CIDR entries or wildcard patterns over the address text, with negation. */
    static boolean addressList(String address, String list) {
        Optional<InetAddress> parsed = IpAddresses.parse(address);
        boolean positive = false;
        for (String raw : list.split(",")) {
            String entry = raw.strip();
            boolean negated = entry.startsWith("!");
            if (negated) {
                entry = entry.substring(1);
            }
            boolean hit;
            if (entry.contains("/")) {
                Cidr cidr = Cidr.parse(entry);
                hit = parsed.isPresent() && cidr.contains(parsed.get());
            } else {
                hit = wildcard(address.toLowerCase(Locale.ROOT), entry.toLowerCase(Locale.ROOT));
            }
            if (hit) {
                if (negated) {
                    return false;
                }
                positive = true;
            }
        }
        return positive;
    }

    /** The positive entries of a list, for building a value that matches it. */
    static java.util.List<String> positives(String list) {
        return java.util.Arrays.stream(list.split(",")).map(String::strip)
                .filter(e -> !e.isEmpty() && !e.startsWith("!")).toList();
    }

    /** A concrete string matching a wildcard pattern ({@code web-*} gives {@code web-x}). */
    static String instance(String pattern, String filler) {
        return pattern.replace("*", filler).replace("?", filler.substring(0, 1));
    }
}
