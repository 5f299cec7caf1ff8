package dev.hardening.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.GateResult;
import dev.hardening.core.gate.HostRun;
import dev.hardening.core.gate.Verdict;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;
import dev.hardening.core.model.Subject;

class ConsoleReportTest {
    static final Finding ERROR = new Finding("db1", CheckId.SSH_ROOT_LOGIN, Status.ERROR, Severity.HIGH,
            "cannot connect to 10.0.0.7:22: connection refused", List.of(),
            "make the fact readable (see the message), then run the gate again");
    static final Finding WAIVED = new Finding("web1", CheckId.SSH_ROOT_LOGIN, Status.WAIVED, Severity.HIGH,
            "root can log in (waived until 2027-01-31: OPS-12)", List.of("x"), "set PermitRootLogin no");
    static final GateResult RESULT = new GateResult(false, 812,
            List.of(JsonReportTest.MATCH_USER, JsonReportTest.ROOT_OK, ERROR, WAIVED),
            List.of("unused waiver: ports.private-only on web1 matching '8080/tcp' matched no failure"));
    private static final List<CheckId> NINE = List.of(CheckId.SSH_KEY_ONLY, CheckId.SSH_ROOT_LOGIN,
            CheckId.of("ssh.crypto", "weak algorithms"), CheckId.PORTS_PRIVATE_ONLY, CheckId.FIREWALL_DEFAULT_DENY,
            CheckId.TLS_CHAIN, CheckId.TLS_PROTOCOLS, CheckId.PACKAGES_UP_TO_DATE, CheckId.PACKAGES_AUTO_UPDATES);

    private static Finding finding(String host, CheckId check, Status status) {
        return new Finding(host, check, status, Severity.HIGH, check.id() + " is " + status, List.of(), "");
    }

    private static Finding pending(String host, int n) {
        String name = "pkg" + n;
        return new Finding(host, CheckId.PACKAGES_UP_TO_DATE, Status.FAIL, Severity.HIGH,
                "security update pending for " + name, List.of("Inst " + name + " [1.0] (1.1 Lab-Security:12/bookworm-security [all])",
                        "apt-get -s dist-upgrade: 300 upgraded, 0 newly installed, 0 to remove and 0 not upgraded."),
                "apt-get update && apt-get install --only-upgrade " + name, new Subject.Package(name, "1.0", "1.1"));
    }

    private static HostRun run(String host, String address, Verdict verdict) {
        return new HostRun(host, address, verdict, Instant.EPOCH, 10, Optional.empty(), Map.of());
    }

    @Test
    void theTableHasAColumnPerCheckAndARowPerHostWithItsCounts() {
        List<String> lines = ConsoleReport.render(RESULT);

        assertThat(lines.get(0)).isEqualTo("HOST  ssh.key-only  ssh.root-login  RESULT");
        assertThat(lines.get(1)).isEqualTo("web1  FAIL          WAIVED          1 failed, 1 waived");
        assertThat(lines.get(2)).isEqualTo("db1   -             ERROR           1 error");
    }

    @Test
    void nineChecksOnLongHostNamesFitOneHundredTwentyColumnsWithALegend() {
        List<Finding> findings = new ArrayList<>();
        List<HostRun> runs = new ArrayList<>();
        for (String host : List.of("web-frontend-01", "db-primary-eu")) {
            NINE.forEach(c -> findings.add(finding(host, c, c.equals(CheckId.TLS_CHAIN) ? Status.SKIPPED : Status.FAIL)));
            runs.add(run(host, "10.20.30.40", Verdict.FAILED));
        }
        GateResult result = new GateResult(Verdict.FAILED, Instant.EPOCH, 4200, findings, List.of(), runs);

        List<String> lines = ConsoleReport.render(result);

        List<String> table = lines.subList(0, lines.indexOf(""));
        assertThat(table).allMatch(l -> l.length() <= ConsoleReport.WIDTH, "fits " + ConsoleReport.WIDTH + " columns");
        assertThat(table.get(0)).startsWith("HOST             ADDRESS      ssh.ko ssh.rl ssh.cr por.po fir.dd "
                + "tls.ch tls.pr pac.ud pac.au RESULT");
        assertThat(table.get(1)).startsWith("web-frontend-01  10.20.30.40  FAIL   FAIL   FAIL   FAIL   FAIL   "
                + "SKIP   FAIL   FAIL   FAIL   8 failed, 1 skipped");
        assertThat(String.join("\n", table)).contains("legend: ssh.ko = ssh.key-only, ssh.rl = ssh.root-login,")
                .contains("pac.au = packages.auto-updates");
        assertThat(lines.get(lines.size() - 1))
                .isEqualTo("hardening gate FAILED: 18 checks on 2 hosts: 0 passed, 16 failed, 0 errors, 0 waived, "
                        + "2 skipped in 4.2 s");
    }

    @Test
    void fiftyHostsAreFiftyRowsAndTheProblemBlocksNameTenHostsThenCountTheRest() {
        List<Finding> findings = IntStream.rangeClosed(1, 50)
                .mapToObj(i -> finding("web" + i, CheckId.SSH_KEY_ONLY, Status.FAIL)).toList();

        List<String> lines = ConsoleReport.render(new GateResult(false, 5, findings, List.of()));

        assertThat(lines.subList(1, 51)).allMatch(l -> l.matches("web\\d+ +FAIL +1 failed"));
        assertThat(lines).contains("ssh.key-only (" + CheckId.SSH_KEY_ONLY.title() + "): FAIL on web1, web2, web3, "
                + "web4, web5, web6, web7, web8, web9, web10 and 40 more");
        assertThat(lines).filteredOn(l -> l.startsWith("  web")).hasSize(10);
        assertThat(lines).contains("  and 40 more hosts with problems in ssh.key-only: verbose output and the "
                + "reports show all");
        assertThat(lines.size()).isLessThan(90);
    }

    @Test
    void aFailIsItsMessageEvidenceAndFixUnderItsCheck() {
        List<String> lines = ConsoleReport.render(RESULT);

        int at = lines.indexOf("ssh.key-only (" + CheckId.SSH_KEY_ONLY.title() + "): FAIL on web1");
        assertThat(at).isPositive();
        assertThat(lines.subList(at + 1, at + 5)).containsExactly(
                "  web1  FAIL HIGH  " + JsonReportTest.MATCH_USER.message(),
                "      evidence: " + JsonReportTest.MATCH_USER.evidence().get(0),
                "      evidence: " + JsonReportTest.MATCH_USER.evidence().get(1),
                "      fix: " + JsonReportTest.MATCH_USER.remediation());
    }

    @Test
    void threeHundredUpdatesAreOneHeadlineAFewOwnLinesAndOneBoundedFix() {
        List<Finding> findings = IntStream.rangeClosed(1, 300).mapToObj(i -> pending("web1", i)).toList();

        List<String> lines = ConsoleReport.render(new GateResult(false, 5, findings, List.of()));

        assertThat(lines).hasSizeLessThan(20);
        assertThat(lines).contains("  web1  FAIL HIGH  300 updates pending: pkg1 1.0 -> 1.1, pkg2 1.0 -> 1.1, "
                        + "pkg3 1.0 -> 1.1, pkg4 1.0 -> 1.1, pkg5 1.0 -> 1.1, pkg6 1.0 -> 1.1, pkg7 1.0 -> 1.1, "
                        + "pkg8 1.0 -> 1.1, pkg9 1.0 -> 1.1, pkg10 1.0 -> 1.1 and 290 more",
                "      evidence: apt-get -s dist-upgrade: 300 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.",
                "      - Inst pkg1 [1.0] (1.1 Lab-Security:12/bookworm-security [all]) (+299 more: verbose output and the "
                        + "reports show all)",
                "      fix: apt-get update && apt-get install --only-upgrade pkg1 pkg2 pkg3 pkg4 pkg5 pkg6 pkg7 pkg8 "
                        + "pkg9 pkg10 and 290 more");
        assertThat(lines).filteredOn(l -> l.contains("fix:")).hasSize(1);
    }

    @Test
    void verboseAddsEveryFindingInFullWithTheWholeCombinedFix() {
        List<Finding> findings = IntStream.rangeClosed(1, 300).mapToObj(i -> pending("web1", i)).toList();

        List<String> lines = ConsoleReport.render(new GateResult(false, 5, findings, List.of()), true);

        assertThat(lines).contains("HOST  CHECK                STATUS   SEVERITY  MESSAGE",
                "FAIL web1 packages.up-to-date: security update pending for pkg300",
                "    fix: apt-get update && apt-get install --only-upgrade pkg300");
        assertThat(lines).anyMatch(l -> l.startsWith("      fix: apt-get update && apt-get install --only-upgrade pkg1 ")
                && l.endsWith(" pkg299 pkg300"));
        assertThat(lines).filteredOn(l -> l.startsWith("    evidence: Inst ")).hasSize(300);
    }

    @Test
    void sharedEvidenceIsPrintedOncePerHostAndBounded() {
        List<String> interfaces = IntStream.rangeClosed(1, 45).mapToObj(i -> "interface veth" + i + ": 198.18.0." + i)
                .toList();
        List<Finding> ports = IntStream.rangeClosed(1, 3).mapToObj(i -> {
            List<String> evidence = new ArrayList<>(interfaces);
            evidence.add(0, "tcp 0.0.0.0:" + (8000 + i) + " python3 pid " + i);
            return new Finding("web1", CheckId.PORTS_PRIVATE_ONLY, Status.FAIL, Severity.HIGH, "public port " + (8000 + i),
                    evidence, "bind it to 127.0.0.1", new Subject.Port(8000 + i, "tcp", "0.0.0.0"));
        }).toList();

        List<String> lines = ConsoleReport.render(new GateResult(false, 5, ports, List.of()));

        assertThat(lines).filteredOn(l -> l.contains("interface veth")).hasSize(2);
        assertThat(lines).contains("      evidence: interface veth2: 198.18.0.2 (+43 more lines: verbose output and the "
                        + "reports show all)",
                "      - tcp 0.0.0.0:8001 python3 pid 1 (+2 more: verbose output and the reports show all)",
                "      fix: bind it to 127.0.0.1");
        assertThat(lines).contains("  web1  FAIL HIGH  3 public ports: 8001/tcp on 0.0.0.0, 8002/tcp on 0.0.0.0, "
                + "8003/tcp on 0.0.0.0");
    }

    @Test
    void waiversAreWarningsAndErrorsAndWaivedFindingsAreShownButPassesAreNot() {
        List<ConsoleReport.Line> lines = ConsoleReport.lines(RESULT, false);

        assertThat(lines).filteredOn(l -> l.level() == ConsoleReport.Level.WARNING).extracting(ConsoleReport.Line::text)
                .containsExactly("unused waiver: ports.private-only on web1 matching '8080/tcp' matched no failure");
        List<String> text = ConsoleReport.render(RESULT);
        assertThat(text).contains("warning: unused waiver: ports.private-only on web1 matching '8080/tcp' matched no failure",
                "ssh.root-login (" + CheckId.SSH_ROOT_LOGIN.title() + "): WAIVED on web1; ERROR on db1",
                "  web1  WAIVED HIGH  " + WAIVED.message(),
                "  db1  ERROR HIGH  cannot connect to 10.0.0.7:22: connection refused",
                "      fix: make the fact readable (see the message), then run the gate again");
        assertThat(text).noneMatch(l -> l.contains(JsonReportTest.ROOT_OK.message()));
        assertThat(text.get(text.size() - 1)).endsWith(" in 812 ms; 1 waiver warning");
    }

    @Test
    void theSummaryCountsChecksTimesHostsAndAnInformationalPassIsNoPass() {
        Finding inventory = new Finding("web1", CheckId.PORTS_PRIVATE_ONLY, Status.PASS, Severity.HIGH,
                "socket inventory", List.of(), "");
        Finding publicPort = finding("web1", CheckId.PORTS_PRIVATE_ONLY, Status.FAIL);

        GateResult result = new GateResult(false, 812, List.of(inventory, publicPort, ERROR, JsonReportTest.ROOT_OK),
                List.of());

        assertThat(ConsoleReport.summary(result)).isEqualTo(
                "hardening gate FAILED: 3 checks on 2 hosts: 1 passed, 1 failed, 1 error, 0 waived in 812 ms");
        assertThat(ConsoleReport.summary(new GateResult(true, 5, List.of(), List.of())))
                .isEqualTo("hardening gate PASSED: 0 checks on 0 hosts: 0 passed, 0 failed, 0 errors, 0 waived in 5 ms");
    }

    @Test
    void theVerdictLinesNameEachBlockingHostAndCheckOnceWithItsCount() {
        List<Finding> findings = new ArrayList<>(IntStream.rangeClosed(1, 37).mapToObj(i -> pending("web1", i)).toList());
        findings.add(JsonReportTest.MATCH_USER);
        findings.add(new Finding("web1", CheckId.PACKAGES_AUTO_UPDATES, Status.FAIL, Severity.LOW, "below failOn",
                List.of(), ""));
        GateResult result = new GateResult(false, 5, findings, List.of());

        List<String> lines = ConsoleReport.verdictLines(result, GateOptions.DEFAULT.withFailOn(Severity.MEDIUM));

        assertThat(lines).containsExactly("hardening gate FAILED: 2 checks on 1 host did not pass",
                "  web1 packages.up-to-date: 37 updates pending",
                "  web1 ssh.key-only: " + JsonReportTest.MATCH_USER.message());
    }

    @Test
    void anErrorVerdictHasAFirstLineOfItsOwn() {
        GateResult result = new GateResult(false, 5, List.of(ERROR), List.of());

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(ConsoleReport.verdictLines(result, GateOptions.DEFAULT)).containsExactly(
                "hardening gate ERROR: 1 check on 1 host could not be decided (an ERROR fails the gate unless "
                        + "failOnError is false)",
                "  db1 ssh.root-login: ERROR: cannot connect to 10.0.0.7:22: connection refused");
        assertThat(ConsoleReport.summary(result)).startsWith("hardening gate ERROR: 1 check on 1 host");
        assertThat(ConsoleReport.verdictLines(new GateResult(true, 5, List.of(), List.of()), GateOptions.DEFAULT))
                .isEmpty();
    }

    @Test
    void aLongMessageIsShortenedInTheVerboseTableButWholeInTheDetails() {
        String longMessage = "x".repeat(150);
        Finding fail = new Finding("web1", CheckId.SSH_KEY_ONLY, Status.FAIL, Severity.LOW, longMessage, List.of(), "");

        List<String> lines = ConsoleReport.render(new GateResult(false, 1, List.of(fail), List.of()), true);

        assertThat(lines).contains("web1  ssh.key-only  FAIL     LOW       " + "x".repeat(97) + "...",
                "FAIL web1 ssh.key-only: " + longMessage);
        assertThat(lines).noneMatch(l -> l.contains("fix:"));
    }

    @Test
    void checkCodesAreShortAndDistinct() {
        assertThat(NINE.stream().map(ConsoleReport::abbreviation).distinct()).hasSize(NINE.size())
                .allMatch(code -> code.length() <= 6);
        assertThat(ConsoleReport.abbreviation(CheckId.of("custom.login-banner", "t"))).isEqualTo("cus.lb");
        assertThat(ConsoleReport.abbreviation(CheckId.HOST_CONNECTION)).isEqualTo("hos.co");
    }

    @Test
    void aFixNamingThePackageInsideACommandIsCombinedToo() {
        List<Finding> findings = IntStream.rangeClosed(1, 12).mapToObj(i -> pending("web1", i))
                .map(f -> new Finding(f.host(), f.check(), f.status(), f.severity(), f.message(), f.evidence(),
                        "run `" + f.remediation() + "` on the host", f.subject()))
                .toList();

        List<String> lines = ConsoleReport.render(new GateResult(false, 5, findings, List.of()));

        assertThat(lines).contains("      fix: run `apt-get update && apt-get install --only-upgrade pkg1 pkg2 pkg3 pkg4 pkg5 "
                + "pkg6 pkg7 pkg8 pkg9 pkg10 and 2 more` on the host");
    }

    @Test
    void hostileNamesMessagesAndWaiverNotesReachNoLineAsControlCharacters() {
        // what a host can send: an OSC title sequence, BEL, CSI (7-bit and C1), a newline, markup, a CDATA end,
        // and invalid UTF-8 (decoded as the replacement character, as the hosts decode it)
        String invalidUtf8 = new String(new byte[] {'x', (byte) 0xff, (byte) 0xc3}, java.nio.charset.StandardCharsets.UTF_8);
        String hostile = "\u001b]0;owned\u0007\u001b[2J\u009b31m\n[ERROR] forged</script>]]>" + invalidUtf8;
        List<Finding> findings = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            findings.add(new Finding("web" + hostile, CheckId.PACKAGES_UP_TO_DATE, Status.FAIL, Severity.HIGH,
                    "update pending for " + hostile + i, List.of("Inst " + hostile + i, "shared " + hostile),
                    "apt-get install --only-upgrade " + hostile + i, new Subject.Package(hostile + i, hostile, "2")));
        }
        findings.add(new Finding("web" + hostile, CheckId.PORTS_PRIVATE_ONLY, Status.ERROR, Severity.HIGH, hostile,
                List.of(hostile), hostile));
        GateResult result = new GateResult(Verdict.FAILED, Instant.EPOCH, 5, findings, List.of("unused waiver: " + hostile),
                List.of(run("web" + hostile, hostile, Verdict.FAILED)));

        List<String> all = new ArrayList<>(ConsoleReport.render(result));
        all.addAll(ConsoleReport.render(result, true));
        all.addAll(ConsoleReport.verdictLines(result, GateOptions.DEFAULT));
        all.add(ConsoleReport.summary(result));

        assertThat(all).allSatisfy(line -> assertThat(line.chars())
                .noneMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)));
        assertThat(all).noneMatch(l -> l.startsWith("[ERROR]"));
        assertThat(String.join("\n", all)).contains("\\x1b]0;owned\\x07\\x1b[2J\\u009b31m\\n[ERROR] forged</script>]]>x\ufffd");
    }

    @Test
    void evidenceAndFixesAlreadyShownForAHostAreNotRepeatedUnderTheNextCheck() {
        List<String> unreadable = List.of("nft -j list ruleset: Operation not permitted", "iptables-nft-save: denied",
                "ip6tables-nft-save: denied");
        String fix = "make the fact readable (see the message), then run the gate again";
        Finding ports = new Finding("web1", CheckId.PORTS_PRIVATE_ONLY, Status.ERROR, Severity.HIGH, "cannot tell DNAT",
                unreadable, fix);
        Finding firewall = new Finding("web1", CheckId.FIREWALL_DEFAULT_DENY, Status.ERROR, Severity.HIGH,
                "ruleset unreadable", unreadable, fix);
        Finding otherHost = new Finding("web2", CheckId.FIREWALL_DEFAULT_DENY, Status.ERROR, Severity.HIGH,
                "ruleset unreadable", unreadable, fix);

        List<String> lines = ConsoleReport.render(new GateResult(false, 5, List.of(ports, firewall, otherHost), List.of()));

        assertThat(lines).filteredOn(l -> l.equals("      evidence: " + unreadable.get(0))).hasSize(2);
        // the line the first block left out for want of room is shown in the next one
        assertThat(lines).containsSubsequence("  web1  ERROR HIGH  ruleset unreadable",
                "      evidence: ip6tables-nft-save: denied", "  web2  ERROR HIGH  ruleset unreadable");
        assertThat(lines).filteredOn(l -> l.equals("      fix: " + fix)).hasSize(2);
        assertThat(lines).contains("  web1  ERROR HIGH  ruleset unreadable", "  web2  ERROR HIGH  ruleset unreadable");
    }
}
