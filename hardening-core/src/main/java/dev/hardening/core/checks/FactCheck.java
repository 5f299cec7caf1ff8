package dev.hardening.core.checks;

import java.util.List;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.gather.HostFacts;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.policy.ChecksConfig;

/**
 * A check that judges one fact: a fact that is unknown gives ERROR with its reason and one that does
 * not apply gives SKIPPED, here for every check, so that a rule only ever sees a known fact.
 */
abstract class FactCheck<T> implements Check {
    private final CheckId id;
    private final Severity severity;

    FactCheck(CheckId id, Severity severity) {
        this.id = id;
        this.severity = severity;
    }

    @Override
    public final CheckId id() {
        return id;
    }

    @Override
    public final Severity severity() {
        return severity;
    }

    /** The fact this check judges, from the host's facts. */
    abstract Fact<T> fact(HostFacts facts);

    /** The findings for a known fact; at least one. */
    abstract List<Finding> judge(T fact, FindingFactory findings, ChecksConfig config);

    @Override
    public final List<Finding> evaluate(HostFacts facts, ChecksConfig config) {
        FindingFactory findings = new FindingFactory(facts.hostName(), id, severity);
        Fact<T> fact = fact(facts);
        if (!(fact instanceof Fact.Known<T> known)) {
            return List.of(findings.unavailable(fact));
        }
        return judge(known.value(), findings, config);
    }
}
