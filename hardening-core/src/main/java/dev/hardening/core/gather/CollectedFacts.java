package dev.hardening.core.gather;

import java.util.function.Supplier;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.ssh.SshFacts;
import dev.hardening.core.host.Host;

/** Facts read from a live host on first use and kept for the rest of the run. */
public final class CollectedFacts implements HostFacts {
    private final Host host;
    private final Memo<Fact<SshFacts>> ssh;

    /**
     * @param loginUser the user the gate runs commands as (its SSH user, or the local user)
     */
    public CollectedFacts(Host host, String loginUser) {
        this.host = host;
        this.ssh = new Memo<>(() -> SshFactsCollector.collect(host, loginUser));
    }

    @Override
    public String hostName() {
        return host.name();
    }

    @Override
    public Fact<SshFacts> ssh() {
        return ssh.get();
    }

    /** Computes once, on first use; later callers get the same value. */
    private static final class Memo<T> {
        private Supplier<T> compute;
        private T value;

        Memo(Supplier<T> compute) {
            this.compute = compute;
        }

        synchronized T get() {
            if (compute != null) {
                value = compute.get();
                compute = null;
            }
            return value;
        }
    }
}
