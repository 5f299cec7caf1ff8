package dev.hardening.core.gather;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.FactKey;
import dev.hardening.core.facts.HostFacts;
import dev.hardening.core.family.FactSource;
import dev.hardening.core.family.GatherContext;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.HostCommand;
import dev.hardening.core.host.HostDeadline;
import dev.hardening.core.host.Timeouts;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.HostSpec;

/**
 * Facts read from a live host on first use and kept for the rest of the run: each key is gathered at
 * most once, by the source registered for it, whoever asks first (a check, or another source).
 */
public final class CollectedFacts implements HostFacts, GatherContext {
    /** At most this many main scripts go out one after the other; a command found later runs on its own. */
    static final int MAX_SCRIPT_ROUNDS = 3;
    private final Host connection;
    private final CommandCache cache = new CommandCache();
    private final Host host;
    private final HostSpec spec;
    private final ChecksConfig checks;
    private final Timeouts timeouts;
    private final ProbeRoutes probeRoutes;
    private final Map<FactKey<?>, FactSource<?>> sources;
    private static final long NOT_YET = Long.MIN_VALUE;
    /** When {@link #gatherAtOnce} first started, in {@link System#nanoTime()}; facts are ready relative to it. */
    private volatile long gatheringSince = NOT_YET;
    private final Map<FactKey<?>, Memo<?>> memos = new ConcurrentHashMap<>();

    /**
     * @param host the open connection facts are read through
     * @param spec the policy's entry for the host (its address, login user, TLS endpoints)
     * @param checks the policy's check settings (e.g. the trust bundle for TLS)
     * @param probeRoutes where the gate's machine reaches the host's ports
     * @param sources how each fact is gathered, from the registered families
     */
    public CollectedFacts(Host host, HostSpec spec, ChecksConfig checks, Timeouts timeouts, ProbeRoutes probeRoutes,
            Map<FactKey<?>, FactSource<?>> sources) {
        this.connection = host;
        this.host = new CachedHost(host, cache);
        this.spec = spec;
        this.checks = checks;
        this.timeouts = timeouts;
        this.probeRoutes = probeRoutes;
        this.sources = Map.copyOf(sources);
    }

    /**
     * Gathers these facts in few round trips: the commands of all of them go to the host as one script,
     * the commands that depend on its answers in the next, at most {@link #MAX_SCRIPT_ROUNDS} scripts;
     * slow commands (a package manager's) in a script of their own that runs beside them. The facts
     * the gate's machine reads itself (TLS handshakes) run meanwhile on the shared pool, and each source
     * reads its answers as soon as the main scripts are back (waiting for a slow one it needs).
     */
    public void gatherAtOnce(Collection<FactKey<?>> keys) {
        if (gatheringSince == NOT_YET) {
            gatheringSince = System.nanoTime();
        }
        List<FactKey<?>> wanted = new ArrayList<>(new LinkedHashSet<>(keys));
        wanted.removeIf(k -> !sources.containsKey(k));
        List<Future<?>> running = new ArrayList<>();
        wanted.stream().filter(k -> !sources.get(k).remote()).forEach(k -> running.add(submit(() -> get(k))));
        List<FactKey<?>> remote = wanted.stream().filter(k -> sources.get(k).remote()).toList();
        for (int round = 0; round < MAX_SCRIPT_ROUNDS; round++) {
            Speculation dryRun = new Speculation(this, cache, connection);
            remote.forEach(dryRun::explore);
            List<HostCommand> slow = dryRun.wanted(true);
            if (!slow.isEmpty()) {
                cache.reserve(slow);
                running.add(submit(() -> cache.fill(slow, () -> connection.runAll(slow))));
            }
            List<HostCommand> main = dryRun.wanted(false);
            if (main.isEmpty()) {
                break;
            }
            cache.fill(main, () -> connection.runAll(main));
        }
        remote.forEach(k -> running.add(submit(() -> get(k))));
        await(running);
    }

    private Future<?> submit(Runnable task) {
        return GatherThreads.pool().submit(HostDeadline.carried(task));
    }

    private static void await(List<Future<?>> futures) {
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (ExecutionException e) {
                // a source's failure is already an unknown fact; nothing escapes get()
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The source registered for {@code key}, or null. */
    @SuppressWarnings("unchecked")
    <T> FactSource<T> source(FactKey<T> key) {
        return (FactSource<T>) sources.get(key);
    }

    @Override
    public String hostName() {
        return host.name();
    }

    @Override
    public <T> Fact<T> get(FactKey<T> key) {
        return fact(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Fact<T> fact(FactKey<T> key) {
        FactSource<T> source = (FactSource<T>) sources.get(key);
        if (source == null) {
            return Fact.unknown("no registered check family gathers the fact '" + key + "'", List.of());
        }
        Memo<T> memo = (Memo<T>) memos.computeIfAbsent(key, k -> new Memo<>(source));
        return memo.get(this);
    }

    /** The fact if some check or source already gathered it; nothing is read from the host. */
    @SuppressWarnings("unchecked")
    public <T> Optional<Fact<T>> gathered(FactKey<T> key) {
        Memo<T> memo = (Memo<T>) memos.get(key);
        return memo == null ? Optional.empty() : Optional.ofNullable(memo.peek());
    }

    /**
     * How long this fact took to be ready, once it has been gathered: from the start of
     * {@link #gatherAtOnce} when it was gathered with the others (its commands went out in the host's
     * scripts), else from when a check first asked for it.
     */
    public Optional<Duration> gatherTime(FactKey<?> key) {
        Memo<?> memo = memos.get(key);
        return memo == null ? Optional.empty() : memo.took(gatheringSince);
    }

    @Override
    public Host host() {
        return host;
    }

    @Override
    public HostSpec spec() {
        return spec;
    }

    @Override
    public ChecksConfig checks() {
        return checks;
    }

    @Override
    public Timeouts timeouts() {
        return timeouts;
    }

    @Override
    public Optional<CommandResult> fetched(String command, boolean privileged) {
        return cache.result(CachedHost.key(connection, command, privileged));
    }

    @Override
    public Optional<InetSocketAddress> route(int port) {
        return probeRoutes.route(spec, port);
    }

    /** Computes once, on first use; later callers get the same value. */
    private static final class Memo<T> {
        private final FactSource<T> source;
        private Fact<T> value;
        private Thread computing;
        private long started;
        private long ready;

        Memo(FactSource<T> source) {
            this.source = source;
        }

        synchronized Fact<T> get(GatherContext context) {
            if (value != null) {
                return value;
            }
            if (computing == Thread.currentThread()) {
                return Fact.unknown("the fact '" + source.key() + "' depends on itself (a defect of the family "
                        + "that registers it)", List.of());
            }
            computing = Thread.currentThread();
            started = System.nanoTime();
            try {
                value = source.gather(context);
                if (value == null) {
                    value = Fact.unknown("gathering the fact '" + source.key() + "' gave nothing (a defect of the "
                            + "family that registers it, please report it)", List.of());
                }
            } catch (RuntimeException e) {
                value = Fact.unknown("gathering the fact '" + source.key() + "' failed unexpectedly, an internal "
                        + "error (please report it): " + (e.getMessage() != null ? e.getMessage()
                                : e.getClass().getSimpleName()), List.of());
            } finally {
                computing = null;
                ready = System.nanoTime();
            }
            return value;
        }

        synchronized Fact<T> peek() {
            return value;
        }

        synchronized Optional<Duration> took(long gatheringSince) {
            if (value == null) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos(ready - (gatheringSince != NOT_YET && gatheringSince < started
                    ? gatheringSince : started)));
        }
    }
}
