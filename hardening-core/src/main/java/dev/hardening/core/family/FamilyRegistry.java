package dev.hardening.core.family;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import dev.hardening.core.facts.FactKey;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.policy.ConfigKey;
import dev.hardening.core.policy.PolicySections;

/**
 * The check families a run knows: the built-in ones and any a user registers, found through
 * {@link ServiceLoader} or added in code. Immutable; {@link #with} gives a registry with more.
 * Families are ordered by {@link CheckFamily#order()}, then by section name, so reports keep their
 * order whatever the class path order.
 */
public final class FamilyRegistry implements PolicySections {
    private final List<CheckFamily<?>> families;
    private final Map<String, CheckFamily<?>> bySection = new LinkedHashMap<>();
    private final Map<CheckId, Check> checks = new LinkedHashMap<>();
    private final Map<CheckId, CheckFamily<?>> owners = new LinkedHashMap<>();
    private final Map<FactKey<?>, FactSource<?>> sources = new LinkedHashMap<>();
    private final Predicate<CheckId> selected;

    private FamilyRegistry(List<CheckFamily<?>> given) {
        this(given, id -> true);
    }

    private FamilyRegistry(List<CheckFamily<?>> given, Predicate<CheckId> selected) {
        this.selected = selected;
        this.families = given.stream()
                .sorted(Comparator.<CheckFamily<?>>comparingInt(CheckFamily::order).thenComparing(f -> f.config().section()))
                .toList();
        for (CheckFamily<?> family : families) {
            String section = family.config().section();
            CheckFamily<?> clash = bySection.putIfAbsent(section, family);
            if (clash != null) {
                throw new IllegalArgumentException("two check families use the checks section '" + section + "': "
                        + clash.getClass().getName() + " and " + family.getClass().getName());
            }
            for (FactSource<?> source : family.facts()) {
                if (sources.putIfAbsent(source.key(), source) != null) {
                    throw new IllegalArgumentException("fact '" + source.key() + "' is gathered by two families; "
                            + "family '" + section + "' must read it from the one that registers it");
                }
            }
            for (Check check : family.checks()) {
                if (check.id().equals(CheckId.HOST_CONNECTION)) {
                    throw new IllegalArgumentException("check id " + check.id() + " of family '" + section
                            + "' is reserved for connection errors");
                }
                CheckFamily<?> owner = owners.putIfAbsent(check.id(), family);
                if (owner != null) {
                    throw new IllegalArgumentException("check id " + check.id() + " is taken twice: by family '"
                            + owner.config().section() + "' and by family '" + section + "'");
                }
                checks.put(check.id(), check);
            }
        }
        for (CheckFamily<?> family : families) {
            for (Check check : family.checks()) {
                for (FactKey<?> needed : check.needs()) {
                    if (!sources.containsKey(needed)) {
                        throw new IllegalArgumentException("check " + check.id() + " of family '"
                                + family.config().section() + "' needs fact '" + needed
                                + "', which no registered family gathers");
                    }
                }
            }
        }
    }

    /** The families on the class path of {@code loader} (the built-in ones among them). */
    public static FamilyRegistry discover(ClassLoader loader) {
        List<CheckFamily<?>> found = new ArrayList<>();
        try {
            for (CheckFamily<?> family : ServiceLoader.load(CheckFamily.class, loader)) {
                found.add(family);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalArgumentException("a check family listed in META-INF/services/"
                    + CheckFamily.class.getName() + " cannot be loaded: " + e.getMessage(), e);
        }
        return new FamilyRegistry(found);
    }

    /** The families on the class path of this library and of the thread's context class loader. */
    public static FamilyRegistry discover() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return discover(context != null ? context : FamilyRegistry.class.getClassLoader());
    }

    /** Exactly these families, nothing discovered (for tests and tools that pick their families). */
    public static FamilyRegistry of(List<? extends CheckFamily<?>> families) {
        return new FamilyRegistry(List.copyOf(families));
    }

    /** This registry and {@code more}; a family of the same class already present is not added twice. */
    public FamilyRegistry with(CheckFamily<?>... more) {
        List<CheckFamily<?>> all = new ArrayList<>(families);
        for (CheckFamily<?> family : more) {
            if (all.stream().noneMatch(f -> f.getClass().equals(family.getClass()))) {
                all.add(family);
            }
        }
        return new FamilyRegistry(all, selected);
    }

    /**
     * The same families with only the checks {@code which} selects ({@code -Dhardening.checks=ssh.*});
     * every fact source stays, so a selected check still finds the facts it reads.
     */
    public FamilyRegistry selecting(Predicate<CheckId> which) {
        return new FamilyRegistry(families, selected.and(which));
    }

    public List<CheckFamily<?>> families() {
        return families;
    }

    /** Every check, in report order. */
    public List<Check> checks() {
        return checks.values().stream().filter(c -> selected.test(c.id())).toList();
    }

    public Optional<Check> check(CheckId id) {
        return Optional.ofNullable(checks.get(id)).filter(c -> selected.test(id));
    }

    /** How each fact is gathered. */
    public Map<FactKey<?>, FactSource<?>> sources() {
        return Map.copyOf(sources);
    }

    @Override
    public Optional<ConfigKey<?>> section(String name) {
        return Optional.ofNullable(bySection.get(name)).map(CheckFamily::config);
    }

    @Override
    public Collection<String> sectionNames() {
        return List.copyOf(bySection.keySet());
    }

    @Override
    public Collection<String> checkIds() {
        return checks.keySet().stream().map(CheckId::id).toList();
    }

    @Override
    public <C> C resolvePaths(ConfigKey<C> key, C settings, UnaryOperator<String> resolve) {
        @SuppressWarnings("unchecked")
        CheckFamily<C> family = (CheckFamily<C>) bySection.get(key.section());
        return family == null ? settings : family.resolvePaths(settings, resolve);
    }
}
