package dev.hardening.core.family;

import java.util.List;
import java.util.Set;

import dev.hardening.core.facts.FactKey;
import dev.hardening.core.facts.HostFacts;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.policy.ChecksConfig;

/**
 * A rule over facts: reads them, runs nothing, and returns at least one finding. A check belongs to
 * one {@link CheckFamily}; it reads only the facts it {@linkplain #needs() declares}.
 */
public interface Check {

    CheckId id();

    Severity severity();

    /** False when the policy turns this check off. */
    boolean enabled(ChecksConfig config);

    /** The facts {@link #evaluate} reads; the gate gathers exactly these, once per host, side by side. */
    Set<FactKey<?>> needs();

    List<Finding> evaluate(HostFacts facts, ChecksConfig config);
}
