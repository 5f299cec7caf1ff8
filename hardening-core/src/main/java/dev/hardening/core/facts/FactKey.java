package dev.hardening.core.facts;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of a fact a check reads, typed with what it holds. Two keys are the same fact when their
 * names are equal; the family that gathers the fact and the checks that read it share one constant.
 *
 * @param <T> the fact's value
 */
public final class FactKey<T> {
    private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z0-9.-]*");
    private final String name;

    private FactKey(String name) {
        this.name = name;
    }

    /** @param name lower camel or dotted words, unique among all families ({@code ssh}, {@code custom.banner}) */
    public static <T> FactKey<T> of(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("fact name '" + name + "' must start with a lower-case letter "
                    + "and hold only letters, digits, dots and dashes");
        }
        return new FactKey<>(name);
    }

    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FactKey<?> that && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
