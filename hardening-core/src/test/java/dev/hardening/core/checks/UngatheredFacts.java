package dev.hardening.core.checks;

import java.util.List;
import java.util.Map;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.FactKey;
import dev.hardening.core.facts.HostFacts;

/**
 * Host facts for a test of one family: every fact the test does not give is unknown, so a check that
 * reached for it would report ERROR rather than quietly pass.
 */
interface UngatheredFacts extends HostFacts {

    /** The facts this test gives. */
    Map<FactKey<?>, Fact<?>> given();

    @Override
    default String hostName() {
        return "web1";
    }

    @Override
    @SuppressWarnings("unchecked")
    default <T> Fact<T> get(FactKey<T> key) {
        Fact<?> fact = given().get(key);
        return fact != null ? (Fact<T>) fact : Fact.unknown("not gathered in this test", List.of());
    }
}
