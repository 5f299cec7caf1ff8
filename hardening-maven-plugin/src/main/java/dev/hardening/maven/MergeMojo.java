package dev.hardening.maven;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.hardening.core.family.Check;
import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.GateResult;
import dev.hardening.core.gate.HostRun;
import dev.hardening.core.gate.MergedResult;
import dev.hardening.core.model.Finding;
import dev.hardening.core.report.JsonReport;
import dev.hardening.core.report.JsonResultReader;
import dev.hardening.core.report.ReportFormat;
import dev.hardening.core.report.RunInfo;

/**
 * Combines the {@code hardening.json} of several runs that gated different hosts (the shards of a CI
 * matrix, {@code -Dhardening.shard=K/N}) into one verdict, writes every report anew from the merged
 * result and fails the build as {@code hardening:verify} would have on the whole fleet.
 */
@Mojo(name = "merge", requiresProject = false, threadSafe = true)
public class MergeMojo extends ReportingMojo {
    private static final String GLOB_CHARS = "*?[{";

    /**
     * The reports to merge, comma-separated: {@code hardening.json} files, folders (every
     * {@code hardening.json} below them) or globs ({@code shards/*}{@code /hardening.json}), relative to
     * the project (or the current folder without one).
     */
    @Parameter(property = "hardening.inputs", required = true)
    private String inputs;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        List<ReportFormat> reportFormats = reportFormats();
        GateOptions options = verdictOptions();
        List<Path> files = inputFiles();
        List<Check> checks;
        try {
            checks = FamilyRegistry.discover(MergeMojo.class.getClassLoader()).checks();
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("hardening: bad check family: " + e.getMessage());
        }
        List<GateResult> parts = new ArrayList<>();
        for (Path file : files) {
            try {
                parts.add(JsonResultReader.read(file, checks.stream().map(Check::id).toList()));
            } catch (IOException e) {
                throw new MojoExecutionException("hardening: cannot merge: " + e.getMessage());
            }
        }
        GateResult merged;
        try {
            merged = MergedResult.of(parts, files.stream().map(Path::toString).toList(), options);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("hardening: cannot merge: " + e.getMessage());
        }
        long hosts = Stream.concat(merged.findings().stream().map(Finding::host), merged.hosts().stream().map(HostRun::host))
                .distinct().count();
        getLog().info("hardening: merged " + files.size() + " report(s): " + hosts + " host(s), "
                + merged.findings().size() + " result(s)");
        files.forEach(f -> getLog().info("hardening:   " + f));
        report(merged, options, reportFormats, RunInfo.of(Optional.empty(), options));
    }

    /** Every file the inputs name, once each, in path order; an input that names none is a configuration error. */
    private List<Path> inputFiles() throws MojoExecutionException {
        TreeSet<Path> files = new TreeSet<>();
        for (String input : Arrays.stream(inputs.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            List<Path> found;
            try {
                found = matching(input);
            } catch (IOException e) {
                throw new MojoExecutionException("hardening: cannot read the inputs '" + input + "': " + e.getMessage());
            }
            if (found.isEmpty()) {
                throw new MojoExecutionException(BAD_CONFIGURATION + "hardening.inputs: '" + input
                        + "' names no " + JsonReport.FILE_NAME + " (give files, folders holding them, or a glob such "
                        + "as shards/*/" + JsonReport.FILE_NAME + ", relative to " + baseDir() + ")");
            }
            files.addAll(found);
        }
        if (files.isEmpty()) {
            throw new MojoExecutionException(BAD_CONFIGURATION + "hardening.inputs names no report");
        }
        return List.copyOf(files);
    }

    private List<Path> matching(String input) throws IOException {
        int glob = firstGlobChar(input);
        if (glob < 0) {
            Path path = baseDir().resolve(input).normalize();
            if (Files.isDirectory(path)) {
                return reportsBelow(path, p -> p.getFileName().toString().equals(JsonReport.FILE_NAME));
            }
            return Files.isRegularFile(path) ? List.of(path) : List.of();
        }
        int cut = input.lastIndexOf('/', glob);
        Path root = baseDir().resolve(cut < 0 ? "" : input.substring(0, cut)).normalize();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + input.substring(cut + 1));
        return reportsBelow(root, p -> matcher.matches(root.relativize(p)));
    }

    private static List<Path> reportsBelow(Path root, PathMatcher wanted) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).filter(wanted::matches).toList();
        }
    }

    private static int firstGlobChar(String input) {
        int first = -1;
        for (char c : GLOB_CHARS.toCharArray()) {
            int at = input.indexOf(c);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }
}
