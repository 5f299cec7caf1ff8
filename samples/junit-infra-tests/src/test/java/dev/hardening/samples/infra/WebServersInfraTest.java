package dev.hardening.samples.infra;

import static dev.hardening.junit.assertions.HardeningAssertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.hardening.core.HostCheck;
import dev.hardening.core.host.Host;
import dev.hardening.core.policy.Policy;
import dev.hardening.junit.HardeningMatrix;
import dev.hardening.junit.HardeningTest;
import dev.hardening.junit.TargetHost;
import dev.hardening.junit.assertions.SoftHardeningAssertions;

/**
 * Infrastructure tests of the web tier, against the hosts of a policy file:
 * {@code mvn test -Dinfra.excludedGroups= -Dhardening.policy=hardening.yml}. Each host is logged into
 * once for the whole class. Copy this class and name your own hosts.
 */
@Tag("infra")
@HardeningTest
class WebServersInfraTest {

    @Test
    void sshLetsNobodyInWithAPasswordAndRootNotAtAll(@TargetHost("web1") Host web1) {
        assertThat(web1).ssh().isKeyOnly().hasRootLoginDisabled();
    }

    @Test
    void everySshProblemOfTheHostIsReportedAtOnce(@TargetHost("web1") HostCheck web1) {
        SoftHardeningAssertions.assertSoftly(softly -> {
            softly.assertThat(web1).ssh().isKeyOnly();
            softly.assertThat(web1).ssh().hasRootLoginDisabled();
        });
    }

    /** Every host and check of the policy, judged as the Maven goal judges them (waivers included). */
    @TestFactory
    Stream<DynamicContainer> policyMatrix(Policy policy) {
        return HardeningMatrix.of(policy);
    }
}
