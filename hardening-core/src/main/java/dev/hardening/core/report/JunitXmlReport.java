package dev.hardening.core.report;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import dev.hardening.core.gate.GateResult;
import dev.hardening.core.gate.HostRun;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;

/**
 * {@code TEST-hardening.xml}: JUnit XML as Jenkins, GitLab and GitHub test reporters read it; one
 * testsuite per host (its address, OS and verdict, the tool version and policy as properties), one
 * testcase per check on that host with the time the check took, counted once whatever the number of its
 * findings; a failure's text holds its grouped findings: the headline, the evidence they share, each
 * member with its own evidence, the fixes.
 */
public final class JunitXmlReport {
    public static final String FILE_NAME = "TEST-hardening.xml";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC);

    private JunitXmlReport() {
    }

    public static Path write(GateResult result, Path reportDir) throws IOException {
        return ReportFiles.write(reportDir, FILE_NAME, render(result));
    }

    public static String render(GateResult result) {
        return render(result, RunInfo.unknown());
    }

    public static String render(GateResult result, RunInfo run) {
        Map<String, List<CheckCell>> byHost = CheckCell.of(result.findings()).stream()
                .collect(Collectors.groupingBy(CheckCell::host, LinkedHashMap::new, Collectors.toList()));
        Map<String, HostRun> runs = result.hosts().stream()
                .collect(Collectors.toMap(HostRun::host, Function.identity(), (a, b) -> a));
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "hardening");
            writeCounts(xml, byHost.values().stream().flatMap(List::stream).toList());
            xml.writeAttribute("time", seconds(result.durationMs()));
            xml.writeAttribute("timestamp", TIMESTAMP.format(result.started().truncatedTo(ChronoUnit.SECONDS)));
            for (Map.Entry<String, List<CheckCell>> host : byHost.entrySet()) {
                writeSuite(xml, host.getKey(), host.getValue(), Optional.ofNullable(runs.get(host.getKey())), run);
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

    private static void writeSuite(XMLStreamWriter xml, String host, List<CheckCell> cells, Optional<HostRun> hostRun,
            RunInfo run) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", Sanitizer.line(host));
        writeCounts(xml, cells);
        if (hostRun.isPresent()) {
            xml.writeAttribute("time", seconds(hostRun.get().durationMs()));
            xml.writeAttribute("timestamp", TIMESTAMP.format(hostRun.get().started().truncatedTo(ChronoUnit.SECONDS)));
            xml.writeAttribute("hostname", Sanitizer.line(hostRun.get().address()));
        }
        xml.writeCharacters("\n    ");
        xml.writeStartElement("properties");
        if (hostRun.isPresent()) {
            property(xml, "address", hostRun.get().address());
            property(xml, "os", hostRun.get().os().orElse("unknown"));
            property(xml, "verdict", hostRun.get().verdict().name());
        }
        property(xml, "tool", "hardening " + run.toolVersion());
        if (run.policyPath().isPresent()) {
            property(xml, "policy", run.policyPath().get());
        }
        xml.writeEndElement();
        for (CheckCell cell : cells) {
            writeTestcase(xml, cell, hostRun.map(r -> r.checkDurationsMs().get(cell.check())).orElse(null));
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", Sanitizer.line(value));
    }

    private static void writeCounts(XMLStreamWriter xml, List<CheckCell> cells) throws XMLStreamException {
        xml.writeAttribute("tests", String.valueOf(cells.size()));
        xml.writeAttribute("failures", String.valueOf(cells.stream().filter(c -> c.status() == Status.FAIL).count()));
        xml.writeAttribute("errors", String.valueOf(cells.stream().filter(c -> c.status() == Status.ERROR).count()));
        xml.writeAttribute("skipped", String.valueOf(cells.stream().filter(c -> c.status() == Status.SKIPPED).count()));
    }

    private static void writeTestcase(XMLStreamWriter xml, CheckCell cell, Long durationMs) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "hardening." + Sanitizer.line(cell.host()));
        xml.writeAttribute("name", cell.check().id());
        xml.writeAttribute("time", durationMs == null ? "0" : seconds(durationMs));
        Status status = cell.status();
        List<Finding> relevant = cell.findings().stream().filter(f -> f.status() == status).toList();
        switch (status) {
            case FAIL, ERROR -> {
                List<FindingGroup> groups = cell.problems().stream().filter(g -> g.status() == status).toList();
                xml.writeStartElement(status == Status.FAIL ? "failure" : "error");
                xml.writeAttribute("message", groups.stream().map(g -> Sanitizer.line(g.headline()))
                        .collect(Collectors.joining("; ")));
                xml.writeAttribute("type", status.name().toLowerCase(Locale.ROOT) + " " + relevant.get(0).severity());
                xml.writeCharacters(groups.stream().map(JunitXmlReport::details).collect(Collectors.joining()));
                xml.writeEndElement();
            }
            case SKIPPED -> {
                xml.writeStartElement("skipped");
                xml.writeAttribute("message", relevant.stream().map(f -> Sanitizer.line(f.message()))
                        .collect(Collectors.joining("; ")));
                xml.writeEndElement();
            }
            default -> {
                xml.writeStartElement("system-out");
                xml.writeCharacters(cell.findings().stream().map(JunitXmlReport::details).collect(Collectors.joining()));
                xml.writeEndElement();
            }
        }
        xml.writeEndElement();
    }

    private static String details(FindingGroup group) {
        StringBuilder text = new StringBuilder();
        text.append(group.status()).append(' ').append(group.severity()).append(": ")
                .append(Sanitizer.line(group.headline())).append('\n');
        group.sharedEvidence().forEach(e -> text.append("  evidence: ").append(Sanitizer.line(e)).append('\n'));
        if (!group.isSingle()) {
            for (Finding member : group.members()) {
                text.append("  - ").append(Sanitizer.line(member.message())).append('\n');
                group.ownEvidence(member).forEach(e -> text.append("      evidence: ").append(Sanitizer.line(e))
                        .append('\n'));
            }
        }
        group.fixes().forEach(fix -> text.append("  fix: ").append(Sanitizer.line(fix)).append('\n'));
        return text.toString();
    }

    private static String details(Finding f) {
        return details(new FindingGroup(f.host(), f.check(), f.status(), List.of(f)));
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
