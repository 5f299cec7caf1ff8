package dev.hardening.core.family;

import java.util.function.Function;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.FactKey;

/**
 * How one fact is read from a host. The only place where commands run or sockets open; a failure is
 * an unknown fact with the reason, never an exception a check sees.
 */
public interface FactSource<T> {

    FactKey<T> key();

    /**
     * True when the fact is read over the host's connection (commands, files); false when the gate's
     * machine reads it by itself (a TLS handshake), so it is still read when the host cannot be logged into.
     */
    boolean remote();

    Fact<T> gather(GatherContext context);

    /** A fact read through the host's connection. */
    static <T> FactSource<T> remote(FactKey<T> key, Function<GatherContext, Fact<T>> gather) {
        return of(key, true, gather);
    }

    /** A fact the gate's machine reads without logging into the host. */
    static <T> FactSource<T> fromGateMachine(FactKey<T> key, Function<GatherContext, Fact<T>> gather) {
        return of(key, false, gather);
    }

    private static <T> FactSource<T> of(FactKey<T> key, boolean remote, Function<GatherContext, Fact<T>> gather) {
        return new FactSource<>() {
            @Override
            public FactKey<T> key() {
                return key;
            }

            @Override
            public boolean remote() {
                return remote;
            }

            @Override
            public Fact<T> gather(GatherContext context) {
                return gather.apply(context);
            }
        };
    }
}
