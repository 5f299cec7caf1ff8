package dev.hardening.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.hardening.core.facts.FactKey;
import dev.hardening.core.facts.HostFacts;
import dev.hardening.core.facts.ssh.AuthenticationOffer;
import dev.hardening.core.family.Check;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.HostException;
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

class HostCheckTest {
    private static final CheckId[] BUILT_IN = {CheckId.SSH_KEY_ONLY, CheckId.SSH_ROOT_LOGIN, CheckId.PORTS_PRIVATE_ONLY,
        CheckId.FIREWALL_DEFAULT_DENY, CheckId.TLS_CHAIN, CheckId.TLS_PROTOCOLS, CheckId.PACKAGES_UP_TO_DATE,
        CheckId.PACKAGES_AUTO_UPDATES};
    private final List<Call> calls = new ArrayList<>();

    /** What a check was given: the settings and the facts. */
    private record Call(CheckId id, ChecksConfig config, HostFacts facts) {
    }

    @Test
    void aCheckIdWithoutAnImplementationIsAnErrorThatSaysSoAndNeverAPass() {
        HostCheck session = session(ChecksConfig.DEFAULT /* no checks known */);

        List<Finding> findings = session.ports().privateOnlyExcept("22/tcp");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.host()).isEqualTo("fake");
            assertThat(f.check()).isEqualTo(CheckId.PORTS_PRIVATE_ONLY);
            assertThat(f.message()).isEqualTo("check ports.private-only is not registered (no check family on the class path implements it)");
        });
    }

    @Test
    void everyFamilyRunsItsCheckWithTheSettingsItsArgumentsSpell() {
        HostCheck session = session(ChecksConfig.DEFAULT, BUILT_IN);

        session.ssh().keyOnly();
        session.ssh().rootLogin(RootLogin.PROHIBIT_PASSWORD);
        session.ports().privateOnlyExcept("22/tcp", "443/tcp");
        session.firewall().defaultDeny();
        session.tls(443, "web1.example.com").chain(Duration.ofDays(14));
        session.tls(443, "web1.example.com").protocols("TLSv1.3");
        session.packages().noPendingSecurityUpdates();
        session.packages().noPendingUpdates();
        session.packages().autoUpdates();

        assertThat(calls).extracting(Call::id).containsExactly(CheckId.SSH_KEY_ONLY, CheckId.SSH_ROOT_LOGIN,
                CheckId.PORTS_PRIVATE_ONLY, CheckId.FIREWALL_DEFAULT_DENY, CheckId.TLS_CHAIN, CheckId.TLS_PROTOCOLS,
                CheckId.PACKAGES_UP_TO_DATE, CheckId.PACKAGES_UP_TO_DATE, CheckId.PACKAGES_AUTO_UPDATES);
        assertThat(calls.get(0).config().get(SshChecksConfig.KEY).keyOnly()).isTrue();
        assertThat(calls.get(1).config().get(SshChecksConfig.KEY).rootLogin()).isEqualTo(RootLogin.PROHIBIT_PASSWORD);
        assertThat(calls.get(2).config().get(PortsChecksConfig.KEY).publicAllowed()).containsExactly("22/tcp", "443/tcp");
        assertThat(calls.get(2).config().get(PortsChecksConfig.KEY).privateNetworks()).isEqualTo(PortsChecksConfig.DEFAULT_PRIVATE_NETWORKS);
        assertThat(calls.get(3).config().get(FirewallChecksConfig.KEY).defaultDeny()).isTrue();
        assertThat(calls.get(4).config().get(TlsChecksConfig.KEY).minDaysValid()).isEqualTo(14);
        assertThat(calls.get(5).config().get(TlsChecksConfig.KEY).minProtocol()).isEqualTo("TLSv1.3");
        assertThat(calls.get(6).config().get(PackagesChecksConfig.KEY).upToDate()).isEqualTo("security");
        assertThat(calls.get(7).config().get(PackagesChecksConfig.KEY).upToDate()).isEqualTo("all");
    }

    @Test
    void familiesTheBaseSettingsTurnOffStillRunWhenAskedFor() {
        ChecksConfig off = ChecksConfig.DEFAULT.with(PackagesChecksConfig.KEY, new PackagesChecksConfig(false, "all", 12, null));
        HostCheck session = session(off, BUILT_IN);

        session.packages().noPendingSecurityUpdates();

        PackagesChecksConfig given = calls.get(0).config().get(PackagesChecksConfig.KEY);
        assertThat(given.enabled()).isTrue();
        assertThat(given.upToDate()).isEqualTo("security");
        assertThat(given.maxIndexAgeHours()).as("the rest comes from the base settings").isEqualTo(12);
    }

    @Test
    void aValidityThatIsNotWholeDaysIsRoundedUpSoTheCheckIsNeverLaxer() {
        HostCheck session = session(ChecksConfig.DEFAULT, CheckId.TLS_CHAIN);

        session.tls(443, "web1.example.com").chain(Duration.ofDays(13).plusHours(1));

        assertThat(calls.get(0).config().get(TlsChecksConfig.KEY).minDaysValid()).isEqualTo(14);
    }

    @Test
    void factsAreGatheredOncePerSessionAndOncePerTlsEndpoint() {
        HostCheck session = session(ChecksConfig.DEFAULT, BUILT_IN);

        session.ssh().keyOnly();
        session.ssh().rootLogin(RootLogin.NO);
        session.tls(443, "a.example.com").chain();
        session.tls(443, "a.example.com").protocols();
        session.tls(8443, "b.example.com").chain();

        assertThat(calls.get(0).facts()).isSameAs(calls.get(1).facts());
        assertThat(calls.get(2).facts()).isSameAs(calls.get(3).facts()).isNotSameAs(calls.get(0).facts());
        assertThat(calls.get(4).facts()).isNotSameAs(calls.get(2).facts());
    }

    @Test
    void theSessionClosesOnlyAHostItOpened() {
        FakeHost handedIn = new FakeHost();

        Hardening.check(handedIn).close();

        assertThat(handedIn.closed).isFalse();
    }

    private HostCheck session(ChecksConfig base, CheckId... implemented) {
        List<Check> catalogue = Arrays.stream(implemented).map(id -> (Check) new RecordingCheck(id)).toList();
        HostSpec spec = new HostSpec("fake", "localhost", null, "deploy", null, null, null, null, null,
                List.of(new TlsEndpoint(443, "policy.example.com", null)));
        return Hardening.check(new FakeHost(), spec, base, TestFamily.registry(catalogue));
    }

    private final class RecordingCheck implements Check {
        private final CheckId id;

        RecordingCheck(CheckId id) {
            this.id = id;
        }

        @Override
        public CheckId id() {
            return id;
        }

        @Override
        public Severity severity() {
            return Severity.LOW;
        }

        @Override
        public boolean enabled(ChecksConfig config) {
            return true;
        }

        @Override
        public Set<FactKey<?>> needs() {
            return Set.of();
        }

        @Override
        public List<Finding> evaluate(HostFacts facts, ChecksConfig config) {
            calls.add(new Call(id, config, facts));
            return List.of(new Finding(facts.hostName(), id, Status.PASS, severity(), "recorded", List.of(), ""));
        }
    }

    /** A host no check in these tests reads from. */
    private static final class FakeHost implements Host {
        boolean closed;

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public CommandResult run(String command) throws HostException {
            throw new HostException("the fake host runs nothing");
        }

        @Override
        public CommandResult runPrivileged(String command) throws HostException {
            return run(command);
        }

        @Override
        public boolean usesSudo() {
            return false;
        }

        @Override
        public AuthenticationOffer offeredAuthentication(String user, int port) throws HostException {
            throw new HostException("the fake host has no SSH server");
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
