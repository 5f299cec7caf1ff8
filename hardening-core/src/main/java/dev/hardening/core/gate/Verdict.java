package dev.hardening.core.gate;

import java.util.Collection;

import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;

/**
 * What a gate run decided, with the exit code a script should end with: a proven failure outranks an
 * unknown, because one failing host is enough to stop a deployment whatever the others are like.
 */
public enum Verdict {
    /** Nothing blocks: every enabled check passed, was waived or is below the threshold. */
    PASSED(0),
    /** At least one FAIL at or above {@code failOn} that no waiver covers. */
    FAILED(1),
    /** No blocking FAIL, but at least one ERROR (a fact that could not be read) and {@code failOnError}. */
    ERROR(2);

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    /** 0, 1 or 2, for {@code System.exit} in scripts and CI steps. */
    public int exitCode() {
        return exitCode;
    }

    /** The verdict on these findings (waivers already applied) under these options. */
    public static Verdict of(Collection<Finding> findings, GateOptions options) {
        boolean failed = false;
        boolean errored = false;
        for (Finding f : findings) {
            if (GateResult.blocks(f, options)) {
                failed |= f.status() == Status.FAIL;
                errored |= f.status() == Status.ERROR;
            }
        }
        return failed ? FAILED : errored ? ERROR : PASSED;
    }
}
