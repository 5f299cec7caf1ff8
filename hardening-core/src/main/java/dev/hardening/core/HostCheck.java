package dev.hardening.core;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.packages.OsRelease;
import dev.hardening.core.family.Check;
import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.gather.CollectedFacts;
import dev.hardening.core.gather.ProbeRoutes;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.Timeouts;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.FirewallChecksConfig;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.PackagesChecksConfig;
import dev.hardening.core.policy.PortsChecksConfig;
import dev.hardening.core.policy.SshChecksConfig.RootLogin;
import dev.hardening.core.policy.SshChecksConfig;
import dev.hardening.core.policy.TlsChecksConfig;
import dev.hardening.core.policy.TlsEndpoint;

/**
 * Checks run on one open host: its facts are gathered once, on first use, and shared by every check
 * run through this session, each with the settings it asks for. The gate runs its checks through one
 * of these per host, so a library call, a JUnit assertion and the gate judge a host with the same code.
 * Made by {@link Hardening}.
 *
 * <pre>{@code
 * try (HostCheck web1 = Hardening.connect(spec, ChecksConfig.DEFAULT, GateOptions.DEFAULT)) {
 *     List<Finding> keyOnly = web1.ssh().keyOnly();
 *     List<Finding> ports = web1.ports().privateOnlyExcept("22/tcp", "443/tcp");
 * }
 * }</pre>
 */
public final class HostCheck implements AutoCloseable {
    private final Host host;
    private final boolean ownsHost;
    private final HostSpec spec;
    private final ChecksConfig checks;
    private final FamilyRegistry registry;
    private final Timeouts timeouts;
    private final ProbeRoutes probeRoutes;
    /** Keyed by the host's entry, or by a copy naming one TLS endpoint, so each is gathered once. */
    private final Map<HostSpec, CollectedFacts> facts = new HashMap<>();
    private final Map<CheckId, Long> checkMillis = new LinkedHashMap<>();

    HostCheck(Host host, boolean ownsHost, HostSpec spec, ChecksConfig checks, FamilyRegistry registry,
            Timeouts timeouts, ProbeRoutes probeRoutes) {
        this.host = host;
        this.ownsHost = ownsHost;
        this.spec = spec;
        this.checks = checks;
        this.registry = registry;
        this.timeouts = timeouts;
        this.probeRoutes = probeRoutes;
    }

    /** The label of the host in findings. */
    public String hostName() {
        return host.name();
    }

    public Host host() {
        return host;
    }

    /** The policy's entry for the host. */
    public HostSpec spec() {
        return spec;
    }

    /** The check settings runs start from (the policy's, or the defaults). */
    public ChecksConfig checks() {
        return checks;
    }

    /** The families whose checks this session runs. */
    public FamilyRegistry registry() {
        return registry;
    }

    /** Runs the check with this id on the session's settings. */
    public List<Finding> run(CheckId id) {
        return run(id, checks);
    }

    /**
     * Runs the check with this id. An id no registered family implements gives one ERROR finding
     * saying so: a check that cannot run never passes.
     */
    public List<Finding> run(CheckId id, ChecksConfig config) {
        return run(spec, id, config);
    }

    /**
     * Runs the check with this id on another entry for the same host (one naming a single TLS
     * endpoint); its facts are gathered once per entry.
     */
    public List<Finding> run(HostSpec target, CheckId id, ChecksConfig config) {
        Optional<Check> check = registry.check(id);
        if (check.isEmpty()) {
            return List.of(new Finding(host.name(), id, Status.ERROR, Severity.HIGH, "check " + id
                    + " is not registered (no check family on the class path implements it)", List.of(),
                    "add the jar of the family that implements " + id + " (and its META-INF/services entry)"));
        }
        return evaluate(check.get(), factsFor(target), config);
    }

    /** Gathers, side by side, the facts these checks will read, before they ask one by one. */
    public void gatherAtOnce(Collection<Check> upcoming) {
        factsFor(spec).gatherAtOnce(upcoming.stream().flatMap(c -> c.needs().stream()).toList());
    }

    /** Runs a check, whether it is enabled in {@code config} or not (the caller asked for it). */
    public List<Finding> run(Check check, ChecksConfig config) {
        return evaluate(check, factsFor(spec), config);
    }

    /**
     * Per check run so far, in the order they first ran: milliseconds of the slowest fact it read plus its
     * own evaluation (summed over runs of the same check, e.g. one per TLS endpoint).
     */
    public synchronized Map<CheckId, Long> checkDurationsMs() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(checkMillis));
    }

    /** The operating system's name from os-release, if a check has read it; nothing is asked of the host. */
    public Optional<String> osName() {
        return factsFor(spec).gathered(OsRelease.KEY)
                .flatMap(f -> f instanceof Fact.Known<OsRelease> known ? Optional.of(known.value().prettyName())
                        : Optional.empty());
    }

    /**
     * The navigation of a family that is not built in, e.g. {@code host.family(LoginBannerChecks::new)}:
     * a family offers its own typed entry without this class knowing it.
     */
    public <F> F family(Function<HostCheck, F> entry) {
        return entry.apply(this);
    }

    public SshChecks ssh() {
        return new SshChecks(this);
    }

    public PortsChecks ports() {
        return new PortsChecks(this);
    }

    public FirewallChecks firewall() {
        return new FirewallChecks(this);
    }

    /** The TLS endpoint the host serves on {@code port} for {@code serverName} (SNI and hostname check). */
    public TlsChecks tls(int port, String serverName) {
        return new TlsChecks(this, new TlsEndpoint(port, serverName, null));
    }

    public PackagesChecks packages() {
        return new PackagesChecks(this);
    }

    /** Closes the connection when this session opened it; a host handed in stays open. */
    @Override
    public void close() {
        if (ownsHost) {
            host.close();
        }
    }

    /**
     * One check's findings. A check that throws is a defect: it becomes an ERROR of that check alone, so
     * the other checks of the host keep their results.
     */
    private List<Finding> evaluate(Check check, CollectedFacts target, ChecksConfig config) {
        long gathered = check.needs().stream().flatMap(k -> target.gatherTime(k).stream())
                .mapToLong(Duration::toMillis).max().orElse(0);
        long start = System.nanoTime();
        try {
            return findingsOf(check, target, config);
        } finally {
            long took = gathered + (System.nanoTime() - start) / 1_000_000;
            synchronized (this) {
                checkMillis.merge(check.id(), took, Long::sum);
            }
        }
    }

    private List<Finding> findingsOf(Check check, CollectedFacts target, ChecksConfig config) {
        try {
            List<Finding> findings = check.evaluate(target, config);
            if (findings == null || findings.isEmpty()) {
                return List.of(defect(check, "returned no finding"));
            }
            return findings;
        } catch (RuntimeException e) {
            return List.of(defect(check, "failed with an internal error: "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())));
        }
    }

    private Finding defect(Check check, String what) {
        return new Finding(host.name(), check.id(), Status.ERROR, check.severity(), "check " + check.id() + " "
                + what + "; this is a defect of the check, please report it", List.of(),
                "report the defect to the maintainers of the family that registers " + check.id());
    }

    private synchronized CollectedFacts factsFor(HostSpec target) {
        return facts.computeIfAbsent(target, t -> new CollectedFacts(host, t, checks, timeouts, probeRoutes,
                registry.sources()));
    }

    /** One family of checks on the session's host; each method runs one check and returns its findings. */
    public abstract static class Family {
        protected final HostCheck session;

        protected Family(HostCheck session) {
            this.session = session;
        }

        /** The label of the host in findings. */
        public String hostName() {
            return session.hostName();
        }
    }

    /** {@code ssh.*}: how the SSH server lets users and root in. */
    public static final class SshChecks extends Family {
        SshChecks(HostCheck session) {
            super(session);
        }

        /** {@code ssh.key-only}: no password or keyboard-interactive login, in any context. */
        public List<Finding> keyOnly() {
            SshChecksConfig base = session.checks.get(SshChecksConfig.KEY);
            return session.run(CheckId.SSH_KEY_ONLY, session.checks.with(SshChecksConfig.KEY, new SshChecksConfig(true, true, base.rootLogin())));
        }

        /** {@code ssh.root-login}: root logs in at most as {@code allowed} permits. */
        public List<Finding> rootLogin(RootLogin allowed) {
            SshChecksConfig base = session.checks.get(SshChecksConfig.KEY);
            return session.run(CheckId.SSH_ROOT_LOGIN, session.checks.with(SshChecksConfig.KEY, new SshChecksConfig(true, base.keyOnly(), allowed)));
        }
    }

    /** {@code ports.*}: where listening services are bound. */
    public static final class PortsChecks extends Family {
        PortsChecks(HostCheck session) {
            super(session);
        }

        /** {@code ports.private-only}: every listener is private, except these ({@code "443/tcp"}, {@code "8000-8099/tcp"}). */
        public List<Finding> privateOnlyExcept(String... publicAllowed) {
            PortsChecksConfig base = session.checks.get(PortsChecksConfig.KEY);
            return session.run(CheckId.PORTS_PRIVATE_ONLY, session.checks.with(PortsChecksConfig.KEY, new PortsChecksConfig(true,
                    List.of(publicAllowed), base.privateNetworks())));
        }
    }

    /** {@code firewall.*}: the inbound policy. */
    public static final class FirewallChecks extends Family {
        FirewallChecks(HostCheck session) {
            super(session);
        }

        /** {@code firewall.default-deny}: inbound traffic is denied by default, IPv4 and IPv6. */
        public List<Finding> defaultDeny() {
            FirewallChecksConfig base = session.checks.get(FirewallChecksConfig.KEY);
            return session.run(CheckId.FIREWALL_DEFAULT_DENY, session.checks.with(FirewallChecksConfig.KEY, new FirewallChecksConfig(true, true,
                    base.probe())));
        }
    }

    /** {@code tls.*} on one endpoint of the host. */
    public static final class TlsChecks extends Family {
        private final HostSpec endpointSpec;

        TlsChecks(HostCheck session, TlsEndpoint endpoint) {
            super(session);
            HostSpec s = session.spec;
            this.endpointSpec = new HostSpec(s.name(), s.address(), s.port(), s.user(), s.identity(),
                    s.passphraseEnv(), s.knownHosts(), s.hostKey(), s.sudo(), List.of(endpoint));
        }

        /** {@code tls.chain} with the session's expiry window. */
        public List<Finding> chain() {
            return chain(session.checks.get(TlsChecksConfig.KEY).minDaysValid());
        }

        /** {@code tls.chain}, requiring the certificate to stay valid for at least {@code validity} (whole days, rounded up). */
        public List<Finding> chain(Duration validity) {
            boolean partDay = validity.compareTo(Duration.ofDays(validity.toDays())) > 0;
            return chain(Math.toIntExact(validity.toDays() + (partDay ? 1 : 0)));
        }

        /** {@code tls.protocols} with the session's oldest allowed protocol. */
        public List<Finding> protocols() {
            return protocols(session.checks.get(TlsChecksConfig.KEY).minProtocol());
        }

        /** {@code tls.protocols}: nothing older than {@code minProtocol} ({@code TLSv1.2}, {@code TLSv1.3}) is accepted. */
        public List<Finding> protocols(String minProtocol) {
            TlsChecksConfig base = session.checks.get(TlsChecksConfig.KEY);
            return run(CheckId.TLS_PROTOCOLS, new TlsChecksConfig(true, base.trust(), base.minDaysValid(), minProtocol,
                    base.jdkTrust()));
        }

        private List<Finding> chain(int minDaysValid) {
            TlsChecksConfig base = session.checks.get(TlsChecksConfig.KEY);
            return run(CheckId.TLS_CHAIN, new TlsChecksConfig(true, base.trust(), minDaysValid, base.minProtocol(),
                    base.jdkTrust()));
        }

        private List<Finding> run(CheckId id, TlsChecksConfig tls) {
            return session.run(endpointSpec, id, session.checks.with(TlsChecksConfig.KEY, tls));
        }
    }

    /** {@code packages.*}: pending and automatic updates. */
    public static final class PackagesChecks extends Family {
        PackagesChecks(HostCheck session) {
            super(session);
        }

        /** {@code packages.up-to-date}: no pending security updates. */
        public List<Finding> noPendingSecurityUpdates() {
            return upToDate("security");
        }

        /** {@code packages.up-to-date}: no pending updates at all. */
        public List<Finding> noPendingUpdates() {
            return upToDate("all");
        }

        /** {@code packages.auto-updates}: updates are installed automatically. */
        public List<Finding> autoUpdates() {
            PackagesChecksConfig base = session.checks.get(PackagesChecksConfig.KEY);
            return session.run(CheckId.PACKAGES_AUTO_UPDATES, session.checks.with(PackagesChecksConfig.KEY,
                    base.enabledWith(base.upToDate())));
        }

        private List<Finding> upToDate(String scope) {
            PackagesChecksConfig base = session.checks.get(PackagesChecksConfig.KEY);
            return session.run(CheckId.PACKAGES_UP_TO_DATE, session.checks.with(PackagesChecksConfig.KEY,
                    base.enabledWith(scope)));
        }
    }
}
