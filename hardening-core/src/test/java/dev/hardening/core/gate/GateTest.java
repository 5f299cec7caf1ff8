package dev.hardening.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.hardening.core.TestFamily;
import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.FactKey;
import dev.hardening.core.facts.HostFacts;
import dev.hardening.core.family.Check;
import dev.hardening.core.family.CheckFamily;
import dev.hardening.core.family.FactSource;
import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.host.Timeouts;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;
import dev.hardening.core.model.Subject;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.ConfigKey;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.Policy;
import dev.hardening.core.policy.Waiver;

class GateTest {
    static final Clock JUNE_2026 = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
    static final Waiver ADMIN_PORT = new Waiver("ports.private-only", "web1", "8080/tcp",
            "legacy admin port, ticket OPS-12", "2027-01-31");

    /** A check that answers from a table instead of facts; it never touches the host. */
    record FakeCheck(CheckId id, Severity severity, boolean on, Function<String, List<Finding>> answer) implements Check {
        @Override
        public boolean enabled(ChecksConfig config) {
            return on;
        }

        @Override
        public Set<FactKey<?>> needs() {
            return Set.of();
        }

        @Override
        public List<Finding> evaluate(HostFacts facts, ChecksConfig config) {
            return answer.apply(facts.hostName());
        }
    }

    static Check returning(CheckId id, Severity severity, Status status, String message, String... evidence) {
        return new FakeCheck(id, severity, true,
                host -> List.of(new Finding(host, id, status, severity, message, List.of(evidence), "fix it")));
    }

    static HostSpec local(String name) {
        return HostSpec.builder(HostSpec.LOCAL).name(name).build();
    }

    static GateOptions options(Clock clock) {
        return new GateOptions(Severity.LOW, true, 4, Timeouts.DEFAULT, clock, name -> null);
    }

    static GateResult run(List<HostSpec> hosts, List<Waiver> waivers, GateOptions options, Check... checks) {
        Policy policy = new Policy(Optional.empty(), hosts, ChecksConfig.DEFAULT, waivers);
        return new Gate(policy, options, TestFamily.registry(List.of(checks))).run();
    }

    static GateResult run(Check... checks) {
        return run(List.of(local("web1")), List.of(), options(JUNE_2026), checks);
    }

    @Test
    void everyHostAndEveryCheckIsReportedInPolicyOrderAndAllPassingPasses() {
        GateResult result = run(List.of(local("web1"), local("web2")), List.of(), options(JUNE_2026),
                returning(CheckId.SSH_KEY_ONLY, Severity.HIGH, Status.PASS, "ok"),
                returning(CheckId.SSH_ROOT_LOGIN, Severity.HIGH, Status.SKIPPED, "no sshd"));

        assertThat(result.passed()).isTrue();
        assertThat(result.findings()).extracting(Finding::host, Finding::check).containsExactly(
                org.assertj.core.groups.Tuple.tuple("web1", CheckId.SSH_KEY_ONLY),
                org.assertj.core.groups.Tuple.tuple("web1", CheckId.SSH_ROOT_LOGIN),
                org.assertj.core.groups.Tuple.tuple("web2", CheckId.SSH_KEY_ONLY),
                org.assertj.core.groups.Tuple.tuple("web2", CheckId.SSH_ROOT_LOGIN));
        assertThat(result.durationMs()).isNotNegative();
        assertThat(result.waiverNotes()).isEmpty();
    }

    @ParameterizedTest(name = "a {0} failure with failOn {1}: gate passes = {2}")
    @CsvSource(textBlock = """
            MEDIUM,   LOW,      false
            MEDIUM,   MEDIUM,   false
            MEDIUM,   HIGH,     true
            MEDIUM,   CRITICAL, true
            CRITICAL, CRITICAL, false
            LOW,      LOW,      false
            LOW,      MEDIUM,   true
            """)
    void aFailBlocksAtOrAboveTheFailOnThreshold(Severity severity, Severity failOn, boolean passes) {
        GateOptions options = options(JUNE_2026).withFailOn(failOn);

        GateResult result = run(List.of(local("web1")), List.of(), options,
                returning(CheckId.SSH_KEY_ONLY, severity, Status.FAIL, "password authentication is enabled globally"));

        assertThat(result.passed()).isEqualTo(passes);
        assertThat(result.blocking(options)).hasSize(passes ? 0 : 1);
    }

    @Test
    void anErrorFailsTheGateUnlessFailOnErrorIsOff() {
        Check error = returning(CheckId.SSH_KEY_ONLY, Severity.LOW, Status.ERROR, "sudo: a password is required");

        GateResult strict = run(List.of(local("web1")), List.of(), options(JUNE_2026), error);
        GateResult lenient = run(List.of(local("web1")), List.of(), options(JUNE_2026).withFailOnError(false), error);

        assertThat(strict.passed()).isFalse();
        assertThat(strict.blocking(options(JUNE_2026))).singleElement()
                .satisfies(f -> assertThat(f.status()).isEqualTo(Status.ERROR));
        assertThat(lenient.passed()).isTrue();
        assertThat(lenient.blocking(options(JUNE_2026).withFailOnError(false))).isEmpty();
    }

    @Test
    void anErrorBlocksWhateverTheFailOnThreshold() {
        GateOptions options = options(JUNE_2026).withFailOn(Severity.CRITICAL);

        GateResult result = run(List.of(local("web1")), List.of(), options,
                returning(CheckId.SSH_KEY_ONLY, Severity.LOW, Status.ERROR, "timeout"));

        assertThat(result.passed()).isFalse();
    }

    @ParameterizedTest(name = "{0} and {1}: verdict {2}, exit code {3}")
    @CsvSource(textBlock = """
            PASS,  PASS,  PASSED, 0
            FAIL,  PASS,  FAILED, 1
            ERROR, PASS,  ERROR,  2
            FAIL,  ERROR, FAILED, 1
            WAIVED, SKIPPED, PASSED, 0
            """)
    void theVerdictPutsAProvenFailureBeforeAnUnknown(Status first, Status second, Verdict verdict, int exitCode) {
        GateResult result = run(returning(CheckId.SSH_KEY_ONLY, Severity.HIGH, first, "first"),
                returning(CheckId.SSH_ROOT_LOGIN, Severity.HIGH, second, "second"));

        assertThat(result.verdict()).isEqualTo(verdict);
        assertThat(result.verdict().exitCode()).isEqualTo(exitCode);
        assertThat(result.passed()).isEqualTo(verdict == Verdict.PASSED);
    }

    @Test
    void eachHostsRunIsReportedWithItsOwnVerdictAndCheckDurationsAndTheListenerHearsEveryHostOnce() {
        Policy policy = new Policy(Optional.empty(), List.of(local("web1"), local("db1")), ChecksConfig.DEFAULT,
                List.of());
        Check perHost = new FakeCheck(CheckId.SSH_KEY_ONLY, Severity.HIGH, true, host -> List.of(new Finding(host,
                CheckId.SSH_KEY_ONLY, host.equals("db1") ? Status.FAIL : Status.PASS, Severity.HIGH, "m", List.of(),
                "fix")));
        List<String> heard = java.util.Collections.synchronizedList(new ArrayList<>());
        GateListener listener = new GateListener() {
            @Override
            public void runStarted(int hosts) {
                heard.add("run " + hosts);
            }

            @Override
            public void hostStarted(HostSpec host) {
                heard.add("start " + host.name());
            }

            @Override
            public void hostFinished(HostRun run, List<Finding> findings) {
                heard.add("done " + run.host() + " " + run.verdict() + " " + findings.size());
            }
        };

        GateResult result = new Gate(policy, options(JUNE_2026), TestFamily.registry(List.of(perHost))).run(listener);

        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.started()).isEqualTo(JUNE_2026.instant());
        assertThat(result.hosts()).extracting(HostRun::host, HostRun::verdict).containsExactly(
                org.assertj.core.groups.Tuple.tuple("web1", Verdict.PASSED),
                org.assertj.core.groups.Tuple.tuple("db1", Verdict.FAILED));
        assertThat(result.hosts()).allSatisfy(run -> {
            assertThat(run.checkDurationsMs()).containsOnlyKeys(CheckId.SSH_KEY_ONLY);
            assertThat(run.durationMs()).isNotNegative();
            assertThat(run.address()).isEqualTo(local("web1").address());
        });
        assertThat(heard).first().isEqualTo("run 2");
        assertThat(heard).containsOnlyOnce("start web1", "start db1", "done web1 PASSED 1", "done db1 FAILED 1");
        assertThat(heard.indexOf("start db1")).isLessThan(heard.indexOf("done db1 FAILED 1"));
    }

    @Test
    void passSkippedAndWaivedNeverBlock() {
        GateOptions options = options(JUNE_2026);
        List<Finding> harmless = List.of(
                new Finding("web1", CheckId.SSH_KEY_ONLY, Status.PASS, Severity.CRITICAL, "ok", List.of(), ""),
                new Finding("web1", CheckId.SSH_ROOT_LOGIN, Status.SKIPPED, Severity.CRITICAL, "n/a", List.of(), ""),
                new Finding("web1", CheckId.TLS_CHAIN, Status.WAIVED, Severity.CRITICAL, "waived", List.of(), ""));

        assertThat(new GateResult(true, 1, harmless, List.of()).blocking(options)).isEmpty();
    }

    @Test
    void anActiveWaiverTurnsTheFailIntoWaivedWithItsReason() {
        GateResult result = run(List.of(local("web1")), List.of(ADMIN_PORT), options(JUNE_2026),
                returning(CheckId.PORTS_PRIVATE_ONLY, Severity.HIGH, Status.FAIL, "8080/tcp listens on 0.0.0.0"));

        assertThat(result.passed()).isTrue();
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.WAIVED);
            assertThat(f.message()).isEqualTo(
                    "8080/tcp listens on 0.0.0.0 (waived until 2027-01-31: legacy admin port, ticket OPS-12)");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.remediation()).isEqualTo("fix it");
        });
        assertThat(result.waiverNotes()).isEmpty();
    }

    @Test
    void aWaiverMatchesTheEvidenceToo() {
        GateResult result = run(List.of(local("web1")), List.of(ADMIN_PORT), options(JUNE_2026),
                returning(CheckId.PORTS_PRIVATE_ONLY, Severity.HIGH, Status.FAIL, "a public port is open",
                        "tcp 0.0.0.0:8080 users:((\"java\",pid=812))", "8080/tcp"));

        assertThat(result.findings()).singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(Status.WAIVED));
    }

    @Test
    void aWaiverHoldsOnItsExpiryDay() {
        Clock lastDay = Clock.fixed(Instant.parse("2027-01-31T23:30:00Z"), ZoneOffset.UTC);

        GateResult result = run(List.of(local("web1")), List.of(ADMIN_PORT), options(lastDay),
                returning(CheckId.PORTS_PRIVATE_ONLY, Severity.HIGH, Status.FAIL, "8080/tcp listens on 0.0.0.0"));

        assertThat(result.findings().get(0).status()).isEqualTo(Status.WAIVED);
    }

    @Test
    void anExpiredWaiverLeavesTheFailAndSaysSo() {
        Clock dayAfter = Clock.fixed(Instant.parse("2027-02-01T00:00:01Z"), ZoneOffset.UTC);

        GateResult result = run(List.of(local("web1")), List.of(ADMIN_PORT), options(dayAfter),
                returning(CheckId.PORTS_PRIVATE_ONLY, Severity.HIGH, Status.FAIL, "8080/tcp listens on 0.0.0.0"));

        assertThat(result.passed()).isFalse();
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).isEqualTo(
                    "8080/tcp listens on 0.0.0.0 (waiver expired 2027-01-31: legacy admin port, ticket OPS-12)");
        });
        assertThat(result.waiverNotes()).containsExactly("expired waiver: ports.private-only on web1 matching "
                + "'8080/tcp' expired 2027-01-31 and no longer applies");
    }

    @Test
    void anActiveWaiverWinsOverAnExpiredOneForTheSameFinding() {
        Waiver old = new Waiver("ports.private-only", "*", "8080", "old ticket", "2025-12-31");

        GateResult result = run(List.of(local("web1")), List.of(old, ADMIN_PORT), options(JUNE_2026),
                returning(CheckId.PORTS_PRIVATE_ONLY, Severity.HIGH, Status.FAIL, "8080/tcp listens on 0.0.0.0"));

        assertThat(result.passed()).isTrue();
        assertThat(result.findings().get(0).status()).isEqualTo(Status.WAIVED);
        assertThat(result.waiverNotes()).singleElement().asString().startsWith("expired waiver: ports.private-only on *");
    }

    @Test
    void aWaiverThatMatchesNothingIsNoted() {
        Waiver unused = new Waiver("ssh.key-only", "web1", "Match User ops", "contractor access, OPS-7", "2027-01-31");

        GateResult result = run(List.of(local("web1")), List.of(unused), options(JUNE_2026),
                returning(CheckId.SSH_KEY_ONLY, Severity.HIGH, Status.PASS, "only public key authentication is enabled"));

        assertThat(result.passed()).isTrue();
        assertThat(result.waiverNotes()).containsExactly(
                "unused waiver: ssh.key-only on web1 matching 'Match User ops' matched no failure");
    }

    @Test
    void aWaiverAppliesOnlyToItsHostCheckAndMatch() {
        Check fail = returning(CheckId.PORTS_PRIVATE_ONLY, Severity.HIGH, Status.FAIL, "8080/tcp listens on 0.0.0.0");
        Check otherCheck = returning(CheckId.SSH_KEY_ONLY, Severity.HIGH, Status.FAIL, "8080/tcp mentioned elsewhere");

        GateResult result = run(List.of(local("web1"), local("web2")), List.of(ADMIN_PORT), options(JUNE_2026),
                fail, otherCheck);

        assertThat(result.findings()).extracting(f -> f.host() + " " + f.check() + " " + f.status()).containsExactly(
                "web1 ports.private-only WAIVED", "web1 ssh.key-only FAIL",
                "web2 ports.private-only FAIL", "web2 ssh.key-only FAIL");
        assertThat(result.passed()).isFalse();
    }

    @Test
    void aWaiverForEveryHostCoversEveryMatchingFailOfItsCheck() {
        Waiver all = new Waiver("ports.private-only", null, "public", "lab network", "2027-01-31");

        GateResult result = run(List.of(local("web1"), local("web2")), List.of(all), options(JUNE_2026),
                returning(CheckId.PORTS_PRIVATE_ONLY, Severity.HIGH, Status.FAIL, "something public"));

        assertThat(result.findings()).extracting(Finding::status).containsExactly(Status.WAIVED, Status.WAIVED);
        assertThat(result.passed()).isTrue();
    }

    @Test
    void aWaiverNeverHidesAnError() {
        Waiver all = new Waiver("ssh.key-only", "*", "sshd", "accepted", "2027-01-31");

        GateResult result = run(List.of(local("web1")), List.of(all), options(JUNE_2026),
                returning(CheckId.SSH_KEY_ONLY, Severity.HIGH, Status.ERROR, "sshd -T could not run"));

        assertThat(result.findings().get(0).status()).isEqualTo(Status.ERROR);
        assertThat(result.passed()).isFalse();
        assertThat(result.waiverNotes()).singleElement().asString().startsWith("unused waiver: ssh.key-only");
    }

    @Test
    void aDisabledCheckDoesNotRun() {
        AtomicInteger calls = new AtomicInteger();
        Check off = new FakeCheck(CheckId.TLS_CHAIN, Severity.HIGH, false, host -> {
            calls.incrementAndGet();
            return List.of();
        });

        GateResult result = run(off, returning(CheckId.SSH_KEY_ONLY, Severity.HIGH, Status.PASS, "ok"));

        assertThat(calls).hasValue(0);
        assertThat(result.findings()).extracting(Finding::check).containsExactly(CheckId.SSH_KEY_ONLY);
    }

    @Test
    void aCheckThatCrashesIsAnErrorOfThatCheckAloneAndEveryOtherCheckStillReports() {
        Check crashing = new FakeCheck(CheckId.SSH_KEY_ONLY, Severity.HIGH, true, host -> {
            if (host.equals("web1")) {
                throw new IllegalStateException("boom");
            }
            return List.of(new Finding(host, CheckId.SSH_KEY_ONLY, Status.PASS, Severity.HIGH, "ok", List.of(), ""));
        });
        Check failing = returning(CheckId.PORTS_PRIVATE_ONLY, Severity.HIGH, Status.FAIL, "5432/tcp listens on 0.0.0.0");

        GateResult result = run(List.of(local("web1"), local("web2")), List.of(), options(JUNE_2026), crashing, failing);

        assertThat(result.passed()).isFalse();
        assertThat(result.findings()).extracting(f -> f.host() + " " + f.check() + " " + f.status()).containsExactly(
                "web1 ssh.key-only ERROR", "web1 ports.private-only FAIL",
                "web2 ssh.key-only PASS", "web2 ports.private-only FAIL");
        assertThat(result.findings().get(0).message()).isEqualTo("check ssh.key-only failed with an internal error: "
                + "boom; this is a defect of the check, please report it").doesNotContain("java.lang");
        assertThat(result.findings().get(1).message()).isEqualTo("5432/tcp listens on 0.0.0.0");
    }

    @Test
    void hostsAreCheckedInParallelButNoMoreAtOnceThanAllowed() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Check slow = new FakeCheck(CheckId.SSH_KEY_ONLY, Severity.HIGH, true, host -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return List.of(new Finding(host, CheckId.SSH_KEY_ONLY, Status.PASS, Severity.HIGH, "ok", List.of(), ""));
        });
        List<HostSpec> hosts = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            hosts.add(local("web" + i));
        }

        GateResult result = run(hosts, List.of(), options(JUNE_2026).withParallelism(3), slow);

        assertThat(most.get()).isBetween(2, 3);
        assertThat(result.findings()).extracting(Finding::host)
                .containsExactly("web1", "web2", "web3", "web4", "web5", "web6");
        assertThat(result.durationMs()).isLessThan(6 * 150);
    }

    @Test
    void anUnreachableHostIsOneConnectionErrorAndTheOtherHostsAreStillChecked(@TempDir Path dir) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
        HostSpec unreachable = new HostSpec("db1", "127.0.0.1", port, "deploy", null, null, knownHosts.toString(),
                null, null, null);
        GateOptions options = options(JUNE_2026).withTimeouts(new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 16));

        GateResult result = run(List.of(unreachable, local("web1")), List.of(), options,
                returning(CheckId.SSH_KEY_ONLY, Severity.HIGH, Status.PASS, "ok"),
                returning(CheckId.SSH_ROOT_LOGIN, Severity.HIGH, Status.PASS, "ok"));

        assertThat(result.passed()).isFalse();
        assertThat(result.findings()).extracting(f -> f.host() + " " + f.check() + " " + f.status()).containsExactly(
                "db1 host.connection ERROR", "web1 ssh.key-only PASS", "web1 ssh.root-login PASS");
        assertThat(result.findings().get(0).message()).contains("127.0.0.1:" + port);
        assertThat(result.blocking(options)).extracting(Finding::check).containsExactly(CheckId.HOST_CONNECTION);
    }

    private static Check failingAbout(CheckId id, Subject subject, String message) {
        return new FakeCheck(id, Severity.HIGH, true, host -> List.of(new Finding(host, id, Status.FAIL, Severity.HIGH,
                message, List.of(), "fix it", subject)));
    }

    @Test
    void aPortWaiverNeverWaivesAPortWhoseNumberContainsIt() {
        Waiver ssh = Waiver.builder("ports.private-only", "web1").port("22/tcp").until("2027-01-31", "bastion only");
        Waiver sshText = new Waiver("ports.private-only", "web1", "22/tcp", "bastion only", "2027-01-31");

        for (Waiver waiver : List.of(ssh, sshText)) {
            GateResult result = run(List.of(local("web1")), List.of(waiver), options(JUNE_2026),
                    failingAbout(CheckId.PORTS_PRIVATE_ONLY, new Subject.Port(8022, "tcp", "0.0.0.0"),
                            "8022/tcp is reachable from outside: sshd listens on 0.0.0.0:8022"));

            assertThat(result.findings()).as(waiver.describe()).extracting(Finding::status).containsExactly(Status.FAIL);
            assertThat(result.passed()).isFalse();
        }
    }

    @Test
    void aPortWaiverWaivesExactlyItsPortBySubjectOrByWholeWords() {
        Waiver bySubject = Waiver.builder("ports.private-only", "web1").port("22/tcp").until("2027-01-31", "bastion only");
        Waiver byText = new Waiver("ports.private-only", "web1", "22/tcp", "bastion only", "2027-01-31");

        for (Waiver waiver : List.of(bySubject, byText)) {
            GateResult result = run(List.of(local("web1")), List.of(waiver), options(JUNE_2026),
                    failingAbout(CheckId.PORTS_PRIVATE_ONLY, new Subject.Port(22, "tcp", "0.0.0.0"),
                            "22/tcp is reachable from outside: sshd listens on 0.0.0.0:22"));

            assertThat(result.findings()).as(waiver.describe()).extracting(Finding::status).containsExactly(Status.WAIVED);
        }
    }

    @Test
    void subjectWaiversMatchByGlobAndRangeAndNeverAFindingWithoutThatField() {
        Waiver openssl = Waiver.builder("packages.up-to-date", "*").packageName("openssl*").until("2027-01-31", "vendor build");
        Waiver dropIns = Waiver.builder("ssh.key-only", "*").file("/etc/ssh/sshd_config.d/*")
                .until("2027-01-31", "managed elsewhere");
        Waiver range = Waiver.builder("ports.private-only", "*").port("8000-8099/tcp").until("2027-01-31", "dev servers");

        GateResult result = run(List.of(local("web1")), List.of(openssl, dropIns, range), options(JUNE_2026),
                failingAbout(CheckId.PACKAGES_UP_TO_DATE, new Subject.Package("openssl", "3.0.11-1", "3.0.15-1"), "openssl"),
                failingAbout(CheckId.SSH_KEY_ONLY, new Subject.Setting("PasswordAuthentication", "yes",
                        Optional.of(new Subject.FileLine("/etc/ssh/sshd_config.d/50-cloud-init.conf", 1))), "password"),
                failingAbout(CheckId.PORTS_PRIVATE_ONLY, new Subject.Port(8080, "tcp", "0.0.0.0"), "8080/tcp"),
                failingAbout(CheckId.TLS_CHAIN, Subject.HOST, "openssl in the message of another check"));

        assertThat(result.findings()).extracting(f -> f.check() + " " + f.status()).containsExactly(
                "packages.up-to-date WAIVED", "ssh.key-only WAIVED", "ports.private-only WAIVED", "tls.chain FAIL");
    }

    @Test
    void matchTextStandsAsWholeWordsOnly() {
        assertThat(Waiver.containsWords("openssl-dev 3.0.15-1 available", "openssl")).isFalse();
        assertThat(Waiver.containsWords("listens on 10.0.0.22/tcp", "22/tcp")).isFalse();
        assertThat(Waiver.containsWords("upgrade openssl.", "openssl")).isTrue();
        assertThat(Waiver.containsWords("0.0.0.0:22/tcp open", "22/tcp")).isTrue();
        assertThat(Waiver.containsWords("Match Address 10.0.0.0/8 (sshd_config:12)", "Match Address 10.0.0.0/8")).isTrue();
    }

    /** A check reading one fact, registered with the source that gathers it. */
    private record Reading(CheckId id, FactKey<String> fact) implements Check {
        @Override
        public Severity severity() {
            return Severity.HIGH;
        }

        @Override
        public boolean enabled(ChecksConfig config) {
            return true;
        }

        @Override
        public Set<FactKey<?>> needs() {
            return Set.of(fact);
        }

        @Override
        public List<Finding> evaluate(HostFacts facts, ChecksConfig config) {
            String verdict = facts.get(fact) instanceof Fact.Known<String> known ? known.value() : "unknown";
            return List.of(new Finding(facts.hostName(), id, Status.PASS, severity(), verdict, List.of(), ""));
        }
    }

    private record TwoSources(List<Check> checks, List<FactSource<?>> facts) implements CheckFamily<String> {
        @Override
        public ConfigKey<String> config() {
            return new ConfigKey<>("two", String.class, "");
        }
    }

    @Test
    void onAnUnreachableHostOnlyTheChecksThatNeedNoLoginRunBesideTheConnectionError(@TempDir Path dir)
            throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        FactKey<String> handshake = FactKey.of("test.handshake");
        FactKey<String> config = FactKey.of("test.config");
        FamilyRegistry registry = FamilyRegistry.of(List.of(new TwoSources(
                List.of(new Reading(CheckId.of("test.from-gate", "t"), handshake),
                        new Reading(CheckId.of("test.over-ssh", "t"), config)),
                List.of(FactSource.fromGateMachine(handshake, context -> Fact.known("handshake read from the gate")),
                        FactSource.remote(config, context -> Fact.known("never read"))))));
        HostSpec unreachable = HostSpec.builder("127.0.0.1").name("db1").port(port)
                .knownHosts(Files.writeString(dir.resolve("known_hosts"), "").toString()).build();
        Policy policy = new Policy(Optional.empty(), List.of(unreachable), ChecksConfig.DEFAULT, List.of());

        GateResult result = new Gate(policy, options(JUNE_2026).withTimeouts(new Timeouts(Duration.ofSeconds(2),
                Duration.ofSeconds(5), 1 << 16)), registry).run();

        assertThat(result.findings()).extracting(f -> f.check() + " " + f.status())
                .containsExactly("host.connection ERROR", "test.from-gate PASS");
        assertThat(result.findings().get(0).message()).contains("127.0.0.1:" + port);
        assertThat(result.findings().get(1).message()).isEqualTo("handshake read from the gate");
    }
}
