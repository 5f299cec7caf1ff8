package dev.hardening.core.family;

import java.util.List;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.FactKey;
import dev.hardening.core.facts.HostFacts;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.policy.ChecksConfig;

/**
 * A check that judges one fact: a fact that is unknown gives ERROR with its reason and one that does
 * not apply gives SKIPPED, here for every check, so that a rule only ever sees a known fact.
 */
public abstract class FactCheck<T> extends BaseCheck {
    private final FactKey<T> fact;

    protected FactCheck(CheckId id, Severity severity, FactKey<T> fact) {
        super(id, severity, fact);
        this.fact = fact;
    }

    /** The findings for a known fact; at least one. */
    protected abstract List<Finding> judge(T value, FindingFactory findings, ChecksConfig config);

    @Override
    public final List<Finding> evaluate(HostFacts facts, ChecksConfig config) {
        FindingFactory findings = new FindingFactory(facts.hostName(), id(), severity());
        Fact<T> value = facts.get(fact);
        if (!(value instanceof Fact.Known<T> known)) {
            return List.of(findings.unavailable(value));
        }
        return judge(known.value(), findings, config);
    }
}
