package dev.hardening.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/** Real Maven builds with the verify goal: in a copied sample project, with waivers, settings.xml servers, inventories. */
@RequiresLab
class VerifyGoalLabTest {
    static final String PASSED = "hardening gate PASSED: \\d+ checks on \\d+ hosts?: \\d+ passed, 0 failed, 0 errors";
    static final String ROOT_LOGIN_WITH_KEY = "PasswordAuthentication no\nKbdInteractiveAuthentication no\n"
            + "PermitRootLogin prohibit-password\n";

    @TempDir
    Path dir;

    @Test
    void copiedSampleProjectGoesRedWithATableAndAnHtmlReportForAWeakHost() throws Exception {
        copySample("maven-gate");
        try (LabHost lab = LabHost.builder().dropIn("50-cloud-init.conf", "PasswordAuthentication yes\n").start()) {
            Path policy = writePolicy(lab, "");

            MavenRun run = MavenRun.in(dir, "verify", "-Dhardening.policy=" + policy);

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("BUILD FAILURE")
                    .containsPattern("HOST +ADDRESS +ssh\\.ko +ssh\\.rl .* RESULT")
                    .contains("  web1  FAIL HIGH  password authentication is enabled globally")
                    .contains("See the reports in " + dir.resolve("target/hardening"));
            Path html = dir.resolve("target/hardening/hardening.html");
            assertThat(html).exists();
            assertThat(Files.readString(html)).contains("<span class=\"badge FAIL\">FAIL</span><b>ssh.key-only</b>")
                    .contains("50-cloud-init.conf:1: PasswordAuthentication yes");
            assertThat(dir.resolve("target/hardening")).isDirectoryContaining("glob:**/TEST-hardening.xml")
                    .isDirectoryContaining("glob:**/hardening.sarif").isDirectoryContaining("glob:**/hardening.json");
        }
    }

    @Test
    void skipLogsOneLineAndWritesNothing() throws Exception {
        copySample("maven-gate");

        MavenRun run = MavenRun.in(dir, "verify", "-Dhardening.skip=true");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("hardening: skipped (hardening.skip=true)");
        assertThat(dir.resolve("target/hardening")).doesNotExist();
    }

    @Test
    void activeWaiverTurnsTheFailureIntoWaivedAndTheBuildPasses() throws Exception {
        try (LabHost lab = LabHost.builder().hardened().dropIn("00-hardening.conf", ROOT_LOGIN_WITH_KEY).start()) {
            Path policy = writePolicy(lab, waiver(LocalDate.now().plusDays(30)));

            MavenRun run = MavenRun.in(dir, MavenRun.pluginGoal(), "-Dhardening.policy=" + policy);

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("  web1  WAIVED HIGH  ")
                    .contains("(waived until " + LocalDate.now().plusDays(30) + ": key-based root login for backups, OPS-12)");
            assertThat(Files.readString(dir.resolve("hardening-report/hardening.json"))).contains("\"status\" : \"WAIVED\"");
        }
    }

    @Test
    void expiredWaiverNoLongerAppliesAndTheReportSaysItExpired() throws Exception {
        try (LabHost lab = LabHost.builder().hardened().dropIn("00-hardening.conf", ROOT_LOGIN_WITH_KEY).start()) {
            LocalDate yesterday = LocalDate.now().minusDays(1);
            Path policy = writePolicy(lab, waiver(yesterday));

            MavenRun run = MavenRun.in(dir, MavenRun.pluginGoal(), "-Dhardening.policy=" + policy);

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("  web1 ssh.root-login: ")
                    .contains("(waiver expired " + yesterday + ": key-based root login for backups, OPS-12)")
                    .contains("[WARNING] hardening: expired waiver: ssh.root-login on web1")
                    .containsPattern("hardening gate FAILED: .* in [0-9.]+ m?s; 1 waiver warning");
        }
    }

    @Test
    void settingsServerSuppliesUserKeyAndEncryptedPassphrase() throws Exception {
        String passphrase = "lab key passphrase 7";
        try (LabHost lab = LabHost.builder().hardened()
                .clientKey(LabHost.Builder.KeyType.ED25519, passphrase).start()) {
            Path security = dir.resolve("settings-security.xml");
            String master = encrypt("--encrypt-master-password", "master secret 1", null);
            Files.writeString(security, "<settingsSecurity><master>" + master + "</master></settingsSecurity>\n");
            String encrypted = encrypt("--encrypt-password", passphrase, security);
            Path settings = Files.writeString(dir.resolve("settings.xml"), """
                    <settings><servers><server>
                      <id>lab-web</id>
                      <username>%s</username>
                      <privateKey>%s</privateKey>
                      <passphrase>%s</passphrase>
                    </server></servers></settings>
                    """.formatted(lab.loginUser(), lab.identity(), encrypted));
            Path policy = Files.writeString(dir.resolve("policy.yml"), """
                    hosts:
                      - name: web1
                        address: %s
                        port: %d
                        server: lab-web
                        knownHosts: %s
                        sudo: true
                    checks:
                      ports: { publicAllowed: ["22/tcp"] }
                    """.formatted(lab.address(), lab.sshPort(), lab.knownHosts()));

            MavenRun run = MavenRun.in(dir, "-s", settings.toString(), "-Dsettings.security=" + security,
                    MavenRun.pluginGoal(), "-Dhardening.policy=" + policy, "-X");

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).containsPattern(PASSED)
                    .doesNotContain(passphrase).doesNotContain("master secret 1");
        }
    }

    @Test
    void unknownSettingsServerIsABuildErrorNamingTheServersThereAre() throws Exception {
        Path settings = Files.writeString(dir.resolve("settings.xml"),
                "<settings><servers><server><id>other</id></server></servers></settings>\n");
        Path policy = Files.writeString(dir.resolve("policy.yml"),
                "hosts:\n  - name: web1\n    address: 127.0.0.1\n    server: lab-web\n");

        MavenRun run = MavenRun.in(dir, "-s", settings.toString(), MavenRun.pluginGoal(), "-Dhardening.policy=" + policy);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("hardening: bad configuration: host web1 names server 'lab-web', which is not in settings.xml "
                + "(servers there: other)");
    }

    @Test
    void ansibleInventoryGroupsFromThePolicyAndFromTheGoal() throws Exception {
        try (LabHost web = LabHost.builder().hardened().start();
                LabHost db = LabHost.builder().hardened().dropIn("00-hardening.conf",
                        "PasswordAuthentication yes\nKbdInteractiveAuthentication no\nPermitRootLogin no\n").start()) {
            Files.createDirectories(dir.resolve(".ssh"));
            Files.writeString(dir.resolve(".ssh/known_hosts"),
                    Files.readString(web.knownHosts()) + Files.readString(db.knownHosts()));
            Path inventory = Files.writeString(dir.resolve("inventory.ini"), """
                    [web]
                    web1 ansible_host=%s ansible_port=%d ansible_ssh_private_key_file=%s

                    [db]
                    db1 ansible_host=%s ansible_port=%d ansible_ssh_private_key_file=%s

                    [all:vars]
                    ansible_user=deploy
                    ansible_become=true
                    """.formatted(web.address(), web.sshPort(), web.identity(), db.address(), db.sshPort(),
                    db.identity()));
            Path policy = Files.writeString(dir.resolve("policy.yml"), """
                    inventory: inventory.ini
                    group: web
                    checks:
                      ports: { publicAllowed: ["22/tcp"] }
                    """);
            // known_hosts at its default place, ~/.ssh/known_hosts, as inventory hosts name none
            String home = "-Duser.home=" + dir;

            MavenRun webOnly = MavenRun.in(dir, home, MavenRun.pluginGoal(), "-Dhardening.policy=" + policy);
            MavenRun all = MavenRun.in(dir, home, MavenRun.pluginGoal(), "-Dhardening.policy=" + policy,
                    "-Dhardening.inventory=" + inventory);

            assertThat(webOnly.exitCode()).as(webOnly.output()).isZero();
            assertThat(webOnly.output()).contains("checking 1 host(s)").containsPattern(PASSED);
            assertThat(all.exitCode()).as(all.output()).isEqualTo(1);
            assertThat(all.output()).contains("checking 2 host(s)").contains("  db1 ssh.key-only: ")
                    .doesNotContain("  web1 ssh.");
        }
    }

    @Test
    void theGoalsJumpAndSshConfigParametersReachAHostBehindABastionAndRefuseAWeakConfig() throws Exception {
        try (org.testcontainers.containers.Network network = org.testcontainers.containers.Network.newNetwork();
                LabHost bastion = LabHost.builder().hardened().dropIn("10-forwarding.conf", "AllowTcpForwarding yes\n")
                        .network(network, "bastion.lab.invalid").start();
                LabHost db = LabHost.builder().hardened().unpublished(network, "db1.lab.invalid").start()) {
            Path policy = Files.writeString(dir.resolve("policy.yml"), "hosts:\n" + bastion.policyEntry("bastion")
                    + db.policyEntry("db1") + "checks:\n  crypto: {enabled: false}\n  ports: {enabled: false}\n"
                    + "  firewall: {enabled: false}\n  packages: {enabled: false}\n");
            Path weak = Files.writeString(dir.resolve("ssh_config"), "Host db*\n  StrictHostKeyChecking accept-new\n");

            MavenRun through = MavenRun.in(dir, MavenRun.pluginGoal(), "-Dhardening.policy=" + policy,
                    "-Dhardening.jump=bastion");
            MavenRun refused = MavenRun.in(dir, MavenRun.pluginGoal(), "-Dhardening.policy=" + policy,
                    "-Dhardening.sshConfig=" + weak);

            assertThat(through.exitCode()).as(through.output()).isZero();
            assertThat(through.output()).containsPattern("hardening: \\[\\d/2] db1 ok ")
                    .containsPattern("db1 +\\S+ +PASS ").containsPattern(PASSED);
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.output()).contains("hardening: the policy is invalid: " + weak + ":2: StrictHostKeyChecking accept-new applies "
                    + "to host db1");
        }
    }

    private String waiver(LocalDate expires) {
        return """
                checks:
                  ssh: { rootLogin: "no" }
                  ports: { publicAllowed: ["22/tcp"] }
                waivers:
                  - check: ssh.root-login
                    host: web1
                    match: "PermitRootLogin without-password"
                    reason: "key-based root login for backups, OPS-12"
                    expires: %s
                """.formatted(expires);
    }

    private Path writePolicy(LabHost lab, String rest) throws Exception {
        return Files.writeString(dir.resolve("policy.yml"), "hosts:\n" + lab.policyEntry("web1") + rest);
    }

    private void copySample(String name) throws Exception {
        Path sample = Path.of("").toAbsolutePath().getParent().resolve("samples").resolve(name);
        try (Stream<Path> files = Files.walk(sample)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/target/")).toList()) {
                Path target = dir.resolve(sample.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    private String encrypt(String option, String secret, Path security) throws Exception {
        MavenRun run = security == null ? MavenRun.in(dir, option, secret)
                : MavenRun.in(dir, option, secret, "-Dsettings.security=" + security);
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("\\{[A-Za-z0-9+/=]+}").matcher(run.output());
        if (!value.find()) {
            throw new AssertionError("no encrypted value in: " + run.output());
        }
        return value.group();
    }
}
