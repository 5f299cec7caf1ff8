package dev.hardening.core.family;

import java.net.InetSocketAddress;
import java.util.Optional;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.FactKey;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.Timeouts;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.HostSpec;

/** What a {@link FactSource} may use to read its fact: the host's one connection and the policy's entry. */
public interface GatherContext {

    /** The open connection; on a host that could not be reached every command fails with the reason. */
    Host host();

    /** The policy's entry for the host (its address, login user, TLS endpoints). */
    HostSpec spec();

    /** The check settings of the run. */
    ChecksConfig checks();

    /** The deadlines of the run, for network operations a source makes itself. */
    Timeouts timeouts();

    /** Where the gate's machine reaches {@code port} of the host (a lab host's mapped port); empty: nowhere. */
    Optional<InetSocketAddress> route(int port);

    /**
     * The answer a fact script already brought for this command, without running it; empty when it has
     * not run yet (or failed). For {@link FactSource#commands} that name follow-up commands from an answer.
     */
    default Optional<CommandResult> fetched(String command, boolean privileged) {
        return Optional.empty();
    }

    /** Another fact of the same host, gathered once whoever asks first. */
    <T> Fact<T> fact(FactKey<T> key);
}
