package dev.hardening.core.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import dev.hardening.core.gate.GateResult;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;

/**
 * {@code hardening.html}: one self-contained page (no scripts, no external assets), a hosts x checks
 * matrix coloured by status; each cell opens to the messages, evidence and fixes.
 */
public final class HtmlReport {
    public static final String FILE_NAME = "hardening.html";
    private static final String STYLE = """
            body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
            h1{font-size:1.4em}.verdict{font-weight:bold;padding:.2em .6em;border-radius:4px;color:#fff}
            table{border-collapse:collapse;margin-top:1em}th,td{border:1px solid #ccc;padding:.4em;vertical-align:top}
            th{background:#f4f4f4;text-align:left}td{min-width:14em;max-width:40em}
            .PASS{background:#e3f6e3}.FAIL{background:#fbe0e0}.ERROR{background:#fdebd0}.WAIVED{background:#e8e8f8}
            .SKIPPED{background:#f0f0f0;color:#666}.none{background:#fff;color:#aaa}
            .verdict.passed{background:#2e7d32}.verdict.failed{background:#c62828}
            summary{cursor:pointer;font-weight:bold}ul{margin:.3em 0;padding-left:1.2em}
            code{font-size:12px;white-space:pre-wrap;word-break:break-all}.fix{margin-top:.3em}
            """;

    private HtmlReport() {
    }

    public static Path write(GateResult result, Path reportDir) throws IOException {
        return ReportFiles.write(reportDir, FILE_NAME, render(result));
    }

    public static String render(GateResult result) {
        ResultMatrix matrix = new ResultMatrix(result.findings());
        List<CheckId> checks = matrix.checks();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>hardening report</title>")
                .append("<style>").append(STYLE).append("</style></head><body>\n");
        html.append("<h1>hardening gate <span class=\"verdict ").append(result.passed() ? "passed\">PASSED" : "failed\">FAILED")
                .append("</span></h1>\n<p>").append(escape(ConsoleReport.summary(result))).append("</p>\n");
        html.append("<table><thead><tr><th>host</th>");
        for (CheckId check : checks) {
            html.append("<th title=\"").append(escape(check.title())).append("\">").append(escape(check.id())).append("</th>");
        }
        html.append("</tr></thead><tbody>\n");
        for (String host : matrix.hosts()) {
            html.append("<tr><th>").append(escape(host)).append("</th>");
            for (CheckId check : checks) {
                html.append(cell(matrix.cell(host, check)));
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n");
        if (!result.waiverNotes().isEmpty()) {
            html.append("<h2>Waivers</h2><ul>");
            result.waiverNotes().forEach(n -> html.append("<li>").append(escape(n)).append("</li>"));
            html.append("</ul>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static String cell(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "<td class=\"none\">not run</td>";
        }
        Status status = ResultMatrix.summary(findings);
        StringBuilder td = new StringBuilder("<td class=\"").append(status).append("\"><details")
                .append(status == Status.FAIL || status == Status.ERROR ? " open" : "").append("><summary>")
                .append(status).append(findings.size() > 1 ? " (" + findings.size() + ")" : "")
                .append(subjects(findings)).append("</summary>");
        for (Finding f : findings) {
            td.append("<p><b>").append(f.status()).append(' ').append(f.severity().name().toLowerCase(Locale.ROOT))
                    .append(":</b> ").append(escape(f.message())).append("</p>");
            if (!f.evidence().isEmpty()) {
                td.append("<ul>");
                f.evidence().forEach(e -> td.append("<li><code>").append(escape(e)).append("</code></li>"));
                td.append("</ul>");
            }
            if (!f.remediation().isEmpty()) {
                td.append("<div class=\"fix\"><b>Fix:</b> ").append(escape(f.remediation())).append("</div>");
            }
        }
        return td.append("</details></td>").toString();
    }

    /** Host text made one visible line by the {@link Sanitizer}, then escaped for HTML. */
    static String escape(String text) {
        String line = Sanitizer.line(text);
        StringBuilder out = new StringBuilder(line.length());
        for (char c : line.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String subjects(List<Finding> findings) {
        String about = ResultMatrix.problemSubjects(findings);
        return about.isEmpty() ? "" : " <small>" + escape(about) + "</small>";
    }
}
