package dev.hardening.core;

import java.util.List;

import dev.hardening.core.family.Check;
import dev.hardening.core.family.CheckFamily;
import dev.hardening.core.family.FactSource;
import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.policy.ConfigKey;

/** A test's checks as one family that gathers nothing of its own, for a registry of just these checks. */
public record TestFamily(List<Check> checks) implements CheckFamily<String> {

    public static FamilyRegistry registry(List<? extends Check> checks) {
        return FamilyRegistry.of(List.of(new TestFamily(List.copyOf(checks))));
    }

    @Override
    public ConfigKey<String> config() {
        return new ConfigKey<>("test", String.class, "");
    }

    @Override
    public List<FactSource<?>> facts() {
        return List.of();
    }
}
