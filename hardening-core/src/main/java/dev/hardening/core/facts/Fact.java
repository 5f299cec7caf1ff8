package dev.hardening.core.facts;

import java.util.List;

/**
 * A fact about a host as far as it could be established: known, unknown (with the reason, so the
 * check reports ERROR and never PASS), or not applicable to this host (reported as SKIPPED).
 */
public sealed interface Fact<T> {

    record Known<T>(T value) implements Fact<T> {
    }

    record Unknown<T>(String reason, List<String> evidence) implements Fact<T> {
        public Unknown {
            evidence = List.copyOf(evidence);
        }
    }

    record NotApplicable<T>(String reason) implements Fact<T> {
    }

    static <T> Fact<T> known(T value) {
        return new Known<>(value);
    }

    static <T> Fact<T> unknown(String reason, List<String> evidence) {
        return new Unknown<>(reason, evidence);
    }

    static <T> Fact<T> notApplicable(String reason) {
        return new NotApplicable<>(reason);
    }
}
