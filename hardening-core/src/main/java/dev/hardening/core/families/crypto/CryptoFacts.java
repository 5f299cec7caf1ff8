package dev.hardening.core.families.crypto;

import java.util.List;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.FactKey;
import dev.hardening.core.family.FactSource;
import dev.hardening.core.family.GatherContext;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.host.HostException;
import dev.hardening.core.policy.HostSpec;

/**
 * The two views of the SSH server's algorithms: what it offers on the wire before authentication, read
 * from the gate's machine, and what {@code sshd -T} says its configuration allows. Each is always a known
 * fact holding an {@link Observation}: a source that could not be read is judged, with its reason, by
 * {@link CryptoJudgement}, which never passes on one source alone.
 */
public final class CryptoFacts {
    /** The server's KEXINIT, from a TCP connection to the host's SSH port. */
    public static final FactKey<Observation<KexInit>> WIRE = FactKey.of("crypto.wire");
    /** The algorithm lists of {@code sshd -T}. */
    public static final FactKey<Observation<ConfiguredCrypto>> CONFIGURED = FactKey.of("crypto.sshdT");

    static final String SSHD_T = "PATH=\"$PATH:/usr/sbin:/sbin\"; sshd -T";

    static final FactSource<Observation<KexInit>> WIRE_SOURCE = FactSource.fromGateMachine(WIRE, CryptoFacts::wire);
    static final FactSource<Observation<ConfiguredCrypto>> CONFIGURED_SOURCE = FactSource.remote(CONFIGURED,
            CryptoFacts::configured);

    private CryptoFacts() {
    }

    private static Fact<Observation<KexInit>> wire(GatherContext context) {
        HostSpec spec = context.spec();
        // the gate's own machine is reached on loopback; any other host where the gate logs in
        String address = spec.isLocal() ? "127.0.0.1" : spec.address();
        return Fact.known(KexInitProbe.probe(address, spec.port(), context.timeouts().connect()));
    }

    private static Fact<Observation<ConfiguredCrypto>> configured(GatherContext context) {
        String source = context.host().usesSudo() ? "sudo -n sshd -T" : "sshd -T";
        try {
            CommandResult result = context.host().runPrivileged(SSHD_T);
            if (result.truncated()) {
                return Fact.known(Observation.unavailable(source, "its output was cut at the output bound"));
            }
            if (!result.succeeded()) {
                return Fact.known(Observation.unavailable(source, "it could not run: " + result.firstErrorLine()));
            }
            return Fact.known(Observation.seen(source, SshdTCryptoParser.parse(result.stdout())));
        } catch (HostException e) {
            return Fact.known(Observation.unavailable(source, e.getMessage()));
        } catch (CryptoParseException e) {
            return Fact.known(Observation.unavailable(source, e.getMessage()));
        }
    }

    static List<FactSource<?>> sources() {
        return List.of(WIRE_SOURCE, CONFIGURED_SOURCE);
    }
}
