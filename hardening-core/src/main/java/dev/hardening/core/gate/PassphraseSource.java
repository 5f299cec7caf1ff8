package dev.hardening.core.gate;

import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.hardening.core.policy.HostSpec;

/** Where the passphrase of a host's encrypted identity comes from. */
@FunctionalInterface
public interface PassphraseSource {

    /**
     * The passphrase for {@code host}'s identity, if this source has one.
     *
     * @throws IllegalStateException when the host names a source that has nothing, e.g. an unset
     *     environment variable; the message says which
     */
    Optional<Passphrase> passphraseFor(HostSpec host);

    /**
     * A passphrase and where it came from.
     *
     * @param origin for messages, e.g. "environment variable DEPLOY_KEY_PASS"; never the secret itself
     */
    record Passphrase(char[] value, String origin) {
        @Override
        public String toString() {
            return "Passphrase[from " + origin + "]";
        }
    }

    /** The environment variable the host names with {@code passphraseEnv}. */
    static PassphraseSource fromEnvironment(UnaryOperator<String> environment) {
        return host -> {
            if (host.passphraseEnv() == null) {
                return Optional.empty();
            }
            String value = environment.apply(host.passphraseEnv());
            if (value == null) {
                throw new IllegalStateException("environment variable " + host.passphraseEnv()
                        + " (passphraseEnv of host " + host.name() + ") is not set");
            }
            return Optional.of(new Passphrase(value.toCharArray(), "environment variable " + host.passphraseEnv()));
        };
    }

    /** This source, and where it has nothing, {@code fallback}. */
    default PassphraseSource orElse(PassphraseSource fallback) {
        return host -> {
            Optional<Passphrase> mine = passphraseFor(host);
            return mine.isPresent() ? mine : fallback.passphraseFor(host);
        };
    }
}
