package dev.hardening.junit.assertions;

import java.util.List;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.core.report.Sanitizer;

/**
 * The failure of a host assertion, which is the finding itself: what is wrong, the evidence lines
 * and the fix, for every FAIL and ERROR the check returned. Text from the host goes through the
 * {@link Sanitizer}, as on every console: Surefire and the IDE print the message as it is.
 */
public class ShouldPassCheck extends BasicErrorMessageFactory {

    /** True unless the findings hold a FAIL or an ERROR, or are empty (a check that says nothing never passes). */
    public static boolean passed(List<Finding> findings) {
        return !findings.isEmpty() && findings.stream().noneMatch(ShouldPassCheck::isProblem);
    }

    public static ErrorMessageFactory shouldPassCheck(String host, CheckId check, List<Finding> findings) {
        List<Finding> problems = findings.stream().filter(ShouldPassCheck::isProblem).toList();
        return new ShouldPassCheck(host, check, problems.isEmpty()
                ? "  it returned no finding at all, which is never a pass"
                : String.join(System.lineSeparator(), problems.stream().map(ShouldPassCheck::describe).toList()));
    }

    private ShouldPassCheck(String host, CheckId check, String problems) {
        super("%nExpecting host %s to pass %s (%s), but:%n%s", unquotedString(Sanitizer.line(host)), unquotedString(check.id()),
                unquotedString(check.title()), unquotedString(problems));
    }

    private static boolean isProblem(Finding finding) {
        return finding.status() == Status.FAIL || finding.status() == Status.ERROR;
    }

    private static String describe(Finding finding) {
        StringBuilder text = new StringBuilder("  ").append(finding.status()).append(" (").append(finding.severity())
                .append(") ").append(Sanitizer.line(finding.message()));
        finding.evidence().forEach(e -> text.append(System.lineSeparator()).append("    evidence: ")
                .append(Sanitizer.line(e)));
        if (!finding.remediation().isEmpty()) {
            text.append(System.lineSeparator()).append("    fix: ").append(Sanitizer.line(finding.remediation()));
        }
        return text.toString();
    }
}
