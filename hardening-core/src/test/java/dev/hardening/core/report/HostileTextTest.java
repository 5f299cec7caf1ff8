package dev.hardening.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.core.facts.net.IpFamily;
import dev.hardening.core.facts.net.ListeningSocket;
import dev.hardening.core.facts.net.SocketOwners;
import dev.hardening.core.facts.net.Transport;
import dev.hardening.core.gate.GateResult;
import dev.hardening.core.gate.HostRun;
import dev.hardening.core.gate.Verdict;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;
import dev.hardening.core.model.Subject;

/** Text a host controls (certificate subjects, process names) reaches no output as anything but text. */
class HostileTextTest {
    private static final String FORGED_LOG_LINE = "CN=web1\n[ERROR] FAKE injected line";
    private static final String TERMINAL_CONTROL = "nginx\u001b[2J\u001b]0;owned\u0007\u009b31m";
    private static final Finding HOSTILE = new Finding("web\u001b[1", CheckId.TLS_CHAIN, Status.FAIL, Severity.HIGH,
            "certificate " + FORGED_LOG_LINE + " is expired", List.of("process " + TERMINAL_CONTROL, "lone \ud800 half"),
            "renew\r\nit");
    private static final GateResult RESULT = new GateResult(false, 5, List.of(HOSTILE), List.of());

    @Test
    void aNewlineInACertificateSubjectCannotForgeALogLine() {
        List<String> console = ConsoleReport.render(RESULT);

        assertThat(console).noneMatch(line -> line.startsWith("[ERROR] FAKE"));
        assertThat(console).anyMatch(line -> line.contains("certificate CN=web1\\n[ERROR] FAKE injected line is expired"));
        assertThat(console).allMatch(line -> line.chars().noneMatch(c -> c == '\n' || c == '\r'));
    }

    @Test
    void escapeSequencesFromAProcessNameNeverReachTheTerminal() {
        List<String> console = ConsoleReport.render(RESULT);

        assertThat(String.join("", console)).doesNotContain("\u001b", "\u0007", "\u009b", "\ud800")
                .contains("process nginx\\x1b[2J\\x1b]0;owned\\x07\\u009b31m");
    }

    @Test
    void junitXmlIsWellFormedWhenHostTextHoldsEscAndBel() throws Exception {
        String xml = JunitXmlReport.render(RESULT);

        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(xml).doesNotContain("\u001b", "\u0007").contains("nginx\\x1b[2J");
    }

    @Test
    void jsonAndSarifStayValidAndJsonKeepsTheHostsExactText(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode report = json.readTree(Files.readString(JsonReport.write(RESULT, dir)));
        JsonNode sarif = json.readTree(Files.readString(SarifReport.write(RESULT, dir)));

        assertThat(report.at("/results/0/message").asText()).isEqualTo(HOSTILE.message());
        assertThat(report.at("/results/0/evidence/1").asText()).isEqualTo("lone \\ud800 half");
        assertThat(sarif.at("/runs/0/results/0/message/text").asText()).doesNotContain("\u001b", "\n[ERROR]");
    }

    @Test
    void htmlShowsControlCharactersEscapedAndMarkupAsText() {
        String html = HtmlReport.render(new GateResult(false, 5, List.of(HOSTILE.withStatus(Status.FAIL,
                "<script>alert(1)</script>\u001b[2J")), List.of()));

        assertThat(html.replace("<script>" + "(function(){", "")).doesNotContain("<script>", "\u001b")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;\\x1b[2J");
    }

    @Test
    void aProcessNameWithANewlineIsReportedWholeNotAsItsLastPart() {
        SocketOwners owners = SocketOwners.parse("/proc/812/fd:\nlrwx------ 1 root root 64 Jan 1 00:00 3 -> socket:[4242]\n")
                .withNames("/proc/812/comm:q\n/proc/812/comm:FAKE<b>\n");

        String name = owners.attach(new ListeningSocket(Transport.TCP, IpFamily.IPV4, InetAddress.getLoopbackAddress(),
                8080, 4242, List.of(), "")).processes().get(0).name();

        assertThat(name).isEqualTo("q\nFAKE<b>");
        assertThat(Sanitizer.line(name)).isEqualTo("q\\nFAKE<b>");
    }

    @Test
    void reportsAreRenamedIntoPlaceSoNoHalfWrittenFileOrTemporaryIsLeft(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(JsonReport.FILE_NAME), "{\"passed\":true, \"truncat");

        ReportFormat.writeAll(RESULT, dir, List.of(ReportFormat.values()));

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(JsonReport.FILE_NAME,
                    JunitXmlReport.FILE_NAME, SarifReport.FILE_NAME, HtmlReport.FILE_NAME);
        }
        assertThat(new ObjectMapper().readTree(dir.resolve(JsonReport.FILE_NAME).toFile()).get("passed").asBoolean())
                .isFalse();
    }

    /** Every kind of text a host could send that a careless writer would pass through. */
    static final List<String> HOSTILE_STRINGS = List.of("esc\u001b[31mred\u001b]0;title\u0007", "bell\u0007",
            "new\nline\r\n", "</script><script>alert(1)</script>", "cdata]]>end", "nul\u0000byte",
            "high\ud800alone", "low\udc00alone", "swapped\udc00\ud800", "invalid utf-8 \ufffd\ufffd",
            "c1\u0085\u009b", "nonchar\ufffe\uffff", "bidi\u202eevil", "quotes\"'&<>", "comment--><!--",
            "\u0001\u0002\u0008\u000b\u000c\u001f\u007f");

    static GateResult everywhere(String text) {
        Finding finding = new Finding("h" + text, CheckId.PACKAGES_UP_TO_DATE, Status.FAIL, Severity.HIGH, "m" + text,
                List.of("e" + text, "shared"), "apt-get install --only-upgrade p" + text,
                new Subject.Package("p" + text, "1" + text, "2" + text));
        Finding second = finding.withSubject(new Subject.Package("q" + text, "1", "2"));
        Finding config = new Finding("h" + text, CheckId.SSH_KEY_ONLY, Status.ERROR, Severity.HIGH, "c" + text,
                List.of(text), "fix " + text, new Subject.FileLine("/etc/" + text, 3));
        HostRun run = new HostRun("h" + text, "a" + text, Verdict.FAILED, Instant.EPOCH, 10, Optional.of("os" + text),
                Map.of(CheckId.SSH_KEY_ONLY, 5L));
        return new GateResult(Verdict.FAILED, Instant.EPOCH, 10, List.of(finding, second, config),
                List.of("note " + text), List.of(run));
    }

    static RunInfo runInfo(String text) {
        return new RunInfo("1.0", Optional.of("/policy/" + text), Optional.empty(), Map.of("failOn", "LOW"));
    }

    @Test
    void everyFormatParsesStrictlyWhateverTheHostSentInEveryField() throws Exception {
        for (String text : HOSTILE_STRINGS) {
            GateResult result = everywhere(text);
            RunInfo run = runInfo(text);

            JsonNode json = StrictParsers.json(JsonReport.render(result, run));
            assertThat(json.at("/results/0/message").textValue()).as(text).isEqualTo(Sanitizer.data("m" + text));
            assertThat(json.at("/hosts/0/os").textValue()).as(text).isEqualTo(Sanitizer.data("os" + text));
            assertThat(json.at("/run/policy").textValue()).as(text).isEqualTo(Sanitizer.data("/policy/" + text));
            StrictParsers.xml(JunitXmlReport.render(result, run));
            JsonNode sarif = StrictParsers.json(SarifReport.render(result, run));
            assertThat(java.net.URI.create(sarif.at("/runs/0/results/2/locations/0/physicalLocation/artifactLocation/uri")
                    .textValue()).getScheme()).as(text).isEqualTo("file");
            String page = StrictParsers.htmlOutsideItsOwnScript(HtmlReport.render(result, run));
            assertThat(page.toLowerCase(java.util.Locale.ROOT)).as(text).doesNotContain("<script", "</script", "<!--");
            assertThat(page.chars().filter(c -> c < 0x20 && c != '\n' || c == 0x7f || c >= 0x80 && c < 0xa0))
                    .as(text).isEmpty();
        }
    }

    @Test
    void xmlKeepsNoCharacterXml10ForbidsAndShowsItEscaped() throws Exception {
        String xml = JunitXmlReport.render(everywhere("nul\u0000esc\u001bcdata]]>"), runInfo("x"));

        org.w3c.dom.Document doc = StrictParsers.xml(xml);
        assertThat(doc.getElementsByTagName("testsuite").item(0).getAttributes().getNamedItem("name").getNodeValue())
                .isEqualTo("hnul\\x00esc\\x1bcdata]]>");
        assertThat(doc.getElementsByTagName("failure").item(0).getTextContent()).contains("mnul\\x00esc\\x1bcdata]]>");
    }

    @Test
    void theStrictParsersRefuseWhatALenientReaderWouldLetThrough() {
        assertThatThrownBy(() -> StrictParsers.utf8("lone \ud800")).isInstanceOf(java.nio.charset.CharacterCodingException.class);
        assertThatThrownBy(() -> StrictParsers.json("{\"a\":\"raw \u0001 control\"}")).isNotNull();
        assertThatThrownBy(() -> StrictParsers.json("{\"a\":1,\"a\":2}")).isNotNull();
        assertThatThrownBy(() -> StrictParsers.xml("<a>nul \u0000</a>")).isNotNull();
        assertThatThrownBy(() -> StrictParsers.xml("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>")).isNotNull();
        assertThatThrownBy(() -> StrictParsers.htmlOutsideItsOwnScript("<p>no script</p>")).isInstanceOf(AssertionError.class);
    }
}
