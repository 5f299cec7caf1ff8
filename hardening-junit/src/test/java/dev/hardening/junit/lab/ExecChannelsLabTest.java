package dev.hardening.junit.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import dev.hardening.core.gate.Gate;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.GateResult;
import dev.hardening.core.policy.Policy;
import dev.hardening.lab.LabHost;

/**
 * What one gate run of the default baseline (every built-in family, the default policy) costs a host,
 * counted where it cannot be argued with: in the lab sshd's own log at LogLevel DEBUG1.
 */
class ExecChannelsLabTest {
    /** sshd logs one such line for each exec request of a session channel. */
    private static final Pattern EXEC_REQUEST = Pattern.compile("server_input_channel_req: channel \\d+ request exec");
    private static final Pattern LOGIN = Pattern.compile("Accepted publickey for");

    /** Gate runs after the counted one, on the warm JVM, whose durations are printed (median) for the record. */
    private static final int WARM_RUNS = Integer.getInteger("hardening.warmRuns", 5);

    /** The CPU time every process of the lab host used so far (its cgroup's cpuacct counter). */
    private static long remoteCpuNanos(LabHost lab) {
        return Long.parseLong(lab.exec("cat /sys/fs/cgroup/cpuacct/cpuacct.usage").strip());
    }

    @Test
    void theDefaultBaselineTakesOneLoginAndAtMostThreeExecChannels() {
        try (LabHost lab = LabHost.builder().dropIn("00-log.conf", "LogLevel DEBUG1\n").start()) {
            Gate gate = new Gate(new Policy(Optional.empty(), List.of(lab.hostSpec("lab")), null, null), GateOptions.DEFAULT);
            long cpuBefore = remoteCpuNanos(lab);
            GateResult result = gate.run();
            long remoteCpuMs = (remoteCpuNanos(lab) - cpuBefore) / 1_000_000;

            String log = lab.sshdLog();
            long execs = EXEC_REQUEST.matcher(log).results().count();
            long logins = LOGIN.matcher(log).results().count();
            long[] warm = LongStream.range(0, WARM_RUNS).map(i -> gate.run().durationMs()).sorted().toArray();
            System.out.printf("exec channels: %d, logins: %d, remote CPU %d ms, durationMs: %d cold, warm %s (median %d)%n",
                    execs, logins, remoteCpuMs, result.durationMs(), Arrays.toString(warm),
                    warm.length == 0 ? -1 : warm[warm.length / 2]);
            assertThat(result.findings()).isNotEmpty();
            assertThat(logins).as("logins in the sshd log").isEqualTo(1);
            assertThat(execs).as("exec channels in the sshd log").isBetween(1L, 3L);
        }
    }
}
