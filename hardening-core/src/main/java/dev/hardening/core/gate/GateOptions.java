package dev.hardening.core.gate;

import java.time.Clock;
import java.util.Objects;
import java.util.function.UnaryOperator;

import dev.hardening.core.gather.ProbeRoutes;
import dev.hardening.core.host.Timeouts;
import dev.hardening.core.model.Severity;

/**
 * How the gate decides and how hard it works.
 *
 * @param failOn the least severity of a FAIL that fails the gate
 * @param failOnError whether an ERROR (a fact that could not be read) fails the gate
 * @param parallelism how many hosts are checked at once
 * @param environment reads environment variables (passphrases named by {@code passphraseEnv})
 * @param passphrases where identity passphrases come from; by default the {@code passphraseEnv} variable
 * @param probeRoutes where the firewall probe reaches a host's ports (default: the policy's address)
 */
public record GateOptions(Severity failOn, boolean failOnError, int parallelism, Timeouts timeouts, Clock clock,
        UnaryOperator<String> environment, PassphraseSource passphrases, ProbeRoutes probeRoutes) {

    /**
     * Hosts checked at once by default. The work is remote, so a host's thread mostly waits on its
     * connection; measured in docs/performance.md.
     */
    public static final int DEFAULT_PARALLELISM = 16;
    public static final GateOptions DEFAULT = new GateOptions(Severity.LOW, true, DEFAULT_PARALLELISM, Timeouts.DEFAULT,
            Clock.systemDefaultZone(), System::getenv);

    /**
     * Options whose passphrases come from the environment variables hosts name and whose firewall
     * probe goes to each host's policy address.
     */
    public GateOptions(Severity failOn, boolean failOnError, int parallelism, Timeouts timeouts, Clock clock,
            UnaryOperator<String> environment) {
        this(failOn, failOnError, parallelism, timeouts, clock, environment,
                PassphraseSource.fromEnvironment(environment), ProbeRoutes.DIRECT);
    }

    public GateOptions {
        Objects.requireNonNull(failOn, "failOn");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(passphrases, "passphrases");
        Objects.requireNonNull(probeRoutes, "probeRoutes");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
    }

    public GateOptions withFailOn(Severity newFailOn) {
        return new GateOptions(newFailOn, failOnError, parallelism, timeouts, clock, environment, passphrases,
                probeRoutes);
    }

    public GateOptions withFailOnError(boolean newFailOnError) {
        return new GateOptions(failOn, newFailOnError, parallelism, timeouts, clock, environment, passphrases,
                probeRoutes);
    }

    public GateOptions withParallelism(int newParallelism) {
        return new GateOptions(failOn, failOnError, newParallelism, timeouts, clock, environment, passphrases,
                probeRoutes);
    }

    public GateOptions withTimeouts(Timeouts newTimeouts) {
        return new GateOptions(failOn, failOnError, parallelism, newTimeouts, clock, environment, passphrases,
                probeRoutes);
    }

    /** These options, asking {@code first} for passphrases before the current source. */
    public GateOptions withPassphrasesFrom(PassphraseSource first) {
        return new GateOptions(failOn, failOnError, parallelism, timeouts, clock, environment,
                first.orElse(passphrases), probeRoutes);
    }

    public GateOptions withProbeRoutes(ProbeRoutes newProbeRoutes) {
        return new GateOptions(failOn, failOnError, parallelism, timeouts, clock, environment, passphrases,
                newProbeRoutes);
    }
}
