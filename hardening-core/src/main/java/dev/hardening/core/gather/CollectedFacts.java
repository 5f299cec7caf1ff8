package dev.hardening.core.gather;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.packages.AutoUpdateFacts;
import dev.hardening.core.facts.packages.OsRelease;
import dev.hardening.core.facts.packages.PackageFacts;
import dev.hardening.core.facts.firewall.FirewallRuleset;
import dev.hardening.core.facts.firewall.ProbeResult;
import dev.hardening.core.facts.net.SocketInventory;
import dev.hardening.core.facts.ssh.SshFacts;
import dev.hardening.core.facts.tls.TlsFacts;
import dev.hardening.core.gate.HostConnector;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.Timeouts;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.util.Cidr;

/** Facts read from a live host on first use and kept for the rest of the run. */
public final class CollectedFacts implements HostFacts {
    /** A dropped SYN is retried after 1 s; 3 s covers a slow answer without stalling on every dropped port. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    private final Host host;
    private final Memo<Fact<SshFacts>> ssh;
    private final Memo<Fact<OsRelease>> osRelease;
    private final Memo<Fact<PackageFacts>> packages;
    private final Memo<Fact<AutoUpdateFacts>> autoUpdates;
    private final Memo<Fact<TlsFacts>> tls;
    private final Memo<Fact<SocketInventory>> sockets;
    private final Memo<Fact<FirewallRuleset>> firewall;
    private final Memo<Fact<List<ProbeResult>>> firewallProbe;

    /**
     * @param host the open connection facts are read through
     * @param spec the policy's entry for the host (its address, login user, TLS endpoints)
     * @param checks the policy's check settings (e.g. the trust bundle for TLS)
     */
    public CollectedFacts(Host host, HostSpec spec, ChecksConfig checks) {
        this(host, spec, checks, ProbeRoutes.DIRECT);
    }

    /** @param probeRoutes where the firewall probe reaches the host's ports */
    public CollectedFacts(Host host, HostSpec spec, ChecksConfig checks, ProbeRoutes probeRoutes) {
        this.host = host;
        String loginUser = HostConnector.loginUser(spec);
        this.ssh = new Memo<>(() -> SshFactsCollector.collect(host, loginUser));
        this.osRelease = new Memo<>(() -> PackageFactsCollector.readOs(host));
        this.packages = new Memo<>(() -> PackageFactsCollector.collectUpdates(host, osRelease.get(), checks.packages()));
        this.autoUpdates = new Memo<>(() -> PackageFactsCollector.collectAutoUpdates(host, osRelease.get()));
        this.tls = new Memo<>(() -> TlsFactsCollector.collect(host, spec, checks.tls(), Timeouts.DEFAULT.connect()));
        // OSHI sees what the gate's own user may; with sudo: true the /proc path reads through sudo -n
        this.sockets = new Memo<>(() -> spec.isLocal() && !host.usesSudo() ? LocalSocketsReader.collect()
                : NetFactsCollector.collect(host));
        this.firewall = new Memo<>(() -> FirewallFactsCollector.collect(host));
        List<Cidr> privateNetworks = checks.ports().privateNetworks().stream().map(Cidr::parse).toList();
        this.firewallProbe = new Memo<>(() -> checks.firewall().probe()
                ? FirewallProbe.probe(spec, sockets(), privateNetworks, probeRoutes, PROBE_TIMEOUT)
                : Fact.notApplicable("the firewall probe is off (firewall: { probe: true } turns it on)"));
    }

    /**
     * Gathers the facts of these check families side by side, each over its own channel of the host's
     * one connection, instead of one after the other as the checks would ask for them. A fact whose
     * gathering fails here is gathered again, and reported, when its check asks for it.
     */
    public void gatherAtOnce(Collection<String> families) {
        List<Memo<?>> wanted = new ArrayList<>();
        for (String family : new LinkedHashSet<>(families)) {
            switch (family) {
                case "ssh" -> wanted.add(ssh);
                case "ports" -> wanted.add(sockets);
                case "firewall" -> wanted.add(firewall);
                case "tls" -> wanted.add(tls);
                case "packages" -> wanted.addAll(List.of(packages, autoUpdates));
                default -> {
                    // a family without facts of its own has nothing to gather early
                }
            }
        }
        if (wanted.size() < 2) {
            return;
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(wanted.size(), r -> {
            Thread t = new Thread(r, "hardening-facts-" + host.name() + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = wanted.stream().<Future<?>>map(m -> pool.submit(m::get)).toList();
            for (Future<?> future : running) {
                future.get();
            }
        } catch (ExecutionException e) {
            // the check that needs this fact gathers it again and reports what went wrong
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdown();
        }
    }

    @Override
    public String hostName() {
        return host.name();
    }

    @Override
    public Fact<SshFacts> ssh() {
        return ssh.get();
    }

    @Override
    public Fact<PackageFacts> packages() {
        return packages.get();
    }

    @Override
    public Fact<AutoUpdateFacts> autoUpdates() {
        return autoUpdates.get();
    }

    @Override
    public Fact<TlsFacts> tls() {
        return tls.get();
    }

    @Override
    public Fact<SocketInventory> sockets() {
        return sockets.get();
    }

    @Override
    public Fact<FirewallRuleset> firewall() {
        return firewall.get();
    }

    @Override
    public Fact<List<ProbeResult>> firewallProbe() {
        return firewallProbe.get();
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
