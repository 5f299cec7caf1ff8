package dev.hardening.maven;

import static org.assertj.core.api.Assertions.assertThat;

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
                    .contains("hardening gate failed")
                    .contains("web1 ssh.key-only FAIL: password authentication is enabled globally")
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
            assertThat(run.output()).containsPattern("hardening gate PASSED: \\d+ result\\(s\\), \\d+ pass, 0 fail, 0 error");
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
        assertThat(run.output()).contains(policy + ":4:5: unknown key 'prot' (did you mean 'port'?)")
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
        assertThat(run.output()).contains("hardening: " + dir.resolve("nope.yml") + ": policy file does not exist");
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
