package dev.hardening.core.family;

import java.util.List;
import java.util.function.Function;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.FactKey;
import dev.hardening.core.host.HostCommand;

/**
 * How one fact is read from a host. The only place where commands run or sockets open; a failure is
 * an unknown fact with the reason, never an exception a check sees.
 *
 * <p>A source runs its commands through {@link GatherContext#host()}. Before any source runs, the gate
 * sends the commands of every needed fact to the host as one script: those a source names in
 * {@link #commands}, and those found by trying {@link #gather} against what earlier scripts returned
 * (a command that depends on another fact's output goes out in the next script). A source that needs
 * nothing of this still works: whatever was not fetched ahead runs on its own when it asks.
 */
public interface FactSource<T> {

    FactKey<T> key();

    /**
     * True when the fact is read over the host's connection (commands, files); false when the gate's
     * machine reads it by itself (a TLS handshake), so it is still read when the host cannot be logged into.
     */
    boolean remote();

    Fact<T> gather(GatherContext context);

    /**
     * The commands {@link #gather} will run that can be named ahead, so they go out in the first script.
     * May read other facts through {@code context}; one not known yet puts these off to the next script.
     */
    default List<HostCommand> commands(GatherContext context) {
        return List.of();
    }

    /** True when the commands take long (a package manager's resolver): they run in a script of their own, beside the others. */
    default boolean slow() {
        return false;
    }

    /** A fact read through the host's connection. */
    static <T> FactSource<T> remote(FactKey<T> key, Function<GatherContext, Fact<T>> gather) {
        return new DeclaredFactSource<>(key, true, false, context -> List.of(), gather);
    }

    /** A fact read through the host's connection that names its commands ahead. */
    static <T> FactSource<T> remote(FactKey<T> key, Function<GatherContext, List<HostCommand>> commands,
            Function<GatherContext, Fact<T>> gather) {
        return new DeclaredFactSource<>(key, true, false, commands, gather);
    }

    /** The same, for slow commands: they run in a script of their own, side by side with the others. */
    static <T> FactSource<T> slowRemote(FactKey<T> key, Function<GatherContext, List<HostCommand>> commands,
            Function<GatherContext, Fact<T>> gather) {
        return new DeclaredFactSource<>(key, true, true, commands, gather);
    }

    /** A fact the gate's machine reads without logging into the host. */
    static <T> FactSource<T> fromGateMachine(FactKey<T> key, Function<GatherContext, Fact<T>> gather) {
        return new DeclaredFactSource<>(key, false, false, context -> List.of(), gather);
    }
}
