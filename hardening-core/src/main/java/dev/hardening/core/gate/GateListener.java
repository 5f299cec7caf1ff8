package dev.hardening.core.gate;

import java.util.List;

import dev.hardening.core.model.Finding;
import dev.hardening.core.policy.HostSpec;

/**
 * Told how a gate run progresses, e.g. to print one line per finished host. Called from the gate's
 * worker threads, possibly at the same time for different hosts: implementations must be thread-safe
 * and quick (the host's worker waits for them).
 */
public interface GateListener {
    /** Listens to nothing. */
    GateListener NONE = new GateListener() {
    };

    /** Before any host: how many will be checked. */
    default void runStarted(int hosts) {
    }

    /** A worker started on this host. */
    default void hostStarted(HostSpec host) {
    }

    /** The host is done (or abandoned at its deadline); its findings have had waivers applied. */
    default void hostFinished(HostRun run, List<Finding> findings) {
    }
}
