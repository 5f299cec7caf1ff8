package dev.hardening.core.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.hardening.core.gate.GateResult;
import dev.hardening.core.gate.HostRun;
import dev.hardening.core.gate.Verdict;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;

/**
 * {@code hardening.html}: one self-contained page (no external assets; a small static inline script for
 * the filters and nothing from a host inside it). At the top the verdict, the hosts by verdict, the cells
 * per check, the run's time, policy, options and tool version; then the hosts x checks matrix (abbreviated
 * headers, sticky host column and header, scrolling inside its box); then per host every check's
 * findings, grouped as {@link FindingGroup} groups them, collapsed until clicked. With scripts off every
 * host shows and the filters stay hidden; printed, every detail is open.
 */
public final class HtmlReport {
    public static final String FILE_NAME = "hardening.html";
    private static final List<Status> SHOWN = List.of(Status.FAIL, Status.ERROR, Status.WAIVED, Status.PASS,
            Status.SKIPPED);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String STYLE = """
            *{box-sizing:border-box}[hidden]{display:none!important}
            body{font:14px/1.4 system-ui,sans-serif;margin:1.2em 1.5em;color:#222}
            h1{font-size:1.4em;margin:0 0 .5em}h2{font-size:1.15em;margin:1.4em 0 .4em}
            .verdict{font-weight:bold;padding:.1em .6em;border-radius:4px;color:#fff}
            .verdict.PASSED{background:#2e7d32}.verdict.FAILED{background:#c62828}.verdict.ERROR{background:#e65100}
            .summary{display:flex;flex-wrap:wrap;gap:1em 2.5em;align-items:flex-start}
            .run{display:grid;grid-template-columns:max-content minmax(0,46em);gap:.15em 1em;margin:0}
            .run dt{color:#555}.run dd{margin:0;overflow-wrap:anywhere}
            table{border-collapse:separate;border-spacing:0}
            th,td{border:1px solid #ccc;border-width:0 1px 1px 0;padding:.25em .45em;text-align:left}
            tr>:first-child{border-left-width:1px}thead tr:first-child>*{border-top-width:1px}
            th{background:#f4f4f4;font-weight:600}.counts td{text-align:right;min-width:3.2em}
            .matrix{overflow:auto;max-width:100%;max-height:85vh;margin-top:1em;border-right:1px solid #eee}
            .matrix thead th{position:sticky;top:0;z-index:2;vertical-align:bottom;font-size:12px;line-height:1.2}
            .matrix tbody th{position:sticky;left:0;z-index:1;max-width:16em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
            .matrix thead th:first-child{left:0;z-index:3}
            .matrix td{text-align:center;white-space:nowrap;min-width:5.5em;padding:0}
            .matrix td a{display:block;padding:.25em .45em;color:inherit;text-decoration:none}
            .matrix small,.host h2 small{color:#666;font-weight:normal}.fam{color:#666;font-weight:normal}
            .PASS{background:#e3f6e3}.FAIL{background:#fbe0e0}.ERROR{background:#fdebd0}.WAIVED{background:#e8e8f8}
            .SKIPPED{background:#f0f0f0;color:#666}.none{background:#fff;color:#aaa}
            .filters{margin:1em 0 0;display:flex;gap:1.2em;align-items:center;flex-wrap:wrap}
            .filters input[type=search]{width:18em;padding:.2em .4em}
            .legend{font-size:12px;color:#444;margin:.6em 0 0;columns:2 32em}.legend b{font-weight:600}
            details.cell{border:1px solid #ddd;border-radius:4px;margin:.3em 0;padding:.2em .5em;background:#fff}
            details.cell>summary{cursor:pointer}details.cell>summary .badge{display:inline-block;min-width:4.5em;
            font-weight:bold;padding:0 .4em;border-radius:3px;margin-right:.4em}
            .group{margin:.5em 0 .7em}.group p{margin:.2em 0}ul{margin:.2em 0;padding-left:1.3em}
            code{font-size:12px;white-space:pre-wrap;overflow-wrap:anywhere}.fix code{background:#f6f6f6;padding:0 .2em}
            details.members>summary{cursor:pointer;color:#444}
            @media print{body{margin:0;font-size:11px}.filters{display:none!important}
            .matrix{overflow:visible;max-height:none}.matrix th{position:static}
            details>*{display:block}details::details-content{content-visibility:visible;display:contents}
            details.cell{break-inside:avoid-page}a{color:inherit;text-decoration:none}}
            """;
    // static: no text from a host is ever inside the script element; it reads the escaped data-* attributes
    private static final String SCRIPT = """
            (function(){
            var filters=document.getElementById('filters'),search=document.getElementById('host-search');
            var boxes=filters.querySelectorAll('input[type=checkbox]');filters.hidden=false;
            function any(el,on){return el.getAttribute('data-status').split(' ').some(function(s){return on[s];});}
            function apply(){var on={},term=search.value.trim().toLowerCase();
            boxes.forEach(function(b){on[b.value]=b.checked;});
            document.querySelectorAll('[data-host]').forEach(function(el){
            el.hidden=!any(el,on)||el.getAttribute('data-host').toLowerCase().indexOf(term)<0;});
            document.querySelectorAll('details.cell').forEach(function(d){d.hidden=!any(d,on);});}
            boxes.forEach(function(b){b.addEventListener('change',apply);});search.addEventListener('input',apply);
            function openTarget(){var id=decodeURIComponent(location.hash.slice(1)),t=id&&document.getElementById(id);
            for(var e=t;e;e=e.parentElement){if(e.tagName==='DETAILS'){e.open=true;e.hidden=false;}}}
            window.addEventListener('hashchange',openTarget);openTarget();
            var opened=[];window.addEventListener('beforeprint',function(){document.querySelectorAll('details:not([open])')
            .forEach(function(d){d.open=true;opened.push(d);});});
            window.addEventListener('afterprint',function(){opened.forEach(function(d){d.open=false;});opened=[];});
            })();
            """;

    private HtmlReport() {
    }

    public static Path write(GateResult result, Path reportDir) throws IOException {
        return ReportFiles.write(reportDir, FILE_NAME, render(result));
    }

    public static String render(GateResult result) {
        return render(result, RunInfo.unknown());
    }

    public static String render(GateResult result, RunInfo run) {
        ResultMatrix matrix = new ResultMatrix(result.findings());
        Map<String, HostRun> runs = result.hosts().stream()
                .collect(Collectors.toMap(HostRun::host, Function.identity(), (a, b) -> a));
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>hardening report: ").append(result.verdict()).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n");
        html.append("<h1>hardening gate <span class=\"verdict ").append(result.verdict()).append("\">")
                .append(result.verdict()).append("</span></h1>\n");
        html.append("<div class=\"summary\">");
        runFacts(html, result, run, matrix);
        checkCounts(html, matrix);
        html.append("</div>\n");
        filters(html);
        matrix(html, matrix, runs);
        hostDetails(html, matrix, runs);
        if (!result.waiverNotes().isEmpty()) {
            html.append("<h2>Waivers</h2><ul>");
            result.waiverNotes().forEach(n -> html.append("<li>").append(escape(n)).append("</li>"));
            html.append("</ul>\n");
        }
        return html.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n").toString();
    }

    private static void runFacts(StringBuilder html, GateResult result, RunInfo run, ResultMatrix matrix) {
        Map<Verdict, Long> hosts = hostVerdicts(result, matrix);
        long cells = matrix.hosts().stream().mapToLong(h -> matrix.row(h).size()).sum();
        html.append("<dl class=\"run\">");
        fact(html, "hosts", matrix.hosts().size() + ": " + hosts.getOrDefault(Verdict.PASSED, 0L) + " passed, "
                + hosts.getOrDefault(Verdict.FAILED, 0L) + " failed, " + hosts.getOrDefault(Verdict.ERROR, 0L)
                + " errored");
        fact(html, "checks", cells + " check(s) on hosts: " + countsByStatus(matrix.hosts().stream()
                .flatMap(h -> matrix.row(h).values().stream()).map(CheckCell::statusOf).toList()));
        fact(html, "started", TIME.format(result.started()));
        fact(html, "run time", duration(result.durationMs()) + " (ended " + TIME.format(result.ended()) + ")");
        fact(html, "policy", run.policyPath().orElse("built-in baseline"));
        run.policySha256().ifPresent(hash -> fact(html, "policy SHA-256", hash));
        if (!run.options().isEmpty()) {
            fact(html, "options", run.options().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")));
        }
        fact(html, "tool", "hardening " + run.toolVersion());
        html.append("</dl>");
    }

    private static void fact(StringBuilder html, String name, String value) {
        html.append("<dt>").append(name).append("</dt><dd>").append(escape(value)).append("</dd>");
    }

    /** The hosts' own verdicts; for a result without host runs, what each host's cells show. */
    private static Map<Verdict, Long> hostVerdicts(GateResult result, ResultMatrix matrix) {
        if (!result.hosts().isEmpty()) {
            return result.hosts().stream().collect(Collectors.groupingBy(HostRun::verdict, Collectors.counting()));
        }
        return matrix.hosts().stream().map(h -> {
            Set<Status> statuses = matrix.row(h).values().stream().map(CheckCell::statusOf).collect(Collectors.toSet());
            return statuses.contains(Status.FAIL) ? Verdict.FAILED
                    : statuses.contains(Status.ERROR) ? Verdict.ERROR : Verdict.PASSED;
        }).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String countsByStatus(List<Status> statuses) {
        return SHOWN.stream().map(s -> statuses.stream().filter(s::equals).count() + " " + s.name()
                .toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }

    private static void checkCounts(StringBuilder html, ResultMatrix matrix) {
        html.append("<table class=\"counts\"><thead><tr><th>check</th>");
        SHOWN.forEach(s -> html.append("<th class=\"").append(s).append("\">").append(s.name().toLowerCase(Locale.ROOT))
                .append("</th>"));
        html.append("</tr></thead><tbody>");
        for (CheckId check : matrix.checks()) {
            Map<Status, Integer> counts = new EnumMap<>(Status.class);
            matrix.hosts().stream().map(h -> matrix.cell(h, check)).filter(c -> !c.isEmpty())
                    .forEach(c -> counts.merge(CheckCell.statusOf(c), 1, Integer::sum));
            html.append("<tr><th title=\"").append(escape(check.title())).append("\">").append(check.id()).append("</th>");
            SHOWN.forEach(s -> html.append("<td>").append(counts.getOrDefault(s, 0) == 0 ? "" : counts.get(s))
                    .append("</td>"));
            html.append("</tr>");
        }
        html.append("</tbody></table>");
    }

    private static void filters(StringBuilder html) {
        html.append("<div class=\"filters\" id=\"filters\" hidden><span>show</span>");
        SHOWN.forEach(s -> html.append("<label><input type=\"checkbox\" value=\"").append(s).append("\" checked> ")
                .append(s.name().toLowerCase(Locale.ROOT)).append("</label>"));
        html.append("<label>host <input type=\"search\" id=\"host-search\" placeholder=\"name contains\"></label>")
                .append("</div>\n");
    }

    private static void matrix(StringBuilder html, ResultMatrix matrix, Map<String, HostRun> runs) {
        List<CheckId> checks = matrix.checks();
        html.append("<div class=\"matrix\"><table><thead><tr><th>host</th>");
        for (CheckId check : checks) {
            String id = check.id();
            int dot = id.indexOf('.');
            html.append("<th title=\"").append(escape(id + ": " + check.title())).append("\"><span class=\"fam\">")
                    .append(id, 0, dot).append("</span><br>").append(id.substring(dot + 1)).append("</th>");
        }
        html.append("</tr></thead><tbody>\n");
        List<String> hosts = matrix.hosts();
        for (int h = 0; h < hosts.size(); h++) {
            String host = hosts.get(h);
            html.append("<tr").append(filterData(host, matrix)).append("><th title=\"").append(escape(host))
                    .append("\"><a href=\"#h").append(h).append("\">").append(escape(host)).append("</a>");
            Optional.ofNullable(runs.get(host)).filter(r -> !r.address().equals(host))
                    .ifPresent(r -> html.append(" <small>").append(escape(r.address())).append("</small>"));
            html.append("</th>");
            for (int c = 0; c < checks.size(); c++) {
                List<Finding> cell = matrix.cell(host, checks.get(c));
                if (cell.isEmpty()) {
                    html.append("<td class=\"none\">not run</td>");
                    continue;
                }
                Status status = CheckCell.statusOf(cell);
                long count = cell.stream().filter(f -> f.status() == status).count();
                html.append("<td class=\"").append(status).append("\"><a href=\"#h").append(h).append("-c").append(c)
                        .append("\">").append(status).append(count > 1 ? " \u00d7" + count : "").append("</a></td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table></div>\n<p class=\"legend\">");
        html.append(checks.stream().map(c -> "<b>" + c.id() + "</b> " + escape(c.title()))
                .collect(Collectors.joining("<br>")));
        html.append("</p>\n");
    }

    /** The escaped host name and the statuses of its cells, which the filter script reads. */
    private static String filterData(String host, ResultMatrix matrix) {
        Set<Status> statuses = new LinkedHashSet<>();
        matrix.row(host).values().forEach(cell -> statuses.add(CheckCell.statusOf(cell)));
        return " data-host=\"" + escape(host) + "\" data-status=\""
                + statuses.stream().map(Status::name).collect(Collectors.joining(" ")) + "\"";
    }

    private static void hostDetails(StringBuilder html, ResultMatrix matrix, Map<String, HostRun> runs) {
        List<CheckId> checks = matrix.checks();
        List<String> hosts = matrix.hosts();
        for (int h = 0; h < hosts.size(); h++) {
            String host = hosts.get(h);
            HostRun run = runs.get(host);
            html.append("<section class=\"host\" id=\"h").append(h).append('"').append(filterData(host, matrix))
                    .append("><h2>").append(escape(host));
            if (run != null) {
                html.append(" <small>").append(escape(run.address() + run.os().map(os -> ", " + os).orElse("") + ", "
                        + run.verdict() + " in " + duration(run.durationMs()))).append("</small>");
            }
            html.append("</h2>\n");
            // problems one by one; the passed and skipped checks folded into one line, so a host that is
            // fine takes two lines of the page, not nine
            StringBuilder passed = new StringBuilder();
            List<String> passedIds = new ArrayList<>();
            Set<Status> passedStatuses = new LinkedHashSet<>();
            for (int c = 0; c < checks.size(); c++) {
                List<Finding> cell = matrix.cell(host, checks.get(c));
                if (cell.isEmpty()) {
                    continue;
                }
                CheckCell checkCell = new CheckCell(host, checks.get(c), cell);
                boolean problem = FindingGroup.isProblem(checkCell.status());
                cellDetails(problem ? html : passed, "h" + h + "-c" + c, checkCell,
                        run == null ? null : run.checkDurationsMs().get(checks.get(c)));
                if (!problem) {
                    passedIds.add(checks.get(c).id());
                    passedStatuses.add(checkCell.status());
                }
            }
            if (!passedIds.isEmpty()) {
                html.append("<details class=\"cell\" id=\"h").append(h).append("-passed\" data-status=\"")
                        .append(passedStatuses.stream().map(Status::name).collect(Collectors.joining(" ")))
                        .append("\"><summary><span class=\"badge PASS\">")
                        .append(passedStatuses.stream().map(Status::name).collect(Collectors.joining("/")))
                        .append("</span>").append(passedIds.size()).append(" check(s): ")
                        .append(String.join(", ", passedIds)).append("</summary>\n")
                        .append(passed).append("</details>\n");
            }
            html.append("</section>\n");
        }
    }

    private static void cellDetails(StringBuilder html, String id, CheckCell cell, Long durationMs) {
        Status status = cell.status();
        List<FindingGroup> groups = cell.problems();
        html.append("<details class=\"cell\" id=\"").append(id).append("\" data-status=\"").append(status)
                .append("\"><summary><span class=\"badge ").append(status).append("\">").append(status)
                .append("</span><b>").append(cell.check().id()).append("</b> ");
        String about = groups.isEmpty() ? cell.findings().get(0).message()
                : groups.stream().map(FindingGroup::headline).collect(Collectors.joining("; "));
        html.append(escape(shorten(about)));
        if (durationMs != null) {
            html.append(" <small>").append(duration(durationMs)).append("</small>");
        }
        html.append("</summary>");
        groups.forEach(group -> group(html, group));
        cell.findings().stream().filter(f -> !FindingGroup.isProblem(f.status()))
                .forEach(f -> group(html, new FindingGroup(f.host(), f.check(), f.status(), List.of(f))));
        html.append("</details>\n");
    }

    private static void group(StringBuilder html, FindingGroup group) {
        html.append("<div class=\"group\"><p><b>").append(group.status()).append(' ')
                .append(group.severity().name().toLowerCase(Locale.ROOT)).append(":</b> ")
                .append(escape(group.headline())).append("</p>");
        evidence(html, group.sharedEvidence());
        if (!group.isSingle()) {
            html.append("<details class=\"members\"><summary>").append(group.members().size())
                    .append(" findings</summary><ul>");
            for (Finding member : group.members()) {
                html.append("<li>").append(escape(member.message()));
                evidence(html, group.ownEvidence(member));
                html.append("</li>");
            }
            html.append("</ul></details>");
        }
        group.fixes().forEach(fix -> html.append("<p class=\"fix\"><b>Fix:</b> <code>").append(escape(fix))
                .append("</code></p>"));
        html.append("</div>");
    }

    private static void evidence(StringBuilder html, List<String> lines) {
        if (!lines.isEmpty()) {
            html.append("<ul>");
            lines.forEach(e -> html.append("<li><code>").append(escape(e)).append("</code></li>"));
            html.append("</ul>");
        }
    }

    /** At most 120 characters, never cutting a surrogate pair in two. */
    private static String shorten(String text) {
        if (text.length() <= 120) {
            return text;
        }
        int cut = Character.isLowSurrogate(text.charAt(117)) ? 116 : 117;
        return text.substring(0, cut) + "...";
    }

    static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis < 60_000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0)
                : millis / 60_000 + " min " + millis % 60_000 / 1000 + " s";
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
}
