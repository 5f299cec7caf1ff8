package dev.hardening.junit.lab;

import static dev.hardening.junit.lab.GateRuns.findings;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.hardening.core.gate.Gate;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.GateResult;
import dev.hardening.core.host.Timeouts;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.Policy;
import dev.hardening.core.policy.PortsChecksConfig;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/**
 * Faults of real hosts in the middle of a run: a command that never ends and an sshd that dies. Each
 * ends as ERROR within its deadline, never a PASS for what was not read, and the healthy host of the
 * same run is checked as usual. (Added latency with {@code tc netem} is not tried: this kernel has no
 * netem qdisc, "Specified qdisc kind is unknown".)
 */
@RequiresLab
class LabFaultsLabTest {
    /** A firewall tool that never answers, as a hung sudo or a stuck NFS mount would. */
    private static final String HANGING_NFT = "printf '#!/bin/sh\\nexec sleep 600\\n' > /usr/local/sbin/nft"
            + " && chmod +x /usr/local/sbin/nft && ln -sf /usr/local/sbin/nft /usr/sbin/nft";
    /** The firewall tool kills every sshd, the one the gate is logged into among them. */
    private static final String SSHD_DIES = "printf '#!/bin/sh\\npkill -KILL sshd\\nexec sleep 600\\n' > /usr/local/sbin/nft"
            + " && chmod +x /usr/local/sbin/nft && ln -sf /usr/local/sbin/nft /usr/sbin/nft";
    private static final GateOptions SHORT = GateOptions.DEFAULT.withTimeouts(Timeouts.DEFAULT
            .withConnect(Duration.ofSeconds(5)).withCommand(Duration.ofSeconds(3)).withHost(Duration.ofSeconds(40)));

    @Test
    void aCommandThatNeverEndsIsAnErrorOfItsCheckAfterTheCommandTimeoutAndTheOtherHostIsChecked() {
        try (LabHost hanging = LabHost.builder().hardened().setup(HANGING_NFT).start();
                LabHost healthy = LabHost.builder().hardened().start()) {
            long start = System.nanoTime();
            GateResult result = gate(hanging.hostSpec("hanging"), healthy.hostSpec("healthy"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isLessThan(Duration.ofSeconds(40));
            assertThat(findings(result, CheckId.FIREWALL_DEFAULT_DENY)).filteredOn(f -> f.host().equals("hanging"))
                    .singleElement().satisfies(f -> {
                        assertThat(f.status()).isEqualTo(Status.ERROR);
                        assertThat(f.message()).contains("3 s");
                    });
            assertThat(result.findings()).filteredOn(f -> f.host().equals("hanging"))
                    .filteredOn(f -> f.check().equals(CheckId.SSH_KEY_ONLY)).extracting(Finding::status)
                    .containsOnly(Status.PASS);
            assertThat(findings(result, CheckId.FIREWALL_DEFAULT_DENY)).filteredOn(f -> f.host().equals("healthy"))
                    .extracting(Finding::status).containsOnly(Status.PASS);
        }
    }

    @Test
    void anSshdKilledInTheMiddleOfARunLeavesErrorsNeverAPassForWhatWasNotReadAndTheOtherHostIsChecked() {
        try (LabHost dying = LabHost.builder().hardened().setup(SSHD_DIES).start();
                LabHost healthy = LabHost.builder().hardened().start()) {
            long start = System.nanoTime();
            GateResult result = gate(dying.hostSpec("dying"), healthy.hostSpec("healthy"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isLessThan(Duration.ofSeconds(40));
            assertThat(result.passed()).isFalse();
            assertThat(result.findings()).filteredOn(f -> f.host().equals("dying"))
                    .filteredOn(f -> f.check().equals(CheckId.FIREWALL_DEFAULT_DENY)
                            || f.check().equals(CheckId.HOST_CONNECTION))
                    .isNotEmpty().extracting(Finding::status).containsOnly(Status.ERROR);
            assertThat(result.findings()).filteredOn(f -> f.host().equals("healthy"))
                    .filteredOn(f -> f.check().equals(CheckId.SSH_KEY_ONLY)).extracting(Finding::status)
                    .containsOnly(Status.PASS);
        }
    }

    private static GateResult gate(HostSpec... hosts) {
        ChecksConfig sshInPublic = ChecksConfig.DEFAULT.with(PortsChecksConfig.KEY,
                new PortsChecksConfig(null, List.of("22/tcp"), null));
        return new Gate(new Policy(Optional.empty(), List.of(hosts), sshInPublic, List.of()), SHORT).run();
    }
}
