package dev.hardening.samples.custom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/**
 * The family in a real Maven build: this jar as a dependency of the plugin, found through its
 * {@code META-INF/services} entry, the way maven-enforcer takes custom rules.
 */
@RequiresLab
class LoginBannerPluginLabTest {
    @TempDir
    Path dir;

    @Test
    void aBuildThatAddsTheJarToThePluginFailsOnTheMissingBanner() throws Exception {
        try (LabHost lab = LabHost.builder().hardened().start()) {
            writeProject(lab);

            Result run = mvn("verify");

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("BUILD FAILURE")
                    .contains("  web1  FAIL LOW  /etc/issue.net does not say \"Authorized use only\"")
                    .contains("  web1 custom.login-banner: /etc/issue.net does not say \"Authorized use only\"");
            assertThat(Files.readString(dir.resolve("target/hardening/hardening.json")))
                    .contains("\"check\" : \"custom.login-banner\"");
        }
    }

    @Test
    void theSameBuildPassesOnceTheBannerIsThere() throws Exception {
        try (LabHost lab = LabHost.builder().hardened().file("/etc/issue.net", LoginBannerLabTest.WARNING).start()) {
            writeProject(lab);

            Result run = mvn("verify");

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("cus.lb = custom.login-banner").contains("hardening gate PASSED: 10 checks on 1 host");
        }
    }

    private void writeProject(LabHost lab) throws Exception {
        String version = System.getProperty("sample.version");
        Files.writeString(dir.resolve("hardening.yml"), "hosts:\n" + lab.policyEntry("web1")
                + "checks:\n  ports: { publicAllowed: [\"22/tcp\"] }\n  loginBanner: { mustContain: \"Authorized use only\" }\n");
        Files.writeString(dir.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId>
                  <artifactId>gated-deploy</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>dev.hardening</groupId>
                        <artifactId>hardening-maven-plugin</artifactId>
                        <version>%1$s</version>
                        <configuration>
                          <policy>hardening.yml</policy>
                        </configuration>
                        <executions>
                          <execution>
                            <goals><goal>verify</goal></goals>
                          </execution>
                        </executions>
                        <dependencies>
                          <dependency>
                            <groupId>dev.hardening</groupId>
                            <artifactId>hardening-sample-custom-check</artifactId>
                            <version>%1$s</version>
                          </dependency>
                        </dependencies>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(version));
    }

    private record Result(int exitCode, String output) {
    }

    private Result mvn(String... goals) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("sample.mavenHome"), "bin",
                "mvn").toString(), "-B", "-ntp", "-Dmaven.repo.local=" + System.getProperty("sample.repo")));
        command.addAll(List.of(goals));
        Path log = dir.resolve("mvn.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("mvn did not finish within 5 minutes: " + command);
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
