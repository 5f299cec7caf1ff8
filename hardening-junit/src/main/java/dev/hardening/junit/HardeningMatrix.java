package dev.hardening.junit;

import static dev.hardening.junit.assertions.ShouldPassCheck.shouldPassCheck;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;

import dev.hardening.core.family.Check;
import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.gate.Gate;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.GateResult;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.Policy;

/**
 * A policy as dynamic tests: a container per host, a test per check, so an IDE and the test reports
 * show the hosts x checks matrix. Each host is gated once (one connection), when its first test
 * runs, exactly as the Maven goal gates it (waivers, {@code failOn} and {@code failOnError} included);
 * a test fails with the findings that fail the gate.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicContainer> policyMatrix(Policy policy) {
 *     return HardeningMatrix.of(policy);
 * }
 * }</pre>
 */
public final class HardeningMatrix {
    private HardeningMatrix() {
    }

    public static Stream<DynamicContainer> of(Policy policy) {
        return of(policy, GateOptions.DEFAULT);
    }

    public static Stream<DynamicContainer> of(Policy policy, GateOptions options) {
        return of(policy, options, FamilyRegistry.discover());
    }

    /** The matrix of these families' checks (the built-in ones and a user's own). */
    public static Stream<DynamicContainer> of(Policy policy, GateOptions options, FamilyRegistry registry) {
        List<Check> checks = registry.checks().stream().filter(c -> c.enabled(policy.checks())).toList();
        return policy.hosts().stream().map(host -> {
            GatedHost gated = new GatedHost(policy, host, options, registry);
            return DynamicContainer.dynamicContainer(host.name(), checks.stream().map(check ->
                    DynamicTest.dynamicTest(check.id().id(), () -> gated.assertPasses(check.id()))));
        });
    }

    /** One host gated on first use; the tests of its checks read the same result. */
    private static final class GatedHost {
        private final Policy policy;
        private final HostSpec host;
        private final GateOptions options;
        private final FamilyRegistry registry;
        private GateResult result;

        GatedHost(Policy policy, HostSpec host, GateOptions options, FamilyRegistry registry) {
            this.policy = policy;
            this.host = host;
            this.options = options;
            this.registry = registry;
        }

        void assertPasses(CheckId check) {
            GateResult gated = result();
            List<Finding> findings = gated.findings().stream().filter(f -> f.check().equals(check)).toList();
            // a host that could not be reached fails every check of it with the one reason why
            List<Finding> blocking = gated.blocking(options).stream()
                    .filter(f -> f.check().equals(check) || f.check().equals(CheckId.HOST_CONNECTION)).toList();
            if (findings.isEmpty() || !blocking.isEmpty()) {
                throw new AssertionError(shouldPassCheck(host.name(), check, blocking).create());
            }
        }

        private synchronized GateResult result() {
            if (result == null) {
                Policy onlyThisHost = policy.withHosts(List.of(host));
                result = new Gate(onlyThisHost, options, registry).run();
            }
            return result;
        }
    }
}
