package dev.hardening.core.gate;

import java.time.Clock;
import java.util.Objects;
import java.util.function.UnaryOperator;

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
 */
public record GateOptions(Severity failOn, boolean failOnError, int parallelism, Timeouts timeouts, Clock clock,
        UnaryOperator<String> environment, PassphraseSource passphrases) {

    public static final GateOptions DEFAULT = new GateOptions(Severity.LOW, true, 4, Timeouts.DEFAULT,
            Clock.systemDefaultZone(), System::getenv);

    /** Options whose passphrases come from the environment variables hosts name. */
    public GateOptions(Severity failOn, boolean failOnError, int parallelism, Timeouts timeouts, Clock clock,
            UnaryOperator<String> environment) {
        this(failOn, failOnError, parallelism, timeouts, clock, environment,
                PassphraseSource.fromEnvironment(environment));
    }

    public GateOptions {
        Objects.requireNonNull(failOn, "failOn");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(passphrases, "passphrases");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
    }

    public GateOptions withFailOn(Severity newFailOn) {
        return new GateOptions(newFailOn, failOnError, parallelism, timeouts, clock, environment, passphrases);
    }

    public GateOptions withFailOnError(boolean newFailOnError) {
        return new GateOptions(failOn, newFailOnError, parallelism, timeouts, clock, environment, passphrases);
    }

    public GateOptions withParallelism(int newParallelism) {
        return new GateOptions(failOn, failOnError, newParallelism, timeouts, clock, environment, passphrases);
    }

    public GateOptions withTimeouts(Timeouts newTimeouts) {
        return new GateOptions(failOn, failOnError, parallelism, newTimeouts, clock, environment, passphrases);
    }

    /** These options, asking {@code first} for passphrases before the current source. */
    public GateOptions withPassphrasesFrom(PassphraseSource first) {
        return new GateOptions(failOn, failOnError, parallelism, timeouts, clock, environment,
                first.orElse(passphrases));
    }
}
