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

import dev.hardening.core.gate.GateOptions;
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

        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("http://", "https://", "<link", " src=")
                .contains("<span class=\"verdict FAILED\">FAILED</span>")
                .contains("<th title=\"ssh.key-only: " + CheckId.SSH_KEY_ONLY.title() + "\"><span class=\"fam\">ssh"
                        + "</span><br>key-only</th>")
                .contains("<td class=\"FAIL\"><a href=\"#h0-c0\">FAIL</a></td>")
                .contains("<a href=\"#h1\">db&lt;1&gt;&amp;</a>")
                .contains("connection refused &quot;quoted&quot;")
                .contains("<b>Fix:</b> <code>change /etc/ssh/sshd_config.d/50-cloud-init.conf line 1")
                .contains("<td class=\"none\">not run</td>")
                .contains("unused waiver: ports.private-only");
        assertThat(occurrences(html, "<script")).as("only the report's own script").isEqualTo(1);
    }

    @Test
    void htmlDetailsAreCollapsedAndTheFiltersShowOnlyWithScripts() {
        String html = HtmlReport.render(RESULT);

        assertThat(html).contains("<details class=\"cell\" id=\"h0-c0\" data-status=\"FAIL\"><summary>")
                .doesNotContain(" open>", " open ")
                .contains("<div class=\"filters\" id=\"filters\" hidden>")
                .contains("<tr data-host=\"db&lt;1&gt;&amp;\" data-status=\"ERROR SKIPPED\">")
                .contains("@media print{");
    }

    @Test
    void htmlSummaryNamesVerdictHostsCountsTimePolicyAndVersion() {
        String html = HtmlReport.render(ReportSamples.fiftyHosts(), ReportSamples.RUN);

        assertThat(html).contains("<dt>hosts</dt><dd>50: 12 passed, 33 failed, 5 errored</dd>")
                .contains("<dt>checks</dt><dd>450 check(s) on hosts: 58 fail, 7 error, 5 waived, 374 pass, 6 skipped</dd>")
                .contains("<dt>started</dt><dd>2026-12-07 00:50:47 UTC</dd>")
                .contains("<dt>run time</dt><dd>4.3 s (ended 2026-12-07 00:50:51 UTC)</dd>")
                .contains("<dt>policy</dt><dd>/srv/deploy/hardening.yml</dd>")
                .contains("<dt>policy SHA-256</dt><dd>" + ReportSamples.RUN.policySha256().orElseThrow() + "</dd>")
                .contains("<dt>options</dt><dd>failOn LOW, failOnError true, parallelism " + GateOptions.DEFAULT_PARALLELISM + ",")
                .contains("<dt>tool</dt><dd>hardening 0.1.0-SNAPSHOT</dd>")
                .contains("<tr><th title=\"" + CheckId.PACKAGES_UP_TO_DATE.title()
                        + "\">packages.up-to-date</th><td>10</td><td></td><td></td><td>40</td><td></td></tr>");
    }

    @Test
    void htmlShowsEightyUpdatesAsOneGroupWithOneCombinedFix() {
        String html = HtmlReport.render(ReportSamples.oneHost(), ReportSamples.RUN);

        assertThat(html).contains("<a href=\"#h0-c7\">FAIL \u00d780</a>")
                .contains("<b>FAIL high:</b> 80 updates pending: openssl 3.0.11-1~deb12u1 -&gt; 3.0.15-1~deb12u1, ")
                .contains("and 70 more</p><ul><li><code>package index updated 3 h ago</code></li></ul>")
                .contains("<summary>80 findings</summary>")
                .contains("<b>Fix:</b> <code>apt-get install --only-upgrade openssl libbpkg1 ");
        assertThat(occurrences(html, "apt-get install --only-upgrade")).isEqualTo(1);
        assertThat(occurrences(html, "interface veth44: ")).as("shared evidence once").isEqualTo(1);
    }

    @Test
    void aHostsPassedChecksFoldIntoOneLineThatStillHoldsEachCheck() {
        String html = HtmlReport.render(ReportSamples.fiftyHosts(), ReportSamples.RUN);
        String passingHost = html.substring(html.indexOf("<section class=\"host\" id=\"h8\""),
                html.indexOf("<section class=\"host\" id=\"h9\""));

        assertThat(passingHost).contains("<details class=\"cell\" id=\"h8-passed\" data-status=\"PASS\"><summary>"
                + "<span class=\"badge PASS\">PASS</span>9 check(s): ssh.key-only, ssh.root-login,")
                .contains("<details class=\"cell\" id=\"h8-c8\" data-status=\"PASS\">");
        assertThat(occurrences(passingHost, "<details class=\"cell\"")).isEqualTo(10);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
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
    void aMatrixCellCountsItsProblemsNotItsInformationalPasses() {
        Finding first = new Finding("web1", CheckId.PORTS_PRIVATE_ONLY, Status.FAIL, Severity.HIGH, "5432/tcp public",
                List.of(), "bind it", new Subject.Port(5432, "tcp", "0.0.0.0"));
        Finding second = first.withSubject(new Subject.Port(6379, "tcp", "0.0.0.0"));
        Finding inventory = new Finding("web1", CheckId.PORTS_PRIVATE_ONLY, Status.PASS, Severity.HIGH, "inventory",
                List.of(), "");

        String html = HtmlReport.render(new GateResult(false, 5, List.of(first, second, inventory), List.of()));

        assertThat(html).contains("<a href=\"#h0-c0\">FAIL \u00d72</a>")
                .contains("<b>ports.private-only</b> 2 public ports: 5432/tcp on 0.0.0.0, 6379/tcp on 0.0.0.0</summary>");
    }

    @Test
    void junitXmlTimesEachCaseCountsCellsAndListsAGroupsMembers() throws Exception {
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                JunitXmlReport.render(ReportSamples.oneHost(), ReportSamples.RUN).getBytes(StandardCharsets.UTF_8)));

        Element root = xml.getDocumentElement();
        assertThat(root.getAttribute("tests")).as("one per host and check").isEqualTo("9");
        assertThat(root.getAttribute("failures")).isEqualTo("3");
        assertThat(root.getAttribute("errors")).isEqualTo("1");
        assertThat(root.getAttribute("timestamp")).isEqualTo("2026-12-07T00:50:47");
        Element suite = (Element) root.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("time")).isEqualTo("1.100");
        assertThat(suite.getAttribute("hostname")).isEqualTo("10.0.0.10");
        assertThat(((Element) suite.getElementsByTagName("property").item(1)).getAttribute("value"))
                .isEqualTo("Debian GNU/Linux 12 (bookworm)");
        assertThat(((Element) suite.getElementsByTagName("property").item(4)).getAttribute("value"))
                .isEqualTo("/srv/deploy/hardening.yml");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(9);
        Element packages = (Element) cases.item(7);
        assertThat(packages.getAttribute("name")).isEqualTo("packages.up-to-date");
        assertThat(packages.getAttribute("time")).isEqualTo("0.299");
        Element failure = (Element) packages.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).startsWith("80 updates pending: openssl");
        String body = failure.getTextContent();
        assertThat(body).contains("  - security update pending: libzpkg77 3.0.11-1~deb12u1 -> 3.0.15-1~deb12u1\n"
                + "      evidence: apt-get -s upgrade: Inst libzpkg77")
                .contains("  evidence: package index updated 3 h ago\n");
        assertThat(body.lines().filter(l -> l.startsWith("  fix: "))).containsExactly("  fix: apt-get install "
                + "--only-upgrade " + String.join(" ", ReportSamples.oneHost().findings().stream()
                        .filter(f -> f.check().equals(CheckId.PACKAGES_UP_TO_DATE)).map(f -> f.subject().fields()
                                .get("package")).toList()));
        assertThat(body.lines().filter(l -> l.contains("interface veth44"))).isEmpty();
        Element ports = (Element) cases.item(3);
        assertThat(ports.getElementsByTagName("failure").item(0).getTextContent()
                .lines().filter(l -> l.contains("interface veth44"))).as("shared evidence once").hasSize(1);
    }

    @Test
    void sarifRulesDescribeAndHelpEachCheckAndTheInvocationNamesThePolicy() throws Exception {
        JsonNode sarif = new ObjectMapper().readTree(SarifReport.render(ReportSamples.fiftyHosts(), ReportSamples.RUN));

        assertThat(sarifSchema().validate(sarif)).isEmpty();
        JsonNode rules = sarif.at("/runs/0/tool/driver/rules");
        assertThat(rules).hasSize(9);
        for (JsonNode rule : rules) {
            assertThat(rule.at("/fullDescription/text").textValue()).as(rule.get("id").textValue()).hasSizeGreaterThan(40);
            assertThat(rule.at("/help/text").textValue()).as(rule.get("id").textValue()).hasSizeGreaterThan(30);
        }
        assertThat(sarif.at("/runs/0/tool/driver/version").textValue()).isEqualTo("0.1.0-SNAPSHOT");
        JsonNode invocation = sarif.at("/runs/0/invocations/0");
        assertThat(invocation.get("exitCode").intValue()).isEqualTo(1);
        assertThat(invocation.get("startTimeUtc").textValue()).isEqualTo("2026-12-07T00:50:47Z");
        assertThat(invocation.at("/properties/policy").textValue()).isEqualTo("/srv/deploy/hardening.yml");
        assertThat(invocation.at("/properties/options/failOn").textValue()).isEqualTo("LOW");
    }

    @Test
    void aSarifFileUriIsPercentEncodedSoAnyPathIsAValidUri() {
        assertThat(SarifReport.fileUri("/etc/ssh/sshd_config.d/50 cloud%init.conf"))
                .isEqualTo("file:///etc/ssh/sshd_config.d/50%20cloud%25init.conf");
        assertThat(SarifReport.fileUri("relative\u001b]0;x\u0007")).isEqualTo("file:///relative%1B%5D0;x%07");
        assertThat(java.net.URI.create(SarifReport.fileUri("/tmp/\ud800 \"<>\n")).getPath()).isEqualTo("/tmp/\\ud800 \"<>\n");
    }

    private JsonSchema sarifSchema() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/schemas/sarif-2.1.0-rtm.5.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }
}
