package dev.hardening.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.GateResult;
import dev.hardening.core.model.Severity;
import dev.hardening.core.report.ConsoleReport;
import dev.hardening.core.report.ReportFormat;
import dev.hardening.core.report.RunInfo;

/**
 * What {@code hardening:verify} and {@code hardening:merge} share: the verdict's thresholds, where and
 * which reports are written, and how a result is printed and fails the build, so a merged result of
 * several shards reads and fails exactly like one run over the whole fleet.
 */
abstract class ReportingMojo extends AbstractMojo {
    /**
     * The first words of every error in the goal's own configuration (a BUILD ERROR before any host is
     * contacted), distinct from {@code hardening gate FAILED} and {@code hardening gate ERROR}, which are
     * verdicts on the hosts: both are a "BUILD FAILURE" in Maven 3's output, so the message tells them apart.
     */
    static final String BAD_CONFIGURATION = "hardening: bad configuration: ";

    /** Where the reports go; default {@code target/hardening}, or {@code ./hardening-report} without a project. */
    @Parameter(property = "hardening.reportDir")
    private File reportDir;

    /** The least severity of a failure that fails the build: CRITICAL, HIGH, MEDIUM or LOW. */
    @Parameter(property = "hardening.failOn", defaultValue = "LOW")
    private String failOn;

    /** Whether a check that could not determine its answer (ERROR) fails the build. */
    @Parameter(property = "hardening.failOnError", defaultValue = "true")
    private boolean failOnError;

    /** Skips the goal. */
    @Parameter(property = "hardening.skip", defaultValue = "false")
    private boolean skip;

    /** The reports to write: a comma-separated list of json, junit, sarif, html, or all. */
    @Parameter(property = "hardening.formats", defaultValue = "all")
    private String formats;

    /**
     * Prints every finding in full (each evidence line, each fix) after the grouped summary; Maven's
     * {@code -X} does the same. Without it a check's findings of one kind are one headline and one fix.
     */
    @Parameter(property = "hardening.verbose", defaultValue = "false")
    private boolean verbose;

    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("hardening: skipped (hardening.skip=true)");
            return;
        }
        run();
    }

    /** The goal's own work, unless skipped. */
    abstract void run() throws MojoExecutionException, MojoFailureException;

    /** The thresholds the verdict is decided with. */
    GateOptions verdictOptions() throws MojoExecutionException {
        try {
            return GateOptions.DEFAULT.withFailOn(Severity.parse(failOn)).withFailOnError(failOnError);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(BAD_CONFIGURATION + e.getMessage());
        }
    }

    List<ReportFormat> reportFormats() throws MojoExecutionException {
        try {
            return ReportFormat.parseList(formats);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(BAD_CONFIGURATION + "formats: " + e.getMessage());
        }
    }

    /**
     * Prints the result (the summary table, the grouped problems, waiver notes as warnings), writes the
     * reports and fails the build when the verdict is not PASSED, listing what blocks it.
     */
    void report(GateResult result, GateOptions options, List<ReportFormat> reportFormats, RunInfo run)
            throws MojoExecutionException, MojoFailureException {
        for (ConsoleReport.Line line : ConsoleReport.lines(result, verbose || getLog().isDebugEnabled())) {
            if (line.level() == ConsoleReport.Level.WARNING) {
                getLog().warn("hardening: " + line.text());
            } else {
                getLog().info(line.text());
            }
        }
        Path dir = reportDir != null ? resolve(reportDir).toPath() : defaultReportDir();
        String reports;
        try {
            reports = ReportFormat.writeAll(result, dir, reportFormats, run).stream()
                    .map(p -> p.getFileName().toString()).collect(Collectors.joining(", "));
        } catch (IOException e) {
            throw new MojoExecutionException("hardening: cannot write the report to " + dir + ": " + e.getMessage(), e);
        }
        getLog().info("hardening: reports in " + dir + ": " + reports);
        if (!result.passed()) {
            throw new MojoFailureException(String.join("\n", ConsoleReport.verdictLines(result, options))
                    + "\nSee the reports in " + dir + " for evidence and fixes: " + reports + ".");
        }
    }

    boolean hasProject() {
        return project != null && project.getFile() != null;
    }

    /** The project's folder, or the current one without a project. */
    Path baseDir() {
        return hasProject() ? project.getBasedir().toPath() : Path.of("").toAbsolutePath();
    }

    /** A file of the configuration, relative to the project (or the current folder without one). */
    File resolve(File file) {
        return file.isAbsolute() ? file : baseDir().resolve(file.getPath()).toAbsolutePath().toFile();
    }

    private Path defaultReportDir() {
        return hasProject() ? Path.of(project.getBuild().getDirectory(), "hardening")
                : Path.of("hardening-report").toAbsolutePath();
    }
}
