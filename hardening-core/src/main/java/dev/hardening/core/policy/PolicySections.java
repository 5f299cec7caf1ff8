package dev.hardening.core.policy;

import java.util.Collection;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** What the policy loader needs to know of the registered families: their sections and check ids. */
public interface PolicySections {

    /** The family section under {@code checks:} with this name. */
    Optional<ConfigKey<?>> section(String name);

    /** Every section name, for "did you mean" hints. */
    Collection<String> sectionNames();

    /** Every check id a waiver may name. */
    Collection<String> checkIds();

    /** The section's settings with the file paths they hold resolved ({@code trust: ca.pem}). */
    <C> C resolvePaths(ConfigKey<C> key, C settings, UnaryOperator<String> resolve);
}
