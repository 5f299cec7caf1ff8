package dev.hardening.samples.infra;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.Policy;
import dev.hardening.core.policy.PortsChecksConfig;
import dev.hardening.junit.HardeningMatrix;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/** The hosts x checks matrix of a policy of two hardened lab hosts, as the test report shows it. */
@RequiresLab
class PolicyMatrixLabTest {
    private static LabHost web1;
    private static LabHost web2;

    @BeforeAll
    static void startHosts() {
        web1 = LabHost.builder().hardened().start();
        web2 = LabHost.builder().hardened().start();
    }

    @AfterAll
    static void removeHosts() {
        try (LabHost one = web1; LabHost two = web2) {
            // both are removed, also when the second did not start
        }
    }

    @TestFactory
    Stream<DynamicContainer> policyMatrix() {
        ChecksConfig sshInPublic = ChecksConfig.DEFAULT.with(PortsChecksConfig.KEY, new PortsChecksConfig(null, List.of("22/tcp"), null));
        return HardeningMatrix.of(new Policy(Optional.empty(), List.of(web1.hostSpec("web1"), web2.hostSpec("web2")),
                sshInPublic, null));
    }
}
