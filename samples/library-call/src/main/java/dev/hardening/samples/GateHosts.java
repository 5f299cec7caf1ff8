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
 * {@code java dev.hardening.samples.GateHosts [policy.yml]}. The exit status is the verdict's: 0 passed,
 * 1 failed (a host is not hardened), 2 error (something could not be checked); 3 when the policy is bad.
 */
public final class GateHosts {
    private GateHosts() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out, System.err));
    }

    /** The exit status when the policy cannot be read, apart from the verdicts' 0, 1 and 2. */
    static final int BAD_POLICY = 3;

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        Policy policy;
        try {
            policy = args.length == 0 ? Policy.baseline() : PolicyLoader.load(Path.of(args[0]), FamilyRegistry.discover());
        } catch (PolicyException e) {
            err.println(e.getMessage());
            return BAD_POLICY;
        }
        GateResult result = new Gate(policy, GateOptions.DEFAULT).run();
        ConsoleReport.render(result).forEach(out::println);
        out.println("report: " + JsonReport.write(result, Path.of("hardening-report")));
        return result.verdict().exitCode();
    }
}
