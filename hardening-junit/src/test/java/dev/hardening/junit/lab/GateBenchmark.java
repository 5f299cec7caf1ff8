package dev.hardening.junit.lab;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.gate.Gate;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.GateResult;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.Policy;
import dev.hardening.core.policy.PortsChecksConfig;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/**
 * Prints how long the gate takes on lab hosts, how much heap it uses and how many SSH logins it
 * makes. Not part of the normal build: run it with the command in the README.
 */
@Tag("benchmark")
@RequiresLab
class GateBenchmark {
    private static final int HOSTS = 6;
    private static final int ROUNDS = 5;
    /** The default baseline, with SSH allowed in public as on any host the gate reaches over SSH. */
    private static final ChecksConfig SSH_IN_PUBLIC = ChecksConfig.DEFAULT.with(PortsChecksConfig.KEY, new PortsChecksConfig(null, List.of("22/tcp"), null));

    @Test
    void printFigures() {
        List<LabHost> labs = new ArrayList<>();
        try {
            for (int i = 0; i < HOSTS; i++) {
                labs.add(LabHost.builder().hardened().start());
            }
            List<HostSpec> specs = new ArrayList<>();
            for (int i = 0; i < labs.size(); i++) {
                specs.add(labs.get(i).hostSpec("lab" + i));
            }
            Policy one = new Policy(Optional.empty(), specs.subList(0, 1), SSH_IN_PUBLIC, null);
            Policy all = new Policy(Optional.empty(), specs, SSH_IN_PUBLIC, null);

            long cold = timed(one, 1);
            long[] warmOne = rounds(one, 1);
            long[] serial = rounds(all, 1);
            long[] parallel = rounds(all, 4);
            long heap = heapAfter(all, 4);
            int runs = 1 + ROUNDS * 3 + 1;
            int logins = countLogins(labs.get(0).sshdLog());

            System.out.printf("%nhardening gate benchmark (%d hardened lab hosts, all %d checks, median of %d rounds)%n",
                    HOSTS, FamilyRegistry.discover().checks().size(), ROUNDS);
            System.out.printf("  1 host, first run in this JVM      %6d ms%n", cold);
            System.out.printf("  1 host, warm                       %6d ms%n", median(warmOne));
            System.out.printf("  %d hosts, parallelism 1             %6d ms%n", HOSTS, median(serial));
            System.out.printf("  %d hosts, parallelism 4             %6d ms  (%.1fx faster)%n", HOSTS,
                    median(parallel), (double) median(serial) / median(parallel));
            System.out.printf("  heap in use after a %d-host run      %6d MiB%n", HOSTS, heap / (1 << 20));
            System.out.printf("  SSH logins on lab0 over %d runs      %6d  (%.2f per host per run)%n", runs, logins,
                    (double) logins / runs);
        } finally {
            labs.forEach(LabHost::close);
        }
    }

    private static long[] rounds(Policy policy, int parallelism) {
        long[] times = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            times[i] = timed(policy, parallelism);
        }
        return times;
    }

    private static long timed(Policy policy, int parallelism) {
        long start = System.nanoTime();
        GateResult result = new Gate(policy, GateOptions.DEFAULT.withParallelism(parallelism)).run();
        if (!result.passed()) {
            throw new AssertionError("benchmark hosts must pass: " + result.findings());
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long heapAfter(Policy policy, int parallelism) {
        timed(policy, parallelism);
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static int countLogins(String log) {
        return log.split("Accepted publickey for", -1).length - 1;
    }
}
