package dev.hardening.core.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.hardening.core.gate.GateResult;

/** The report files a gate run can write into its report folder. */
public enum ReportFormat {
    JSON(JsonReport.FILE_NAME),
    JUNIT(JunitXmlReport.FILE_NAME),
    SARIF(SarifReport.FILE_NAME),
    HTML(HtmlReport.FILE_NAME);

    private final String fileName;

    ReportFormat(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    public Path write(GateResult result, Path reportDir) throws IOException {
        return write(result, reportDir, RunInfo.unknown());
    }

    /** Writes this format naming the run's policy, options and tool version. */
    public Path write(GateResult result, Path reportDir, RunInfo run) throws IOException {
        return ReportFiles.write(reportDir, fileName, render(result, run));
    }

    /** The report's text. */
    public String render(GateResult result, RunInfo run) {
        return switch (this) {
            case JSON -> JsonReport.render(result, run);
            case JUNIT -> JunitXmlReport.render(result, run);
            case SARIF -> SarifReport.render(result, run);
            case HTML -> HtmlReport.render(result, run);
        };
    }

    /** Writes each format; returns the files in the order given. */
    public static List<Path> writeAll(GateResult result, Path reportDir, Collection<ReportFormat> formats)
            throws IOException {
        return writeAll(result, reportDir, formats, RunInfo.unknown());
    }

    /** Writes each format naming the run's policy, options and tool version; returns the files in the order given. */
    public static List<Path> writeAll(GateResult result, Path reportDir, Collection<ReportFormat> formats, RunInfo run)
            throws IOException {
        List<Path> written = new ArrayList<>();
        for (ReportFormat format : formats) {
            written.add(format.write(result, reportDir, run));
        }
        return written;
    }

    /** Parses {@code json,junit,sarif,html} (any case); {@code all} means every format. */
    public static List<ReportFormat> parseList(String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("all")) {
            return List.of(values());
        }
        List<ReportFormat> out = new ArrayList<>();
        for (String name : text.split(",")) {
            String wanted = name.strip().toUpperCase(Locale.ROOT);
            ReportFormat format = Arrays.stream(values()).filter(f -> f.name().equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown report format '" + name.strip()
                            + "' (expected " + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT))
                                    .collect(Collectors.joining(", ")) + " or all)"));
            if (!out.contains(format)) {
                out.add(format);
            }
        }
        return out;
    }
}
