package dev.hardening.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;

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
}
