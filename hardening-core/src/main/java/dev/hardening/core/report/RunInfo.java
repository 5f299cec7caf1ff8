package dev.hardening.core.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

import dev.hardening.core.gate.GateOptions;

/**
 * What a report says about the run besides its findings: which tool version ran, which policy file (and
 * its SHA-256, so a reader can tell whether the file changed since) and with which gate options.
 *
 * @param toolVersion the hardening version, from the build's {@code tool.properties}
 * @param policyPath the policy file as the user named it; empty for the built-in baseline
 * @param policySha256 the policy file's SHA-256 in hex; empty when there is none or it cannot be read
 * @param options the gate options that decide the verdict, by name ({@code failOn: LOW}), in a stable order
 */
public record RunInfo(String toolVersion, Optional<String> policyPath, Optional<String> policySha256,
        Map<String, String> options) {
    private static final String VERSION = readVersion();

    public RunInfo {
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(policyPath, "policyPath");
        Objects.requireNonNull(policySha256, "policySha256");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** What writers called without run information know: the tool version only. */
    public static RunInfo unknown() {
        return new RunInfo(currentVersion(), Optional.empty(), Optional.empty(), Map.of());
    }

    /** The run of the policy read from {@code policyFile} (empty: the baseline) under {@code options}. */
    public static RunInfo of(Optional<String> policyFile, GateOptions options) {
        return new RunInfo(currentVersion(), policyFile, policyFile.flatMap(RunInfo::sha256), summary(options));
    }

    /** The version of this library as its build wrote it, {@code development} when run from unfiltered sources. */
    public static String currentVersion() {
        return VERSION;
    }

    static Map<String, String> summary(GateOptions options) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("failOn", options.failOn().name());
        out.put("failOnError", String.valueOf(options.failOnError()));
        out.put("parallelism", String.valueOf(options.parallelism()));
        out.put("connectTimeout", options.timeouts().connect().toString());
        out.put("commandTimeout", options.timeouts().command().toString());
        out.put("hostTimeout", options.timeouts().host().toString());
        return out;
    }

    private static Optional<String> sha256(String file) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(Path.of(file)));
            return Optional.of(HexFormat.of().formatHex(digest));
        } catch (IOException | RuntimeException e) {
            // a policy that was read a moment ago and is gone now: the report says so by omitting the hash
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String readVersion() {
        try (InputStream in = RunInfo.class.getResourceAsStream("tool.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            String version = properties.getProperty("version", "");
            return version.isBlank() || version.startsWith("${") ? "development" : version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tool version from the library's own jar", e);
        }
    }
}
