package dev.hardening.samples.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/**
 * The fleet project of {@code project/}, copied as a user copies it, gated by a real {@code mvn verify}:
 * three lab hosts stand in for web1, db1 and bastion1 through {@code host_vars/} files (which beat the
 * inventory's addresses, as in Ansible), and the per-group {@code publicAllowed} decides the same public
 * 443 differently on a web host and on a database host.
 */
@RequiresLab
class FleetPluginLabTest {
    /** A web server stand-in: listens on every address on 443 and waits. */
    private static final String WEB_SERVER = "#!/usr/bin/python3\n"
            + "import socket, time\n"
            + "s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
            + "s.bind(('0.0.0.0', 443)); s.listen(); time.sleep(1e6)\n";
    private static final String START_WEB_SERVER = "chmod 755 /usr/local/bin/httpd; (cd / && exec httpd >/dev/null 2>&1 &)";

    @TempDir
    Path dir;

    @Test
    void aPublic443PassesOnTheWebHostAndFailsOnTheDatabaseHostNamingEachGroup() throws Exception {
        try (LabHost web = serving443(); LabHost db = serving443(); LabHost bastion = LabHost.builder().hardened().start()) {
            copyProject();
            standIn("web1", web);
            standIn("db1", db);
            standIn("bastion1", bastion);
            Files.writeString(dir.resolve("known_hosts"), Files.readString(web.knownHosts())
                    + Files.readString(db.knownHosts()) + Files.readString(bastion.knownHosts()));

            Run run = mvn("verify");

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("checking 3 host(s)", "BUILD FAILURE")
                    .containsPattern("web1 +ports.private-only +PASS")
                    .containsPattern("db1 +ports.private-only +FAIL +HIGH +443/tcp is reachable from outside")
                    .containsPattern("bastion1 +ports.private-only +PASS")
                    .containsPattern("web1 +ssh.key-only +PASS")
                    .doesNotContainPattern("(web1|bastion1) +\\S+ +(FAIL|ERROR)")
                    .contains("checks.ports.publicAllowed from group db (" + dir.resolve("hardening.yml") + ":12:16)");
            JsonNode report = new ObjectMapper().readTree(dir.resolve("target/hardening/hardening.json").toFile());
            assertThat(evidenceOf(report, "web1")).contains("checks.ports.publicAllowed from group web ("
                    + dir.resolve("hardening.yml") + ":8:16)");
            assertThat(evidenceOf(report, "db1")).contains("checks.ports.publicAllowed from group db ("
                    + dir.resolve("hardening.yml") + ":12:16)");
            assertThat(evidenceOf(report, "bastion1")).anyMatch(e -> e.startsWith("checks.ports.publicAllowed from group bastion ("));
        }
    }

    private static LabHost serving443() {
        return LabHost.builder().hardened().file("/usr/local/bin/httpd", WEB_SERVER).setup(START_WEB_SERVER).start();
    }

    /** The evidence lines of the host's ports.private-only results in hardening.json. */
    private static List<String> evidenceOf(JsonNode report, String host) {
        List<String> evidence = new ArrayList<>();
        for (JsonNode result : report.get("results")) {
            if (result.get("host").asText().equals(host) && result.get("check").asText().equals("ports.private-only")) {
                result.get("evidence").forEach(line -> evidence.add(line.asText()));
            }
        }
        assertThat(evidence).as("ports.private-only evidence of " + host).isNotEmpty();
        return evidence;
    }

    /** The lab host answers for {@code name}: host_vars beat the inventory's placeholder address. */
    private void standIn(String name, LabHost lab) throws IOException {
        Path vars = Files.createDirectories(dir.resolve("host_vars")).resolve(name + ".yml");
        Files.writeString(vars, "ansible_host: " + lab.address() + "\nansible_port: " + lab.sshPort()
                + "\nansible_ssh_private_key_file: " + lab.identity() + "\n");
    }

    private void copyProject() throws IOException {
        Path project = Path.of("project").toAbsolutePath();
        try (Stream<Path> files = Files.walk(project)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/target/")).toList()) {
                Path target = dir.resolve(project.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        assertThat(dir.resolve("pom.xml")).as("the project runs the plugin this build made")
                .content().contains("<version>" + System.getProperty("fleet.pluginVersion") + "</version>");
    }

    private record Run(int exitCode, String output) {
    }

    private Run mvn(String... goals) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("fleet.mavenHome"), "bin", "mvn")
                .toString(), "-B", "-ntp", "-Dmaven.repo.local=" + System.getProperty("fleet.repo")));
        command.addAll(List.of(goals));
        Path log = dir.resolve("mvn.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("mvn did not finish within 5 minutes: " + command);
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
