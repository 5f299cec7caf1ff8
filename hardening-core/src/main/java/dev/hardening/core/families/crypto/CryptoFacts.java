package dev.hardening.core.families.crypto;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.FactKey;
import dev.hardening.core.facts.ssh.SshDaemon;
import dev.hardening.core.facts.ssh.SshDaemonFacts;
import dev.hardening.core.facts.ssh.SshFacts;
import dev.hardening.core.family.FactSource;
import dev.hardening.core.family.GatherContext;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.host.ForwardedPort;
import dev.hardening.core.host.HostException;
import dev.hardening.core.host.Shell;
import dev.hardening.core.policy.HostSpec;

/**
 * The algorithms of every SSH daemon of the host (the ones the {@code ssh} family found): what its server
 * offers on the wire before authentication, read from the gate's machine, and what {@code sshd -T}
 * says the daemon's own configuration allows. A source that could not be read is an unavailable
 * {@link Observation} with its reason, which {@link CryptoJudgement} never passes on the other alone.
 */
public final class CryptoFacts {
    /** One entry per daemon; not applicable when the host has no SSH server. */
    public static final FactKey<List<DaemonCrypto>> DAEMONS = FactKey.of("crypto.daemons");

    static final FactSource<List<DaemonCrypto>> SOURCE = FactSource.remote(DAEMONS, CryptoFacts::daemons);

    private CryptoFacts() {
    }

    private static Fact<List<DaemonCrypto>> daemons(GatherContext context) {
        Fact<SshFacts> ssh = context.fact(SshFacts.KEY);
        if (ssh instanceof Fact.NotApplicable<SshFacts> none) {
            return Fact.notApplicable(none.reason());
        }
        if (!(ssh instanceof Fact.Known<SshFacts> known)) {
            // the daemons are unknown: the one the gate logs into is still judged, on its default configuration
            return Fact.known(List.of(new DaemonCrypto("sshd", List.of(loginWire(context)),
                    configured(context, List.of()))));
        }
        OptionalInt loginPort = known.value().loginPort();
        List<DaemonCrypto> daemons = new ArrayList<>();
        for (SshDaemonFacts facts : known.value().daemons()) {
            SshDaemon daemon = facts.daemon();
            daemons.add(new DaemonCrypto(daemon.label(), wire(context, daemon, loginPort), configured(context, facts)));
        }
        return Fact.known(daemons);
    }

    /**
     * The daemon the gate logs into is asked where the gate reaches it; any other port along the route
     * from the gate's machine to it, or is unavailable with the reason.
     */
    private static List<Observation<KexInit>> wire(GatherContext context, SshDaemon daemon, OptionalInt loginPort) {
        List<Observation<KexInit>> wire = new ArrayList<>();
        for (int port : daemon.ports()) {
            if (context.spec().isLocal()) {
                wire.add(KexInitProbe.probe("127.0.0.1", port, context.timeouts().connect()));
            } else if (loginPort.isEmpty()) {
                // not reached over SSH (a container by docker exec): where its ports are is the host's secret
                wire.add(Observation.unavailable("wire port " + port, "the host is not reached over SSH, so the "
                        + "gate does not know where its port " + port + " is"));
            } else if (context.spec().behindBastion()) {
                wire.add(throughBastion(context, port));
            } else if (loginPort.getAsInt() == port) {
                wire.add(loginWire(context));
            } else {
                Optional<InetSocketAddress> route = context.route(port);
                wire.add(route.isPresent()
                        ? KexInitProbe.probe(route.get().getHostString(), route.get().getPort(), context.timeouts().connect())
                        : Observation.unavailable("wire port " + port, "no route from the gate's machine to port " + port));
            }
        }
        if (wire.isEmpty()) {
            wire.add(Observation.unavailable("wire", daemon.label() + " listens on no port the gate knows"));
        }
        return wire;
    }

    private static Observation<KexInit> loginWire(GatherContext context) {
        HostSpec spec = context.spec();
        // the gate's own machine is reached on loopback; any other host where the gate logs in
        String address = spec.isLocal() ? "127.0.0.1" : spec.address();
        return KexInitProbe.probe(address, spec.port(), context.timeouts().connect());
    }

    /** The KEXINIT read over a loopback port forwarded through the bastion the login went through. */
    private static Observation<KexInit> throughBastion(GatherContext context, int port) {
        String source = "wire " + context.spec().address() + ":" + port + " through the bastion";
        try (ForwardedPort forwarded = context.host().forwardThroughBastion(port).orElse(null)) {
            if (forwarded == null) {
                return Observation.unavailable(source, "the host has no bastion connection to forward the port through");
            }
            Observation<KexInit> seen = KexInitProbe.probe(forwarded.local().getHostString(), forwarded.local().getPort(),
                    context.timeouts().connect());
            return seen instanceof Observation.Seen<KexInit> kex ? Observation.seen(source, kex.value())
                    : Observation.unavailable(source, ((Observation.Unavailable<KexInit>) seen).reason());
        } catch (HostException e) {
            return Observation.unavailable(source, e.getMessage());
        }
    }

    /**
     * What the ssh family's own {@code sshd -T} run said of the daemon (the algorithms cannot be set in a
     * Match block, so its first answer holds the daemon's); a run of its own only where that family fell
     * back to the config files.
     */
    private static Observation<ConfiguredCrypto> configured(GatherContext context, SshDaemonFacts facts) {
        List<String> daemonArguments = facts.daemon().commandLine().sshdTArguments();
        if (facts.source() != SshDaemonFacts.ConfigSource.SSHD_T || facts.contexts().isEmpty()) {
            return configured(context, daemonArguments);
        }
        String source = sshdTSource(context, daemonArguments);
        try {
            return Observation.seen(source, SshdTCryptoParser.parse(facts.contexts().get(0).settings().asSshdTOutput()));
        } catch (CryptoParseException e) {
            return Observation.unavailable(source, e.getMessage());
        }
    }

    private static String sshdTSource(GatherContext context, List<String> daemonArguments) {
        return (context.host().usesSudo() ? "sudo -n " : "") + "sshd -T"
                + (daemonArguments.isEmpty() ? "" : " " + String.join(" ", daemonArguments));
    }

    private static Observation<ConfiguredCrypto> configured(GatherContext context, List<String> daemonArguments) {
        StringBuilder command = new StringBuilder("PATH=\"$PATH:/usr/sbin:/sbin\"; sshd -T");
        daemonArguments.forEach(a -> command.append(' ').append(Shell.quote(a)));
        String source = sshdTSource(context, daemonArguments);
        try {
            CommandResult result = context.host().runPrivileged(command.toString());
            if (result.truncated()) {
                return Observation.unavailable(source, "its output was cut at the output bound");
            }
            if (!result.succeeded()) {
                return Observation.unavailable(source, "it could not run: " + result.firstErrorLine());
            }
            return Observation.seen(source, SshdTCryptoParser.parse(result.stdout()));
        } catch (HostException e) {
            return Observation.unavailable(source, e.getMessage());
        } catch (CryptoParseException e) {
            return Observation.unavailable(source, e.getMessage());
        }
    }
}
