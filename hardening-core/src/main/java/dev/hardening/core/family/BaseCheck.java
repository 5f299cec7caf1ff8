package dev.hardening.core.family;

import java.util.Set;

import dev.hardening.core.facts.FactKey;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Severity;

/** A check's id, severity and the facts it reads, written once; subclasses judge. */
public abstract class BaseCheck implements Check {
    private final CheckId id;
    private final Severity severity;
    private final Set<FactKey<?>> needs;

    protected BaseCheck(CheckId id, Severity severity, FactKey<?>... needs) {
        this.id = id;
        this.severity = severity;
        this.needs = Set.of(needs);
    }

    @Override
    public final CheckId id() {
        return id;
    }

    @Override
    public final Severity severity() {
        return severity;
    }

    @Override
    public final Set<FactKey<?>> needs() {
        return needs;
    }
}
