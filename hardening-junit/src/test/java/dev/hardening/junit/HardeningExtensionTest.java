package dev.hardening.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import dev.hardening.core.HostCheck;
import dev.hardening.core.host.Host;
import dev.hardening.core.policy.Policy;

/** How {@link HardeningTest} resolves parameters, and what it says when it cannot. No host is contacted. */
class HardeningExtensionTest {
    /** What the fixtures saw, for the assertions below (the fixtures run inside this test). */
    static final List<String> SEEN = new ArrayList<>();

    @TempDir
    Path dir;

    @HardeningTest
    static class UnknownHost {
        @Test
        void db(@TargetHost("db9") Host db) {
        }
    }

    @HardeningTest
    static class NoTargetHost {
        @Test
        void anyHost(Host host) {
        }
    }

    @HardeningTest
    static class PolicyHost {
        @Test
        void web1(@TargetHost("web1") Host web1) {
        }
    }

    @HardeningTest(policy = "no/such/policy.yml")
    static class AnnotatedPolicy {
        @Test
        void policy(Policy policy) {
            SEEN.add(policy.hosts().get(0).name());
        }
    }

    @HardeningTest
    static class LocalMachine {
        @Test
        void local(@TargetHost("local") Host local, @TargetHost("local") HostCheck same) {
            SEEN.add(local.name() + " " + (same.host() == local));
        }
    }

    @Test
    void anUnknownHostNameSaysWhichHostsThePolicyHas() throws Exception {
        Path policy = policy("web1", "web2");

        Events failed = run(UnknownHost.class, policy.toString()).failed();

        assertThat(failed.count()).isOne();
        assertThat(message(failed)).isEqualTo("parameter [Host arg0] of UnknownHost.db(Host): @TargetHost(\"db9\") "
                + "names no host of the policy " + policy + " (its hosts: web1, web2)");
    }

    @Test
    void aHostWithoutAPolicySaysHowToGiveOne() {
        Events failed = run(PolicyHost.class, null).failed();

        assertThat(message(failed)).isEqualTo("parameter [Host arg0] of PolicyHost.web1(Host): @TargetHost(\"web1\") "
                + "names a host of a policy, but no policy is given: set @HardeningTest(policy = "
                + "\"path/to/hardening.yml\") on the test class, or -Dhardening.policy=FILE");
    }

    @Test
    void aPolicyFileThatDoesNotExistIsNamed() {
        Events failed = run(PolicyHost.class, dir.resolve("missing.yml").toString()).failed();

        assertThat(message(failed)).isEqualTo("cannot use the policy of PolicyHost: " + dir.resolve("missing.yml")
                + ": policy file does not exist");
    }

    @Test
    void aBrokenPolicyIsReportedWithTheLoadersMessage() throws Exception {
        Path policy = Files.writeString(dir.resolve("hardening.yml"), "hosts:\n  - name: web1\n    address: 10.0.0.1\n    prot: 22\n");

        Events failed = run(PolicyHost.class, policy.toString()).failed();

        assertThat(message(failed)).startsWith("cannot use the policy of PolicyHost: " + policy + ":")
                .contains("unknown key 'prot' (did you mean 'port'?)");
    }

    @Test
    void aHostParameterWithoutTargetHostSaysHowToNameIt() {
        Events failed = run(NoTargetHost.class, null).failed();

        assertThat(message(failed)).isEqualTo("parameter [Host arg0] of NoTargetHost.anyHost(Host): say which host it "
                + "is: @TargetHost(\"web1\") for a host of the policy, or @TargetHost(\"local\") for this machine");
    }

    @Test
    void thePropertyOverridesThePolicyOfTheAnnotation() throws Exception {
        SEEN.clear();

        Events events = run(AnnotatedPolicy.class, policy("staging1").toString());

        assertThat(events.failed().count()).isZero();
        assertThat(SEEN).containsExactly("staging1");
    }

    @Test
    void localIsThisMachineWithoutAPolicyAndOneSessionPerClass() {
        SEEN.clear();

        Events events = run(LocalMachine.class, null);

        assertThat(events.failed().count()).isZero();
        assertThat(SEEN).containsExactly("local true");
    }

    private Path policy(String... hosts) throws Exception {
        StringBuilder yaml = new StringBuilder("hosts:\n");
        for (String host : hosts) {
            // never contacted: resolution fails, or the test takes only the policy
            yaml.append("  - name: ").append(host).append("\n    address: 127.0.0.1\n    port: 9\n");
        }
        return Files.writeString(dir.resolve("hardening.yml"), yaml);
    }

    static Events run(Class<?> fixture, String policy) {
        EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture));
        if (policy != null) {
            builder.configurationParameter(HardeningExtension.POLICY_PROPERTY, policy);
        }
        return builder.execute().testEvents();
    }

    static String message(Events failed) {
        return failed.stream().findFirst().orElseThrow().getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow().getMessage();
    }
}
