package dev.hardening.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Inputs a host or a careless user could hand a parser (truncated, corrupted, binary, wrong
 * encoding, huge) and the one contract every parser keeps on them: a result or a parse error with a
 * message, quickly, never another exception.
 */
public final class HostileInput {
    private static final Duration QUICKLY = Duration.ofSeconds(5);

    private HostileInput() {
    }

    /**
     * What the parser made of the input, or empty when it refused it with an {@link IllegalArgumentException}
     * saying why; any other exception, or taking longer than a few seconds, fails the property.
     */
    public static <T> Optional<T> parsedOrRefused(Callable<T> parse) {
        return assertTimeoutPreemptively(QUICKLY, () -> {
            try {
                return Optional.of(parse.call());
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).isNotBlank();
                return Optional.<T>empty();
            }
        });
    }

    /** Any text: control characters, Latin-1, mis-decoded UTF-8 (U+FFFD), lone surrogates. */
    public static Arbitrary<String> anyText() {
        Arbitrary<Character> chars = Arbitraries.oneOf(Arbitraries.chars().range('\u0000', '\u00ff'),
                Arbitraries.of('\ufffd', '\ud800', '\udfff', '\u202e', '\n', '\r', '\t', ' '));
        return chars.list().ofMaxSize(3000).map(HostileInput::join);
    }

    /** Real fixtures cut off anywhere, or with junk put in anywhere. */
    public static Arbitrary<String> damaged(List<String> fixtures) {
        Arbitrary<String> fixture = Arbitraries.of(fixtures);
        Arbitrary<String> truncated = Combinators.combine(fixture, Arbitraries.doubles().between(0, 1))
                .as((text, at) -> text.substring(0, (int) (text.length() * at)));
        Arbitrary<String> corrupted = Combinators.combine(fixture, Arbitraries.doubles().between(0, 1), anyText()
                .map(t -> t.substring(0, Math.min(t.length(), 40)))).as((text, at, junk) -> {
                    int i = (int) (text.length() * at);
                    return text.substring(0, i) + junk + text.substring(i);
                });
        return Arbitraries.oneOf(truncated, corrupted);
    }

    private static String join(List<Character> chars) {
        StringBuilder out = new StringBuilder(chars.size());
        chars.forEach(out::append);
        return out.toString();
    }
}
