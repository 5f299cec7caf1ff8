package dev.hardening.core.checks;

import java.util.List;

import dev.hardening.core.gather.HostFacts;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.policy.ChecksConfig;

/** A rule over facts: reads them, runs nothing, and returns at least one finding. */
public interface Check {

    CheckId id();

    Severity severity();

    /** False when the policy turns this check off. */
    boolean enabled(ChecksConfig config);

    List<Finding> evaluate(HostFacts facts, ChecksConfig config);
}
