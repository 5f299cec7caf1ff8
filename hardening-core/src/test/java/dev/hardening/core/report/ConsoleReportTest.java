package dev.hardening.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hardening.core.gate.GateResult;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;

class ConsoleReportTest {
    static final Finding ERROR = new Finding("db1", CheckId.SSH_ROOT_LOGIN, Status.ERROR, Severity.HIGH,
            "cannot connect to 10.0.0.7:22: connection refused", List.of(),
            "make the fact readable (see the message), then run the gate again");
    static final Finding WAIVED = new Finding("web1", CheckId.SSH_ROOT_LOGIN, Status.WAIVED, Severity.HIGH,
            "root can log in (waived until 2027-01-31: OPS-12)", List.of("x"), "set PermitRootLogin no");
    static final GateResult RESULT = new GateResult(false, 812,
            List.of(JsonReportTest.MATCH_USER, JsonReportTest.ROOT_OK, ERROR, WAIVED),
            List.of("unused waiver: ports.private-only on web1 matching '8080/tcp' matched no failure"));

    @Test
    void theTableHasAHeaderAndOneAlignedRowPerFinding() {
        List<String> lines = ConsoleReport.render(RESULT);

        assertThat(lines.get(0)).isEqualTo("HOST  CHECK           STATUS   SEVERITY  MESSAGE");
        assertThat(lines.get(1)).isEqualTo("web1  ssh.key-only    FAIL     HIGH      "
                + "password authentication is enabled for Match User deploy (/etc/ssh/sshd_config:124)");
        assertThat(lines.get(2)).isEqualTo("web1  ssh.root-login  PASS     HIGH      root cannot log in over SSH");
        assertThat(lines.get(3)).startsWith("db1   ssh.root-login  ERROR    HIGH      cannot connect");
        assertThat(lines.get(4)).startsWith("web1  ssh.root-login  WAIVED   HIGH      root can log in");
        assertThat(lines.get(0).indexOf("MESSAGE")).isEqualTo(lines.get(1).indexOf("password"));
    }

    @Test
    void aFailIsDetailedWithEveryEvidenceLineAndItsFix() {
        List<String> lines = ConsoleReport.render(RESULT);

        int at = lines.indexOf("FAIL web1 ssh.key-only: " + JsonReportTest.MATCH_USER.message());
        assertThat(at).isPositive();
        assertThat(lines.get(at - 1)).isEmpty();
        assertThat(lines.subList(at + 1, at + 4)).containsExactly(
                "    evidence: " + JsonReportTest.MATCH_USER.evidence().get(0),
                "    evidence: " + JsonReportTest.MATCH_USER.evidence().get(1),
                "    fix: " + JsonReportTest.MATCH_USER.remediation());
    }

    @Test
    void errorsAndWaiversAreDetailedButPassesAreNot() {
        List<String> lines = ConsoleReport.render(RESULT);

        assertThat(lines).contains("ERROR db1 ssh.root-login: cannot connect to 10.0.0.7:22: connection refused",
                "    fix: make the fact readable (see the message), then run the gate again");
        // a waiver is an accepted risk a reviewer must still see in full, with its reason and expiry
        assertThat(lines).contains("WAIVED " + WAIVED.host() + " " + WAIVED.check() + ": " + WAIVED.message());
        assertThat(lines).noneMatch(l -> l.startsWith("PASS "));
    }

    @Test
    void notesAndTheSummaryCloseTheReport() {
        List<String> lines = ConsoleReport.render(RESULT);

        assertThat(lines).contains("note: unused waiver: ports.private-only on web1 matching '8080/tcp' matched no failure");
        assertThat(lines.get(lines.size() - 1)).isEqualTo(
                "hardening gate FAILED: 4 result(s), 1 pass, 1 fail, 1 error, 1 waived, 0 skipped in 812 ms");
        assertThat(ConsoleReport.summary(new GateResult(true, 5, List.of(), List.of())))
                .isEqualTo("hardening gate PASSED: 0 result(s), 0 pass, 0 fail, 0 error, 0 waived, 0 skipped in 5 ms");
    }

    @Test
    void aLongMessageIsShortenedInTheTableButWholeInTheDetails() {
        String longMessage = "x".repeat(150);
        Finding fail = new Finding("web1", CheckId.SSH_KEY_ONLY, Status.FAIL, Severity.LOW, longMessage, List.of(), "");

        List<String> lines = ConsoleReport.render(new GateResult(false, 1, List.of(fail), List.of()));

        assertThat(lines.get(1)).endsWith("x".repeat(97) + "...").doesNotContain("x".repeat(98));
        assertThat(lines).contains("FAIL web1 ssh.key-only: " + longMessage);
        assertThat(lines).noneMatch(l -> l.startsWith("    fix:"));
    }
}
