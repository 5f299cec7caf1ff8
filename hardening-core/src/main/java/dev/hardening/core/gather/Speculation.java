package dev.hardening.core.gather;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.FactKey;
import dev.hardening.core.facts.ssh.AuthenticationOffer;
import dev.hardening.core.family.FactSource;
import dev.hardening.core.family.GatherContext;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.host.ForwardedPort;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.HostCommand;
import dev.hardening.core.host.HostException;
import dev.hardening.core.host.Timeouts;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.HostSpec;

/**
 * One dry run of the fact sources against what the fact scripts returned so far, to learn which commands
 * the next script must carry. A command without an answer yet is noted and stops that source there, as
 * does anything that would leave the gate's machine (a probe, a handshake); nothing a dry run computes is kept.
 */
final class Speculation implements GatherContext {
    /** Stops a dry run where it needs what is not fetched yet; thrown often, so without a stack trace. */
    private static final class Unfetched extends RuntimeException {
        Unfetched() {
            super(null, null, false, false);
        }
    }

    private static final Unfetched UNFETCHED = new Unfetched();

    private final CollectedFacts facts;
    private final CommandCache cache;
    private final Host host;
    /** Each command wanted, and whether only slow sources want it. */
    private final Map<HostCommand, Boolean> wanted = new LinkedHashMap<>();
    private final Map<FactKey<?>, Fact<?>> settled = new HashMap<>();
    private final Deque<FactSource<?>> running = new ArrayDeque<>();

    Speculation(CollectedFacts facts, CommandCache cache, Host host) {
        this.facts = facts;
        this.cache = cache;
        this.host = host;
    }

    /** Dry-runs the source of {@code key} (and those it reads) as far as the answers so far reach. */
    void explore(FactKey<?> key) {
        try {
            fact(key);
        } catch (Unfetched e) {
            // the commands it needs next are noted
        }
    }

    /** The commands noted, for the main script ({@code slow == false}) or the slow one. */
    List<HostCommand> wanted(boolean slow) {
        return wanted.entrySet().stream().filter(e -> e.getValue() == slow).map(Map.Entry::getKey).toList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Fact<T> fact(FactKey<T> key) {
        Optional<Fact<T>> known = facts.gathered(key);
        if (known.isPresent()) {
            return known.get();
        }
        if (settled.containsKey(key)) {
            return (Fact<T>) settled.get(key);
        }
        FactSource<T> source = facts.source(key);
        if (source == null || !source.remote() || running.contains(source)) {
            throw UNFETCHED;
        }
        running.push(source);
        try {
            try {
                source.commands(this).forEach(c -> want(c.command(), c.privileged()));
            } catch (Unfetched e) {
                // the commands depend on a fact not known yet: named in a later round
            }
            Fact<T> value = source.gather(this);
            settled.put(key, value);
            return value;
        } catch (Unfetched e) {
            throw e;
        } catch (RuntimeException e) {
            // a source that trips over a dry run's partial answers is read for real later, where it reports
            throw UNFETCHED;
        } finally {
            running.pop();
        }
    }

    @Override
    public Optional<CommandResult> fetched(String command, boolean privileged) {
        return cache.result(CachedHost.key(host, command, privileged));
    }

    private void want(String command, boolean privileged) {
        HostCommand key = CachedHost.key(host, command, privileged);
        if (cache.has(key)) {
            return;
        }
        boolean slow = running.peek() != null && running.peek().slow();
        wanted.merge(key, slow, (was, now) -> was && now);
    }

    private CommandResult answer(String command, boolean privileged) throws HostException {
        HostCommand key = CachedHost.key(host, command, privileged);
        if (cache.pending(key)) {
            throw UNFETCHED;
        }
        Optional<CommandResult> answer = cache.answer(key);
        if (answer.isPresent()) {
            return answer.get();
        }
        want(command, privileged);
        throw UNFETCHED;
    }

    @Override
    public Host host() {
        return new Host() {
            @Override
            public String name() {
                return host.name();
            }

            @Override
            public CommandResult run(String command) throws HostException {
                return answer(command, false);
            }

            @Override
            public CommandResult runPrivileged(String command) throws HostException {
                return answer(command, true);
            }

            @Override
            public boolean usesSudo() {
                return host.usesSudo();
            }

            @Override
            public String loginUser() {
                return host.loginUser();
            }

            @Override
            public AuthenticationOffer offeredAuthentication(String user, int port) throws IOException {
                throw UNFETCHED;
            }

            @Override
            public Optional<ForwardedPort> forwardThroughBastion(int port) {
                throw UNFETCHED;
            }

            @Override
            public void close() {
                // a view
            }
        };
    }

    @Override
    public HostSpec spec() {
        return facts.spec();
    }

    @Override
    public ChecksConfig checks() {
        return facts.checks();
    }

    @Override
    public Timeouts timeouts() {
        // whoever asks for the deadlines is about to open a connection of its own, which a dry run never does
        throw UNFETCHED;
    }

    @Override
    public Optional<InetSocketAddress> route(int port) {
        throw UNFETCHED;
    }
}
