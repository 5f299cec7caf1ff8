package dev.hardening.core.gather;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.firewall.ProbeResult.Outcome;
import dev.hardening.core.facts.firewall.ProbeResult;
import dev.hardening.core.facts.net.Exposure;
import dev.hardening.core.facts.net.IpFamily;
import dev.hardening.core.facts.net.ListeningSocket;
import dev.hardening.core.facts.net.SocketInventory;
import dev.hardening.core.facts.net.Transport;
import dev.hardening.core.family.FactSource;
import dev.hardening.core.policy.FirewallChecksConfig;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.PortsChecksConfig;
import dev.hardening.core.util.Cidr;

/**
 * The active proof of the firewall: a TCP connect from the machine running the gate to each public
 * TCP port in the host's socket table, at the host's own address. Nothing is sent after the handshake,
 * at most {@link #MAX_PORTS} ports are tried, each within the timeout.
 */
public final class FirewallProbe {
    /** A dropped SYN is retried after 1 s; 3 s covers a slow answer without stalling on every dropped port. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    /** TCP connects from the gate's machine to the public ports the socket inventory lists. */
    public static final FactSource<List<ProbeResult>> SOURCE = FactSource.fromGateMachine(ProbeResult.RESULTS,
            context -> context.checks().get(FirewallChecksConfig.KEY).probe()
                    ? probe(context.spec(), context.fact(SocketInventory.KEY), context.checks()
                            .get(PortsChecksConfig.KEY).privateNetworks().stream().map(Cidr::parse).toList(),
                            (host, port) -> context.route(port), PROBE_TIMEOUT)
                    : Fact.notApplicable("the firewall probe is off (firewall: { probe: true } turns it on)"));

    static final int MAX_PORTS = 32;
    private static final int PARALLEL_CONNECTS = 4;

    private FirewallProbe() {
    }

    static Fact<List<ProbeResult>> probe(HostSpec host, Fact<SocketInventory> sockets, List<Cidr> privateNetworks,
            ProbeRoutes routes, Duration timeout) {
        if (!(sockets instanceof Fact.Known<SocketInventory> known)) {
            return Fact.unknown("the firewall probe needs the host's socket table, which is unknown: "
                    + (sockets instanceof Fact.Unknown<SocketInventory> u ? u.reason() : "not applicable"), List.of());
        }
        SocketInventory inventory = known.value();
        Map<Integer, ListeningSocket> byPort = new LinkedHashMap<>();
        for (ListeningSocket s : inventory.sockets()) {
            if (s.transport() == Transport.TCP && Exposure.of(s, privateNetworks, inventory).isPublic()) {
                byPort.putIfAbsent(s.port(), s);
            }
        }
        List<ProbeResult> results = new ArrayList<>();
        List<Future<ProbeResult>> pending = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_CONNECTS, r -> {
            Thread t = new Thread(r, "hardening-probe-" + host.name());
            t.setDaemon(true);
            return t;
        });
        try {
            int tried = 0;
            for (ListeningSocket socket : byPort.values()) {
                Optional<InetSocketAddress> target = routes.route(host, socket.port());
                if (target.isEmpty()) {
                    results.add(new ProbeResult(socket, "-", socket.table(), Outcome.NOT_PROBED, "no route from the gate to this port"));
                } else if (!boundWhereTheProbeArrives(socket, target.get())) {
                    results.add(new ProbeResult(socket, target.get().toString(), familyOf(target.get()), Outcome.NOT_PROBED,
                            "bound to another address than the one the gate reaches"));
                } else if (tried++ >= MAX_PORTS) {
                    results.add(new ProbeResult(socket, target.get().toString(), familyOf(target.get()), Outcome.NOT_PROBED,
                            "only the first " + MAX_PORTS + " public ports are probed"));
                } else {
                    pending.add(pool.submit(() -> connect(socket, target.get(), timeout)));
                }
            }
            for (Future<ProbeResult> f : pending) {
                results.add(f.get());
            }
        } catch (ExecutionException e) {
            return Fact.unknown("the firewall probe failed: " + e.getCause(), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Fact.unknown("the firewall probe was interrupted", List.of());
        } finally {
            pool.shutdownNow();
        }
        return Fact.known(results);
    }

    /** A wildcard socket takes the probe on any address; one bound to an address only there. */
    private static boolean boundWhereTheProbeArrives(ListeningSocket socket, InetSocketAddress target) {
        return socket.address().isAnyLocalAddress() || socket.address().equals(target.getAddress());
    }

    private static IpFamily familyOf(InetSocketAddress target) {
        return target.getAddress() instanceof Inet6Address ? IpFamily.IPV6 : IpFamily.IPV4;
    }

    private static ProbeResult connect(ListeningSocket socket, InetSocketAddress target, Duration timeout) {
        String where = target.getHostString() + ":" + target.getPort();
        if (target.isUnresolved()) {
            return new ProbeResult(socket, where, familyOf(target), Outcome.FAILED, "the address does not resolve");
        }
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(target, (int) timeout.toMillis());
            return new ProbeResult(socket, where, familyOf(target), Outcome.ANSWERED,
                    "handshake completed in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        } catch (ConnectException e) {
            return new ProbeResult(socket, where, familyOf(target), Outcome.REFUSED, e.getMessage());
        } catch (SocketTimeoutException e) {
            return new ProbeResult(socket, where, familyOf(target), Outcome.NO_ANSWER, "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new ProbeResult(socket, where, familyOf(target), Outcome.FAILED, e.toString());
        }
    }
}
