package dev.hardening.samples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.gate.Gate;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.GateResult;
import dev.hardening.core.policy.Policy;
import dev.hardening.core.policy.PolicyException;
import dev.hardening.core.policy.PolicyLoader;
import dev.hardening.core.report.ConsoleReport;
import dev.hardening.core.report.JsonReport;

/**
 * Gates the hosts of a policy file (or this machine with the default baseline) from plain Java:
 * {@code java dev.hardening.samples.GateHosts [policy.yml]}. Exit status 0 passed, 1 failed, 2 bad policy.
 */
public final class GateHosts {
    private GateHosts() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        Policy policy;
        try {
            policy = args.length == 0 ? Policy.baseline() : PolicyLoader.load(Path.of(args[0]), FamilyRegistry.discover());
        } catch (PolicyException e) {
            err.println(e.getMessage());
            return 2;
        }
        GateResult result = new Gate(policy, GateOptions.DEFAULT).run();
        ConsoleReport.render(result).forEach(out::println);
        out.println("report: " + JsonReport.write(result, Path.of("hardening-report")));
        return result.passed() ? 0 : 1;
    }
}
