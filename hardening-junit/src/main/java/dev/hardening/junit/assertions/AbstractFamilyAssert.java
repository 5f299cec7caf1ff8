package dev.hardening.junit.assertions;

import static dev.hardening.junit.assertions.ShouldPassCheck.shouldPassCheck;

import java.util.List;
import java.util.function.Function;

import org.assertj.core.api.AbstractAssert;

import dev.hardening.core.HostCheck;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;

/** Assertions on one family of checks of a host; each runs one check and fails with its findings. */
public abstract class AbstractFamilyAssert<SELF extends AbstractFamilyAssert<SELF, ACTUAL>,
        ACTUAL extends HostCheck.Family> extends AbstractAssert<SELF, ACTUAL> {

    protected AbstractFamilyAssert(ACTUAL actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /** Runs {@code check} through {@code run} and fails on any FAIL or ERROR it returns. */
    protected SELF passes(CheckId check, Function<ACTUAL, List<Finding>> run) {
        isNotNull();
        List<Finding> findings = run.apply(actual);
        if (!ShouldPassCheck.passed(findings)) {
            throwAssertionError(shouldPassCheck(actual.hostName(), check, findings));
        }
        return myself;
    }
}
