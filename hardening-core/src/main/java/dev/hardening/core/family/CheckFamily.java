package dev.hardening.core.family;

import java.util.List;
import java.util.function.UnaryOperator;

import dev.hardening.core.policy.ConfigKey;

/**
 * A family of checks as one registration: its policy section (settings type, defaults, YAML binding),
 * its checks and the sources of the facts they read. Built-in families and users' own are found the
 * same way: a {@code META-INF/services/dev.hardening.core.family.CheckFamily} entry naming the class
 * (public, with a public no-argument constructor), or handed to {@link FamilyRegistry#with}.
 *
 * @param <C> the record the family's {@code checks:} section binds to
 */
public interface CheckFamily<C> {

    /** The family's section under {@code checks:}, with the settings an omitted section stands for. */
    ConfigKey<C> config();

    /** The family's checks, in report order. */
    List<Check> checks();

    /**
     * How the facts this family's checks read are gathered. A check may also read a fact another family
     * gathers (the firewall probe reads the socket inventory); every fact needed must have one source.
     */
    List<FactSource<?>> facts();

    /** Where the family's checks stand in reports: lower first; built-in families use 100-199. */
    default int order() {
        return 1000;
    }

    /** The settings with the file paths they hold resolved (relative to the policy's folder, {@code ~}). */
    default C resolvePaths(C settings, UnaryOperator<String> resolve) {
        return settings;
    }
}
