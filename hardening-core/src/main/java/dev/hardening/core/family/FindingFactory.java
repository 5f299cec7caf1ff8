package dev.hardening.core.family;

import java.util.List;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;
import dev.hardening.core.model.Subject;

/** Findings of one check on one host. */
public record FindingFactory(String host, CheckId check, Severity severity) {

    /** The same host and check with another severity, for a finding that weighs differently (a pending reboot). */
    public FindingFactory withSeverity(Severity other) {
        return new FindingFactory(host, check, other);
    }

    public Finding pass(String message, List<String> evidence) {
        return new Finding(host, check, Status.PASS, severity, message, evidence, "");
    }

    public Finding fail(String message, List<String> evidence, String remediation) {
        return fail(Subject.HOST, message, evidence, remediation);
    }

    /** A failure about one thing on the host: a port, a file line, a package, a setting. */
    public Finding fail(Subject subject, String message, List<String> evidence, String remediation) {
        return new Finding(host, check, Status.FAIL, severity, message, evidence, remediation, subject);
    }

    public Finding error(String message, List<String> evidence) {
        return new Finding(host, check, Status.ERROR, severity, message, evidence,
                "make the fact readable (see the message), then run the gate again");
    }

    public Finding skipped(String reason) {
        return new Finding(host, check, Status.SKIPPED, severity, reason, List.of(), "");
    }

    /** The finding for a fact that is not known: ERROR with the reason, or SKIPPED; never PASS. */
    public Finding unavailable(Fact<?> fact) {
        if (fact instanceof Fact.Unknown<?> unknown) {
            return error(unknown.reason(), unknown.evidence());
        }
        if (fact instanceof Fact.NotApplicable<?> na) {
            return skipped(na.reason());
        }
        throw new IllegalArgumentException("the fact is known");
    }
}
