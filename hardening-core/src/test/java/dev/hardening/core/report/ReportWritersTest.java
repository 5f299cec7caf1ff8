package dev.hardening.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.hardening.core.gate.GateResult;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;
import dev.hardening.core.model.Subject;

class ReportWritersTest {
    private static final Finding PASSWORD = new Finding("web1", CheckId.SSH_KEY_ONLY, Status.FAIL, Severity.HIGH,
            "password authentication is enabled globally",
            List.of("sshd -T -C user=deploy,host=10.0.0.5: passwordauthentication yes <- "
                    + "/etc/ssh/sshd_config.d/50-cloud-init.conf:1: PasswordAuthentication yes"),
            "change /etc/ssh/sshd_config.d/50-cloud-init.conf line 1 to `PasswordAuthentication no`",
            new Subject.Setting("PasswordAuthentication", "yes", Optional.of(
                    new Subject.FileLine("/etc/ssh/sshd_config.d/50-cloud-init.conf", 1))));
    private static final Finding ROOT_OK = new Finding("web1", CheckId.SSH_ROOT_LOGIN, Status.PASS, Severity.HIGH,
            "root cannot log in over SSH", List.of("sshd -T: permitrootlogin no"), "");
    private static final Finding UNREACHABLE = new Finding("db<1>&", CheckId.SSH_KEY_ONLY, Status.ERROR, Severity.HIGH,
            "cannot connect to 10.0.0.7:22: connection refused \"quoted\"", List.of(), "start sshd");
    private static final Finding NO_SSHD = new Finding("db<1>&", CheckId.SSH_ROOT_LOGIN, Status.SKIPPED, Severity.HIGH,
            "no SSH server: sshd is not installed", List.of(), "");
    private static final Finding WAIVED = new Finding("web2", CheckId.SSH_ROOT_LOGIN, Status.WAIVED, Severity.HIGH,
            "root can log in (waived until 2027-01-31: OPS-12)", List.of("x"), "set PermitRootLogin no");
    private static final GateResult RESULT = new GateResult(false, 812,
            List.of(PASSWORD, ROOT_OK, UNREACHABLE, NO_SSHD, WAIVED), List.of("unused waiver: ports.private-only"));

    @Test
    void junitXmlHasASuitePerHostAndACasePerCheck() throws Exception {
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(
                new ByteArrayInputStream(JunitXmlReport.render(RESULT).getBytes(StandardCharsets.UTF_8)));

        Element root = xml.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("5");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.getAttribute("errors")).isEqualTo("1");
        assertThat(root.getAttribute("skipped")).isEqualTo("1");
        NodeList suites = root.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(3);
        Element web1 = (Element) suites.item(0);
        assertThat(web1.getAttribute("name")).isEqualTo("web1");
        Element keyOnly = (Element) web1.getElementsByTagName("testcase").item(0);
        assertThat(keyOnly.getAttribute("name")).isEqualTo("ssh.key-only");
        assertThat(keyOnly.getAttribute("classname")).isEqualTo("hardening.web1");
        Element failure = (Element) keyOnly.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("password authentication is enabled globally");
        assertThat(failure.getTextContent()).contains("evidence: sshd -T -C user=deploy")
                .contains("fix: change /etc/ssh/sshd_config.d/50-cloud-init.conf line 1");
        Element db = (Element) suites.item(1);
        assertThat(db.getAttribute("name")).isEqualTo("db<1>&");
        assertThat(db.getElementsByTagName("error").item(0).getAttributes().getNamedItem("message").getNodeValue())
                .isEqualTo("cannot connect to 10.0.0.7:22: connection refused \"quoted\"");
        assertThat(db.getElementsByTagName("skipped").getLength()).isEqualTo(1);
    }

    @Test
    void sarifIsValidAgainstThePublishedSchemaAndLocatesTheConfigLine() throws Exception {
        JsonNode sarif = new ObjectMapper().readTree(SarifReport.render(RESULT));
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/schemas/sarif-2.1.0-rtm.5.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }

        Set<ValidationMessage> problems = schema.validate(sarif);

        assertThat(problems).isEmpty();
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        JsonNode results = sarif.at("/runs/0/results");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).get("ruleId").asText()).isEqualTo("ssh.key-only");
        assertThat(results.get(0).get("level").asText()).isEqualTo("error");
        assertThat(results.get(0).at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("file:///etc/ssh/sshd_config.d/50-cloud-init.conf");
        assertThat(results.get(0).at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(1);
        assertThat(results.get(0).at("/locations/0/logicalLocations/0/name").asText()).isEqualTo("web1");
        assertThat(results.get(0).at("/partialFingerprints/hardening~1v1").asText()).isEqualTo(PASSWORD.fingerprint());
        assertThat(new ObjectMapper().readTree(SarifReport.render(RESULT)).at("/runs/0/results/0/partialFingerprints"))
                .as("the same in the next run").isEqualTo(results.get(0).get("partialFingerprints"));
        assertThat(results.get(2).at("/suppressions/0/kind").asText()).isEqualTo("external");
        assertThat(sarif.at("/runs/0/tool/driver/rules/0/shortDescription/text").asText())
                .isEqualTo(CheckId.SSH_KEY_ONLY.title());
    }

    @Test
    void sarifSchemaCheckWouldCatchABrokenReport() throws Exception {
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/schemas/sarif-2.1.0-rtm.5.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        JsonNode broken = new ObjectMapper().readTree(SarifReport.render(RESULT).replace("\"level\" : \"error\"",
                "\"level\" : \"fatal\""));

        assertThat(schema.validate(broken)).isNotEmpty();
    }

    @Test
    void htmlIsOnePageWithAColouredMatrixAndEscapedText() {
        String html = HtmlReport.render(RESULT);

        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script").doesNotContain("http://")
                .contains("<span class=\"verdict failed\">FAILED</span>")
                .contains("<th>ssh.key-only</th>".replace("<th>", "<th title=\"" + CheckId.SSH_KEY_ONLY.title() + "\">"))
                .contains("<td class=\"FAIL\"><details open><summary>FAIL</summary>")
                .contains("<th>db&lt;1&gt;&amp;</th>")
                .contains("connection refused &quot;quoted&quot;")
                .contains("<b>Fix:</b> change /etc/ssh/sshd_config.d/50-cloud-init.conf line 1")
                .contains("<td class=\"none\">not run</td>")
                .contains("unused waiver: ports.private-only");
    }

    @Test
    void everyFormatIsWrittenUnderItsContractName(@TempDir Path dir) throws Exception {
        List<Path> files = ReportFormat.writeAll(RESULT, dir, ReportFormat.parseList("all"));

        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("hardening.json", "TEST-hardening.xml", "hardening.sarif", "hardening.html");
        assertThat(ReportFormat.parseList("HTML, json,html")).containsExactly(ReportFormat.HTML, ReportFormat.JSON);
        assertThatThrownBy(() -> ReportFormat.parseList("json,pdf"))
                .hasMessage("unknown report format 'pdf' (expected json, junit, sarif, html or all)");
    }

    @Test
    void aCellCountsWhatItsProblemsAreAbout() {
        Finding first = new Finding("web1", CheckId.PORTS_PRIVATE_ONLY, Status.FAIL, Severity.HIGH, "5432/tcp public",
                List.of(), "bind it", new Subject.Port(5432, "tcp", "0.0.0.0"));
        Finding second = first.withSubject(new Subject.Port(6379, "tcp", "0.0.0.0"));
        Finding inventory = new Finding("web1", CheckId.PORTS_PRIVATE_ONLY, Status.PASS, Severity.HIGH, "inventory",
                List.of(), "");

        String html = HtmlReport.render(new GateResult(false, 5, List.of(first, second, inventory), List.of()));

        assertThat(html).contains("<summary>FAIL (3) <small>2 port(s)</small></summary>");
    }
}
