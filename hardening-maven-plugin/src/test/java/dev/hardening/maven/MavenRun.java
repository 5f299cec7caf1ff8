package dev.hardening.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real {@code mvn} run against this plugin, installed into the integration tests' own repository. */
record MavenRun(int exitCode, String output) {
    private static final long TIMEOUT_MINUTES = 5;

    static String pluginGoal() {
        return pluginGoal("verify");
    }

    static String pluginGoal(String goal) {
        return "dev.hardening:hardening-maven-plugin:" + System.getProperty("hardening.it.pluginVersion") + ":" + goal;
    }

    static MavenRun in(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("hardening.it.mavenHome"), "bin", "mvn").toString());
        command.add("-B");
        command.add("-ntp");
        command.add("-Dmaven.repo.local=" + System.getProperty("hardening.it.repo"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "mvn", ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("mvn did not finish within " + TIMEOUT_MINUTES + " minutes: " + command);
        }
        return new MavenRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
