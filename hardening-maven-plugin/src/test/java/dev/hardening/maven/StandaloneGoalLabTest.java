package dev.hardening.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/** {@code mvn dev.hardening:hardening-maven-plugin:VERSION:verify -Dhardening.policy=FILE}, without a project. */
@RequiresLab
class StandaloneGoalLabTest {

    @TempDir
    Path dir;

    @Test
    void passwordAuthenticationFailsTheBuildNamingHostCheckAndLine() throws Exception {
        try (LabHost lab = LabHost.builder().dropIn("50-cloud-init.conf", "PasswordAuthentication yes\n")
                .dropIn("60-hardening.conf", "KbdInteractiveAuthentication no\nPermitRootLogin no\n").start()) {
            Path policy = Files.writeString(dir.resolve("policy.yml"), "hosts:\n" + lab.policyEntry("web1"));

            MavenRun run = MavenRun.in(dir, MavenRun.pluginGoal(), "-Dhardening.policy=" + policy);

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output())
                    .containsPattern("\\[ERROR] Failed to execute goal .*:verify \\(default-cli\\) on project "
                            + "standalone-pom: hardening gate FAILED: \\d+ checks? on 1 host did not pass")
                    .contains("  web1 ssh.key-only: 3 problems: password authentication is enabled globally, and 2 more")
                    .contains("evidence: sshd -T -C user=deploy")
                    .contains("/etc/ssh/sshd_config.d/50-cloud-init.conf:1: PasswordAuthentication yes")
                    .contains("fix: change /etc/ssh/sshd_config.d/50-cloud-init.conf line 1 to `PasswordAuthentication no`")
                    .doesNotContainPattern("\\n\\s+at [a-z]");
            Path report = dir.resolve("hardening-report/hardening.json");
            assertThat(report).exists();
            assertThat(Files.readString(report)).contains("\"passed\" : false").contains("50-cloud-init.conf:1");
        }
    }

    @Test
    void hardenedHostPassesTheBuild() throws Exception {
        try (LabHost lab = LabHost.builder().hardened().start()) {
            Path policy = Files.writeString(dir.resolve("policy.yml"), "hosts:\n" + lab.policyEntry("web1")
                    + "checks:\n  ports: { publicAllowed: [\"22/tcp\"] }\n");

            MavenRun run = MavenRun.in(dir, MavenRun.pluginGoal(), "-Dhardening.policy=" + policy);

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).containsPattern(VerifyGoalLabTest.PASSED);
        }
    }

    @Test
    void policyErrorIsABuildErrorNamingFileLineAndColumn() throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yml"), """
                hosts:
                  - name: web1
                    address: 127.0.0.1
                    prot: 22
                """);

        MavenRun run = MavenRun.in(dir, MavenRun.pluginGoal(), "-Dhardening.policy=" + policy);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("on project standalone-pom: hardening: the policy is invalid: " + policy
                + ":4:5: unknown key 'prot' (did you mean 'port'?)")
                .doesNotContain("UnrecognizedPropertyException");
    }

    @Test
    void unreadableKeyFileIsABuildErrorBeforeAnyHostIsContacted() throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yml"), """
                hosts:
                  - name: web1
                    address: 127.0.0.1
                    identity: keys/missing_ed25519
                """);

        MavenRun run = MavenRun.in(dir, MavenRun.pluginGoal(), "-Dhardening.policy=" + policy);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("hardening: bad configuration:")
                .contains("host web1: identity file " + dir.resolve("keys/missing_ed25519")
                        + " does not exist or is not readable")
                .contains("MojoExecutionException").doesNotContain("checking 1 host(s)");
    }

    @Test
    void missingPolicyFileIsABuildError() throws Exception {
        MavenRun run = MavenRun.in(dir, MavenRun.pluginGoal(), "-Dhardening.policy=" + dir.resolve("nope.yml"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("hardening: the policy is invalid: " + dir.resolve("nope.yml")
                + ": policy file does not exist");
    }

    @Test
    void anUnreachableHostIsAGateErrorWithAFirstLineOfItsOwn() throws Exception {
        try (LabHost lab = LabHost.builder().hardened().start(); ServerSocket closed = new ServerSocket(0)) {
            int nothingListens = closed.getLocalPort();
            closed.close();
            Path policy = Files.writeString(dir.resolve("policy.yml"), "hosts:\n"
                    + lab.policyEntry("web1").replace("port: " + lab.sshPort(), "port: " + nothingListens));

            MavenRun run = MavenRun.in(dir, MavenRun.pluginGoal(), "-Dhardening.policy=" + policy);

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).containsPattern("on project standalone-pom: hardening gate ERROR: \\d+ checks? on "
                    + "1 host could not be decided \\(an ERROR fails the gate unless failOnError is false\\)")
                    .contains("  web1 host.connection: ERROR: ").doesNotContain("hardening gate FAILED");
        }
    }

    @Test
    void withThePluginGroupInSettingsThePrefixWorksOutsideAProject() throws Exception {
        // the README's settings.xml: the one line that makes `mvn hardening:help` and `mvn hardening:verify` work
        Path settings = Files.writeString(dir.resolve("settings.xml"),
                "<settings><pluginGroups><pluginGroup>dev.hardening</pluginGroup></pluginGroups></settings>\n");
        // Maven finds a prefix in the group's metadata, which a repository serving the plugin has and Maven 3.9's
        // install writes; Maven 3.8 with maven-install-plugin 3 does not (MNG-7055), so the tests' repository gets
        // the file such a repository holds
        Files.writeString(Path.of(System.getProperty("hardening.it.repo"), "dev/hardening/maven-metadata-local.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <metadata><plugins><plugin><name>hardening-maven-plugin</name><prefix>hardening</prefix>
                <artifactId>hardening-maven-plugin</artifactId></plugin></plugins></metadata>
                """);

        MavenRun without = MavenRun.in(dir, "-o", "hardening:help");
        MavenRun help = MavenRun.in(dir, "-o", "-s", settings.toString(), "hardening:help");

        assertThat(without.exitCode()).isEqualTo(1);
        assertThat(without.output()).contains("No plugin found for prefix 'hardening'");
        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.output()).contains("hardening:verify").contains("hardening:help");
    }

    @Test
    void helpGoalDescribesTheVerifyGoalAndItsProperties() throws Exception {
        MavenRun run = MavenRun.in(dir, MavenRun.pluginGoal().replace(":verify", ":help"), "-Ddetail", "-Dgoal=verify");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("hardening:verify")
                .contains("User property: hardening.policy")
                .contains("User property: hardening.failOn")
                .contains("User property: hardening.inventory")
                .contains("User property: hardening.formats");
    }
}
