package dev.hardening.core.family;

import java.util.List;
import java.util.function.Function;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.FactKey;
import dev.hardening.core.host.HostCommand;

/** A {@link FactSource} made of functions, as its static factories build it. */
record DeclaredFactSource<T>(FactKey<T> key, boolean remote, boolean slow,
        Function<GatherContext, List<HostCommand>> ahead, Function<GatherContext, Fact<T>> read)
        implements FactSource<T> {
    @Override
    public Fact<T> gather(GatherContext context) {
        return read.apply(context);
    }

    @Override
    public List<HostCommand> commands(GatherContext context) {
        return ahead.apply(context);
    }
}
