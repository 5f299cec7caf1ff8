package dev.hardening.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.core.gate.GateResult;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;
import dev.hardening.core.model.Subject;

class JsonReportTest {
    static final Finding MATCH_USER = new Finding("web1", CheckId.SSH_KEY_ONLY, Status.FAIL, Severity.HIGH,
            "password authentication is enabled for Match User deploy (/etc/ssh/sshd_config:124)",
            List.of("effective configuration from sshd -T -C for 3 connection(s)",
                    "sshd -T -C user=deploy,host=gw.example,addr=192.0.2.10,laddr=172.17.0.2,lport=22: "
                            + "passwordauthentication yes <- /etc/ssh/sshd_config:125: PasswordAuthentication yes"),
            "set `PasswordAuthentication no` in the Match User deploy block (/etc/ssh/sshd_config:125 has "
                    + "`PasswordAuthentication yes`), then reload sshd");
    static final Finding ROOT_OK = new Finding("web1", CheckId.SSH_ROOT_LOGIN, Status.PASS, Severity.HIGH,
            "root cannot log in over SSH", List.of("sshd -T -C user=root: permitrootlogin no"), null);
    static final Finding ODD_TEXT = new Finding("db \"1\"", CheckId.SSH_KEY_ONLY, Status.ERROR, Severity.MEDIUM,
            "sshd said:\n\"no hostkeys\" \\ ünïcode \u0001", List.of(), "run as root");
    static final GateResult RESULT = new GateResult(false, 812, List.of(MATCH_USER, ROOT_OK, ODD_TEXT),
            List.of("unused waiver: ports.private-only on web1 matching '8080/tcp' matched no failure"));

    private static JsonNode parse(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    @Test
    void theReportHasTheSchemaVersion1Fields() throws Exception {
        JsonNode root = parse(JsonReport.render(RESULT));

        assertThat(root.get("schemaVersion").isInt()).isTrue();
        assertThat(root.get("schemaVersion").intValue()).isEqualTo(1);
        assertThat(root.get("passed").isBoolean()).isTrue();
        assertThat(root.get("passed").booleanValue()).isFalse();
        assertThat(root.get("durationMs").isIntegralNumber()).isTrue();
        assertThat(root.get("durationMs").longValue()).isEqualTo(812);
        assertThat(root.get("results").isArray()).isTrue();
        assertThat(root.get("results")).hasSize(3);
        List<String> top = new ArrayList<>();
        root.fieldNames().forEachRemaining(top::add);
        assertThat(top).startsWith("schemaVersion", "passed", "durationMs", "results");
        assertThat(root.get("schemaMinorVersion").intValue()).as("1.2 adds run, hosts and groups").isEqualTo(2);
    }

    @Test
    void eachResultNamesItsTypedSubjectAndAFingerprintThatIgnoresTheWording() throws Exception {
        Finding port = new Finding("web1", CheckId.PORTS_PRIVATE_ONLY, Status.FAIL, Severity.HIGH,
                "8080/tcp is reachable from outside", List.of(), "bind it to 127.0.0.1",
                new Subject.Port(8080, "tcp", "0.0.0.0"));
        JsonNode result = parse(JsonReport.render(new GateResult(false, 1, List.of(port), List.of())))
                .get("results").get(0);

        assertThat(result.get("subject").toString())
                .isEqualTo("{\"kind\":\"port\",\"port\":\"8080/tcp\",\"address\":\"0.0.0.0\"}");
        assertThat(result.get("fingerprint").textValue()).hasSize(32)
                .isEqualTo(port.withStatus(Status.WAIVED, "waived until 2027-01-31").fingerprint())
                .isNotEqualTo(port.withSubject(new Subject.Port(8022, "tcp", "0.0.0.0")).fingerprint());
    }

    @Test
    void eachResultCarriesHostCheckStatusSeverityMessageEvidenceAndRemediation() throws Exception {
        JsonNode result = parse(JsonReport.render(RESULT)).get("results").get(0);

        List<String> fields = new ArrayList<>();
        result.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("host", "check", "status", "severity", "message", "evidence", "remediation",
                "subject", "fingerprint");
        assertThat(result.get("host").textValue()).isEqualTo("web1");
        assertThat(result.get("check").textValue()).isEqualTo("ssh.key-only");
        assertThat(result.get("status").textValue()).isEqualTo("FAIL");
        assertThat(result.get("severity").textValue()).isEqualTo("HIGH");
        assertThat(result.get("message").textValue()).isEqualTo(MATCH_USER.message());
        assertThat(result.get("evidence").isArray()).isTrue();
        assertThat(result.get("evidence")).extracting(JsonNode::textValue).containsExactlyElementsOf(MATCH_USER.evidence());
        assertThat(result.get("remediation").textValue()).isEqualTo(MATCH_USER.remediation());
    }

    @Test
    void aPassHasAnEmptyRemediationAndTheCheckIdAsInTheContract() throws Exception {
        JsonNode pass = parse(JsonReport.render(RESULT)).get("results").get(1);

        assertThat(pass.get("check").textValue()).isEqualTo("ssh.root-login");
        assertThat(pass.get("status").textValue()).isEqualTo("PASS");
        assertThat(pass.get("remediation").textValue()).isEmpty();
    }

    @Test
    void textWithQuotesNewlinesAndControlCharactersRoundTrips() throws Exception {
        JsonNode odd = parse(JsonReport.render(RESULT)).get("results").get(2);

        assertThat(odd.get("host").textValue()).isEqualTo("db \"1\"");
        assertThat(odd.get("message").textValue()).isEqualTo(ODD_TEXT.message());
        assertThat(odd.get("evidence")).isEmpty();
        assertThat(odd.get("severity").textValue()).isEqualTo("MEDIUM");
    }

    @Test
    void waiverNotesAreKeptForTheReader() throws Exception {
        JsonNode notes = parse(JsonReport.render(RESULT)).get("waiverNotes");

        assertThat(notes).extracting(JsonNode::textValue).containsExactlyElementsOf(RESULT.waiverNotes());
    }

    @Test
    void aPassedGateWithNoResultsIsStillAValidReport() throws Exception {
        JsonNode root = parse(JsonReport.render(new GateResult(true, 0, List.of(), List.of())));

        assertThat(root.get("passed").booleanValue()).isTrue();
        assertThat(root.get("results")).isEmpty();
    }

    @Test
    void writeCreatesTheFolderAndHardeningJson(@TempDir Path dir) throws Exception {
        Path file = JsonReport.write(RESULT, dir.resolve("target/hardening"));

        assertThat(file).isEqualTo(dir.resolve("target/hardening/hardening.json"));
        assertThat(Files.readString(file)).isEqualTo(JsonReport.render(RESULT));
        assertThat(parse(Files.readString(file)).get("results")).hasSize(3);
    }

    @Test
    void theRunNamesToolVersionTimesPolicyHashAndOptions() throws Exception {
        JsonNode root = parse(JsonReport.render(ReportSamples.oneHost(), ReportSamples.RUN));

        assertThat(root.get("verdict").textValue()).isEqualTo("FAILED");
        JsonNode run = root.get("run");
        assertThat(run.get("toolVersion").textValue()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(run.get("started").textValue()).isEqualTo("2026-12-07T00:50:47Z");
        assertThat(run.get("ended").textValue()).isEqualTo("2026-12-07T00:50:51.321Z");
        assertThat(run.get("policy").textValue()).isEqualTo("/srv/deploy/hardening.yml");
        assertThat(run.get("policySha256").textValue()).hasSize(64);
        assertThat(run.at("/options/failOn").textValue()).isEqualTo("LOW");
        assertThat(run.at("/options/hostTimeout").textValue()).isEqualTo("PT2M");
    }

    @Test
    void withoutRunInformationThePolicyIsNullAndTheVersionStillKnown() throws Exception {
        JsonNode run = parse(JsonReport.render(RESULT)).get("run");

        assertThat(run.get("toolVersion").textValue()).isEqualTo(RunInfo.currentVersion()).isNotBlank();
        assertThat(run.get("policy").isNull()).isTrue();
        assertThat(run.get("options")).isEmpty();
    }

    @Test
    void eachHostHasAddressOsVerdictAndPerCheckStatusAndDuration() throws Exception {
        JsonNode host = parse(JsonReport.render(ReportSamples.oneHost(), ReportSamples.RUN)).at("/hosts/0");

        assertThat(host.get("host").textValue()).isEqualTo("web1");
        assertThat(host.get("address").textValue()).isEqualTo("10.0.0.10");
        assertThat(host.get("os").textValue()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
        assertThat(host.get("verdict").textValue()).isEqualTo("FAILED");
        assertThat(host.get("durationMs").longValue()).isEqualTo(1100);
        assertThat(host.get("checks")).hasSize(9);
        assertThat(host.at("/checks/7/check").textValue()).isEqualTo("packages.up-to-date");
        assertThat(host.at("/checks/7/status").textValue()).isEqualTo("FAIL");
        assertThat(host.at("/checks/7/durationMs").longValue()).isEqualTo(299);
    }

    @Test
    void groupsNameTheirMembersByIndexIntoResults() throws Exception {
        GateResult result = ReportSamples.oneHost();
        JsonNode root = parse(JsonReport.render(result, ReportSamples.RUN));

        JsonNode packages = null;
        for (JsonNode group : root.get("groups")) {
            if (group.get("check").textValue().equals("packages.up-to-date")) {
                packages = group;
            }
        }
        assertThat(packages).isNotNull();
        assertThat(packages.get("headline").textValue()).startsWith("80 updates pending: openssl").endsWith("and 70 more");
        assertThat(packages.get("members")).hasSize(80);
        assertThat(packages.get("fixes")).hasSize(1);
        assertThat(packages.at("/fixes/0").textValue()).startsWith("apt-get install --only-upgrade openssl libbpkg1 ");
        assertThat(packages.get("sharedEvidence")).extracting(JsonNode::textValue)
                .containsExactly("package index updated 3 h ago");
        int first = packages.at("/members/0").intValue();
        assertThat(root.at("/results/" + first + "/subject/package").textValue()).isEqualTo("openssl");
        assertThat(root.at("/results/" + first + "/fingerprint").textValue())
                .isEqualTo(result.findings().get(first).fingerprint());
    }
}
