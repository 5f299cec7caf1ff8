package dev.hardening.core.gate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.hardening.core.Hardening;
import dev.hardening.core.HostCheck;
import dev.hardening.core.facts.FactKey;
import dev.hardening.core.family.Check;
import dev.hardening.core.family.FactSource;
import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.family.FindingFactory;
import dev.hardening.core.host.Bastions;
import dev.hardening.core.host.HostDeadline;
import dev.hardening.core.host.HostException;
import dev.hardening.core.host.HostKeyException;
import dev.hardening.core.host.Timeouts;
import dev.hardening.core.host.Watchdog;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.Policy;

/**
 * Checks every host of a policy (in parallel, bounded), collects every finding, applies waivers and
 * decides. It never stops at the first failure. A run has one pool of at most {@code parallelism}
 * worker threads, one per host being checked (the work is remote, so the threads mostly wait), and one
 * parse of each known_hosts file its hosts name.
 */
public final class Gate {
    private static final Duration WORKER_GRACE = Duration.ofSeconds(2);
    private final Policy policy;
    private final GateOptions options;
    private final FamilyRegistry registry;

    /** A gate running the checks of every family on the class path. */
    public Gate(Policy policy, GateOptions options) {
        this(policy, options, FamilyRegistry.discover());
    }

    /** A gate running the checks of these families (the policy should have been read with the same ones). */
    public Gate(Policy policy, GateOptions options, FamilyRegistry registry) {
        this.policy = policy;
        this.options = options;
        this.registry = registry;
    }

    /**
     * A warning when this gate cannot fail whatever the hosts are like: errors do not fail it and no
     * enabled check fails at or above {@code failOn}. Empty when some outcome can fail it.
     */
    public Optional<String> cannotFailWarning() {
        if (options.failOnError()) {
            return Optional.empty();
        }
        List<Check> enabled = enabledChecks();
        if (enabled.stream().anyMatch(c -> c.severity().isAtLeast(options.failOn()))) {
            return Optional.empty();
        }
        return Optional.of("this gate cannot fail: failOnError is false and no enabled check has severity "
                + options.failOn() + " or higher (the enabled checks are " + enabled.stream()
                        .map(c -> c.id().id() + " " + c.severity()).toList()
                + "); lower failOn or set failOnError to true");
    }

    public GateResult run() {
        return run(GateListener.NONE);
    }

    /** Runs the gate, telling {@code listener} as each host starts and finishes. */
    public GateResult run(GateListener listener) {
        Instant started = options.clock().instant();
        long start = System.nanoTime();
        WaiverBook waivers = new WaiverBook(policy.waivers(), LocalDate.now(options.clock()));
        listener.runStarted(policy.hosts().size());
        List<Finding> findings = new ArrayList<>();
        List<HostRun> hosts = new ArrayList<>();
        KnownHostsFiles knownHosts = KnownHostsFiles.perRun();
        int threads = Math.min(options.parallelism(), policy.hosts().size());
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "hardening-host-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // hosts behind the same bastion share its one connection for the run
        Bastions bastions = new Bastions();
        try {
            List<CompletableFuture<HostReport>> perHost = new ArrayList<>();
            for (HostSpec host : policy.hosts()) {
                perHost.add(startHost(host, pool, knownHosts, bastions, waivers, listener));
            }
            for (CompletableFuture<HostReport> host : perHost) {
                HostReport report = host.join();
                findings.addAll(report.findings());
                hosts.add(report.run());
            }
        } finally {
            pool.shutdownNow();
            awaitWorkers(pool);
            bastions.close();
        }
        return new GateResult(Verdict.of(findings, options), started, (System.nanoTime() - start) / 1_000_000,
                findings, waivers.notes(), hosts);
    }

    /** A host's decided findings and how its run went. */
    private record HostReport(HostRun run, List<Finding> findings) {
    }

    /** What checking one host gave, before waivers. */
    private record HostOutcome(List<Finding> findings, Optional<String> os, Map<CheckId, Long> checkDurationsMs) {
        static HostOutcome of(List<Finding> findings) {
            return new HostOutcome(findings, Optional.empty(), Map.of());
        }
    }

    /**
     * Checks one host on the pool within its deadline. The result is whichever comes first: the host's
     * findings, or at the deadline one ERROR saying what the host was doing; the deadline then closes
     * the host's connections, so the blocked thread fails at once and ends.
     */
    private CompletableFuture<HostReport> startHost(HostSpec host, ExecutorService pool, KnownHostsFiles knownHosts,
            Bastions bastions, WaiverBook waivers, GateListener listener) {
        CompletableFuture<HostReport> result = new CompletableFuture<>();
        pool.execute(() -> {
            Thread worker = Thread.currentThread();
            Instant started = options.clock().instant();
            long start = System.nanoTime();
            listener.hostStarted(host);
            HostDeadline deadline = HostDeadline.start(options.timeouts().host());
            ScheduledFuture<?> expiry = Watchdog.after(deadline.limit(), () -> {
                if (finish(result, host, started, start, HostOutcome.of(List.of(deadlineError(host, deadline))),
                        waivers, listener)) {
                    deadline.expire();
                    worker.interrupt();
                }
            });
            try {
                finish(result, host, started, start, deadline.within(() -> checkHost(host, knownHosts, bastions)),
                        waivers, listener);
            } catch (Exception | Error e) {
                finish(result, host, started, start, HostOutcome.of(errorForEveryCheck(host, "checking the host "
                        + "failed unexpectedly, an internal error of hardening (please report it): " + describe(e))),
                        waivers, listener);
            } finally {
                expiry.cancel(false);
                Thread.interrupted();
            }
        });
        return result;
    }

    /** Completes the host's result unless its deadline already did; only the first outcome is reported. */
    private boolean finish(CompletableFuture<HostReport> result, HostSpec host, Instant started, long start,
            HostOutcome outcome, WaiverBook waivers, GateListener listener) {
        HostRun run;
        List<Finding> decided;
        synchronized (result) {
            if (result.isDone()) {
                return false;
            }
            decided = waivers.apply(outcome.findings());
            run = new HostRun(host.name(), host.address(), Verdict.of(decided, options), started,
                    (System.nanoTime() - start) / 1_000_000, outcome.os(), outcome.checkDurationsMs());
            result.complete(new HostReport(run, decided));
        }
        listener.hostFinished(run, decided);
        return true;
    }

    private static Finding deadlineError(HostSpec spec, HostDeadline deadline) {
        return new Finding(spec.name(), CheckId.HOST_CONNECTION, Status.ERROR, Severity.HIGH,
                "host deadline of " + Timeouts.describe(deadline.limit()) + " passed while " + deadline.activity()
                        + "; the host was abandoned and its connections closed",
                List.of(), "find out why the host answers so slowly (see the message), or raise hostTimeout "
                        + "(hardening.hostTimeout) if it is just slow; no check result of this host is known");
    }

    /** Threads of abandoned hosts end once their connections are closed; give them a moment to. */
    private static void awaitWorkers(ExecutorService pool) {
        try {
            pool.awaitTermination(WORKER_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    /** One host: connect once, gather facts once, run every enabled check with the host's settings, always close. */
    private HostOutcome checkHost(HostSpec spec, KnownHostsFiles knownHosts, Bastions bastions) {
        ChecksConfig checks = policy.checksFor(spec);
        List<Check> enabled = enabledChecks(checks);
        if (enabled.isEmpty()) {
            return HostOutcome.of(List.of());
        }
        try (HostCheck host = Hardening.connect(spec, checks, options, registry, knownHosts, bastions)) {
            List<Finding> findings = runAll(host, spec, enabled);
            return new HostOutcome(findings, host.osName(), host.checkDurationsMs());
        } catch (HostKeyException e) {
            // the host is not proven to be the one meant: nothing else is asked of that address
            return HostOutcome.of(List.of(connectionError(spec, e.getMessage())));
        } catch (HostException e) {
            return HostOutcome.of(unreachable(spec, enabled, e.getMessage()));
        }
    }

    private List<Check> enabledChecks() {
        return enabledChecks(policy.checks());
    }

    private List<Check> enabledChecks(ChecksConfig checks) {
        return registry.checks().stream().filter(c -> c.enabled(checks)).toList();
    }

    private List<Finding> runAll(HostCheck host, HostSpec spec, List<Check> checks) {
        host.gatherAtOnce(checks);
        List<Finding> findings = new ArrayList<>();
        for (Check check : checks) {
            findings.addAll(withGroupSettings(spec, check, host.run(check, policy.checksFor(spec))));
        }
        return findings;
    }

    /** The findings with evidence naming the group that set the settings of the check's section for this host. */
    private List<Finding> withGroupSettings(HostSpec spec, Check check, List<Finding> findings) {
        List<String> origins = registry.families().stream()
                .filter(f -> f.checks().stream().anyMatch(c -> c.id().equals(check.id()))).findFirst()
                .map(f -> policy.groupSettings(spec, f.config().section())).orElse(List.of());
        return origins.isEmpty() ? findings : findings.stream().map(f -> f.withEvidenceAdded(origins)).toList();
    }

    /**
     * A host that cannot be logged into is one ERROR saying why; the checks that need no login (TLS
     * endpoints checked from the gate's machine) still run and report.
     */
    private List<Finding> unreachable(HostSpec spec, List<Check> enabled, String reason) {
        Map<FactKey<?>, FactSource<?>> sources = registry.sources();
        List<Check> withoutLogin = enabled.stream()
                .filter(c -> !c.needs().isEmpty() && c.needs().stream().noneMatch(k -> sources.get(k).remote()))
                .toList();
        List<Finding> findings = new ArrayList<>();
        findings.add(connectionError(spec, reason));
        if (!withoutLogin.isEmpty()) {
            try (HostCheck host = Hardening.unreachable(spec, reason, policy.checksFor(spec), options, registry)) {
                findings.addAll(runAll(host, spec, withoutLogin));
            }
        }
        return findings;
    }

    private static Finding connectionError(HostSpec spec, String reason) {
        return new Finding(spec.name(), CheckId.HOST_CONNECTION, Status.ERROR, Severity.HIGH, reason, List.of(),
                "make the host reachable over SSH with a verified host key (see the message); the checks that "
                        + "need a login ran on none of it");
    }

    private List<Finding> errorForEveryCheck(HostSpec spec, String reason) {
        return enabledChecks(policy.checksFor(spec)).stream()
                .map(c -> new FindingFactory(spec.name(), c.id(), c.severity()).error(reason, List.of()))
                .toList();
    }
}
