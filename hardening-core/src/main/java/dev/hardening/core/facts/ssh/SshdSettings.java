package dev.hardening.core.facts.ssh;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Effective sshd settings, keyword (lower case, canonical name) to values in the order sshd
 * reports them. Keywords such as {@code port} or {@code listenaddress} can have several values.
 */
public record SshdSettings(Map<String, List<String>> values) {

    /** Old names sshd still accepts for a keyword, mapped to the name it reports today. */
    private static final Map<String, String> ALIASES = Map.of(
            "challengeresponseauthentication", "kbdinteractiveauthentication",
            "skeyauthentication", "kbdinteractiveauthentication");

    public SshdSettings {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        values = java.util.Collections.unmodifiableMap(copy);
    }

    public static String canonical(String keyword) {
        String lower = keyword.toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(lower, lower);
    }

    /** The first value of a keyword, if sshd reports it. */
    public Optional<String> first(String keyword) {
        List<String> all = values.get(canonical(keyword));
        return all == null || all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    public List<String> all(String keyword) {
        return values.getOrDefault(canonical(keyword), List.of());
    }

    /** The settings as {@code sshd -T} prints them: one {@code keyword value} line per value. */
    public String asSshdTOutput() {
        StringBuilder out = new StringBuilder();
        values.forEach((keyword, all) -> all.forEach(v -> out.append(keyword).append(' ').append(v).append('\n')));
        return out.toString();
    }
}
