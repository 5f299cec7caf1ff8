package dev.hardening.core.report;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import dev.hardening.core.gate.GateResult;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;

/**
 * {@code TEST-hardening.xml}: JUnit XML as Jenkins, GitLab and GitHub test reporters read it; one
 * testsuite per host, one testcase per check, the failure text holding messages, evidence and fixes.
 */
public final class JunitXmlReport {
    public static final String FILE_NAME = "TEST-hardening.xml";

    private JunitXmlReport() {
    }

    public static Path write(GateResult result, Path reportDir) throws IOException {
        return ReportFiles.write(reportDir, FILE_NAME, render(result));
    }

    public static String render(GateResult result) {
        ResultMatrix matrix = new ResultMatrix(result.findings());
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "hardening");
            writeCounts(xml, matrix, matrix.hosts());
            xml.writeAttribute("time", seconds(result.durationMs()));
            for (String host : matrix.hosts()) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", Sanitizer.line(host));
                writeCounts(xml, matrix, List.of(host));
                for (Map.Entry<CheckId, List<Finding>> cell : matrix.row(host).entrySet()) {
                    writeTestcase(xml, host, cell.getKey(), cell.getValue());
                }
                xml.writeCharacters("\n  ");
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to a string cannot fail", e);
        }
        return out + "\n";
    }

    private static void writeCounts(XMLStreamWriter xml, ResultMatrix matrix, List<String> hosts)
            throws XMLStreamException {
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        for (String host : hosts) {
            for (List<Finding> cell : matrix.row(host).values()) {
                tests++;
                switch (ResultMatrix.summary(cell)) {
                    case FAIL -> failures++;
                    case ERROR -> errors++;
                    case SKIPPED -> skipped++;
                    default -> {
                        // PASS and WAIVED count as passed tests
                    }
                }
            }
        }
        xml.writeAttribute("tests", String.valueOf(tests));
        xml.writeAttribute("failures", String.valueOf(failures));
        xml.writeAttribute("errors", String.valueOf(errors));
        xml.writeAttribute("skipped", String.valueOf(skipped));
    }

    private static void writeTestcase(XMLStreamWriter xml, String host, CheckId check, List<Finding> findings)
            throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "hardening." + Sanitizer.line(host));
        xml.writeAttribute("name", check.id());
        xml.writeAttribute("time", "0");
        Status status = ResultMatrix.summary(findings);
        List<Finding> relevant = findings.stream().filter(f -> f.status() == status).toList();
        String message = relevant.stream().map(f -> Sanitizer.line(f.message())).collect(Collectors.joining("; "));
        switch (status) {
            case FAIL, ERROR -> {
                xml.writeStartElement(status == Status.FAIL ? "failure" : "error");
                xml.writeAttribute("message", message);
                xml.writeAttribute("type", status.name().toLowerCase(Locale.ROOT) + " " + relevant.get(0).severity());
                xml.writeCharacters(details(relevant));
                xml.writeEndElement();
            }
            case SKIPPED -> {
                xml.writeStartElement("skipped");
                xml.writeAttribute("message", message);
                xml.writeEndElement();
            }
            default -> {
                xml.writeStartElement("system-out");
                xml.writeCharacters(details(findings));
                xml.writeEndElement();
            }
        }
        xml.writeEndElement();
    }

    private static String details(List<Finding> findings) {
        StringBuilder text = new StringBuilder();
        for (Finding f : findings) {
            text.append(f.status()).append(' ').append(f.severity()).append(": ").append(Sanitizer.line(f.message()))
                    .append('\n');
            f.evidence().forEach(e -> text.append("  evidence: ").append(Sanitizer.line(e)).append('\n'));
            if (!f.remediation().isEmpty()) {
                text.append("  fix: ").append(Sanitizer.line(f.remediation())).append('\n');
            }
        }
        return text.toString();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
