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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Network;

import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/**
 * The fleet project of {@code project/}, copied as a user copies it, gated by a real {@code mvn verify}:
 * three lab hosts stand in for web1, db1 and bastion1 through {@code host_vars/} files (which beat the
 * inventory's addresses, as in Ansible), and the per-group {@code publicAllowed} decides the same public
 * 443 differently on a web host and on a database host. web1 and db1 are on a Docker network of the
 * test's own with no port published, so only bastion1 (on it too, its SSH port published) reaches them,
 * as the groups' {@code jump: bastion1} says.
 */
@RequiresLab
class FleetPluginLabTest {
    /** A web server stand-in: listens on every address on 443 and waits. */
    private static final String WEB_SERVER = "#!/usr/bin/python3\n"
            + "import socket, time\n"
            + "s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
            + "s.bind(('0.0.0.0', 443)); s.listen(); time.sleep(1e6)\n";
    private static final String START_WEB_SERVER = "chmod 755 /usr/local/bin/httpd; (cd / && exec httpd >/dev/null 2>&1 &)";
    /** Opens the direct-tcpip channels the gate reaches web1 and db1 through. */
    private static final String FORWARDING = "AllowTcpForwarding yes\n";
    private static final Pattern ACCEPTED = Pattern.compile("Accepted publickey for deploy from (\\S+) port");

    @TempDir
    Path dir;

    @Test
    void aPublic443PassesOnTheWebHostAndFailsOnTheDatabaseHostNamingEachGroup() throws Exception {
        try (Network network = Network.newNetwork();
                LabHost bastion = LabHost.builder().hardened().dropIn("10-forwarding.conf", FORWARDING)
                        .network(network, "bastion1.fleet.invalid").start();
                LabHost web = serving443(network, "web1.fleet.invalid");
                LabHost db = serving443(network, "db1.fleet.invalid")) {
            copyProject();
            standIn("web1", web);
            standIn("db1", db);
            standIn("bastion1", bastion);
            Files.writeString(dir.resolve("known_hosts"), Files.readString(web.knownHosts())
                    + Files.readString(db.knownHosts()) + Files.readString(bastion.knownHosts()));

            Run run = mvn("verify");

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("checking 3 host(s)", "BUILD FAILURE")
                    // the summary table: ssh.key-only, ssh.root-login, ssh.crypto, ports.private-only, firewall first
                    .containsPattern("web1 +web1\\.fleet\\.invalid +PASS +PASS +PASS +PASS +PASS ")
                    .containsPattern("db1 +db1\\.fleet\\.invalid +PASS +PASS +PASS +FAIL +PASS ")
                    .containsPattern("bastion1 +\\S+ +PASS +PASS +PASS +PASS +PASS ")
                    .containsPattern("ports.private-only .*: FAIL on db1\\R.*db1 +FAIL +HIGH +443/tcp is reachable from outside")
                    .doesNotContainPattern("(web1|bastion1) +\\S+ .*(FAIL|ERROR)");
            JsonNode report = new ObjectMapper().readTree(dir.resolve("target/hardening/hardening.json").toFile());
            assertThat(evidenceOf(report, "web1")).contains("checks.ports.publicAllowed from group web ("
                    + dir.resolve("hardening.yml") + ":9:16)");
            assertThat(evidenceOf(report, "db1")).contains("checks.ports.publicAllowed from group db ("
                    + dir.resolve("hardening.yml") + ":14:16)");
            assertThat(evidenceOf(report, "bastion1")).anyMatch(e -> e.startsWith("checks.ports.publicAllowed from group bastion ("));
            // web1 and db1 were logged in to and judged, their sshd's wire read through a port forwarded by bastion1
            for (String behind : List.of("web1", "db1")) {
                assertThat(statusesOf(report, behind, "ssh.key-only")).as(behind).containsExactly("PASS");
                assertThat(statusesOf(report, behind, "ssh.root-login")).as(behind).containsExactly("PASS");
                assertThat(statusesOf(report, behind, "ssh.crypto")).as(behind).containsExactly("PASS");
                assertThat(evidenceOf(report, behind, "ssh.crypto")).as(behind)
                        .anyMatch(e -> e.contains("wire " + behind + ".fleet.invalid:22 through the bastion"));
            }
            assertThat(statusesOf(report, "bastion1", "ssh.crypto")).containsExactly("PASS");
            // web1 and db1 saw the gate come from bastion1's address on the network: it reached them through it
            String bastionOnNetwork = addressOn(network, bastion);
            assertThat(loginsFrom(web.sshdLog())).containsExactly(bastionOnNetwork);
            assertThat(loginsFrom(db.sshdLog())).containsExactly(bastionOnNetwork);
            // one login for checking bastion1 itself, one for the connection web1 and db1 shared
            assertThat(loginsFrom(bastion.sshdLog())).hasSize(2);
        }
    }

    /** A host behind the bastion: on {@code network} only, as {@code alias}, serving 443. */
    private static LabHost serving443(Network network, String alias) {
        return LabHost.builder().hardened().file("/usr/local/bin/httpd", WEB_SERVER).setup(START_WEB_SERVER)
                .unpublished(network, alias).start();
    }

    /** The statuses of the host's findings of {@code check} in hardening.json. */
    private static List<String> statusesOf(JsonNode report, String host, String check) {
        List<String> statuses = new ArrayList<>();
        for (JsonNode result : report.get("results")) {
            if (result.get("host").asText().equals(host) && result.get("check").asText().equals(check)) {
                statuses.add(result.get("status").asText());
            }
        }
        return statuses;
    }

    /** The source address of each public key login sshd logged. */
    private static List<String> loginsFrom(String sshdLog) {
        List<String> sources = new ArrayList<>();
        Matcher login = ACCEPTED.matcher(sshdLog);
        while (login.find()) {
            sources.add(login.group(1));
        }
        return sources;
    }

    private static String addressOn(Network network, LabHost lab) {
        return lab.container().getContainerInfo().getNetworkSettings().getNetworks().values().stream()
                .filter(n -> network.getId().equals(n.getNetworkID())).findFirst().orElseThrow().getIpAddress();
    }

    /** The evidence lines of the host's ports.private-only results in hardening.json. */
    private static List<String> evidenceOf(JsonNode report, String host) {
        return evidenceOf(report, host, "ports.private-only");
    }

    private static List<String> evidenceOf(JsonNode report, String host, String check) {
        List<String> evidence = new ArrayList<>();
        for (JsonNode result : report.get("results")) {
            if (result.get("host").asText().equals(host) && result.get("check").asText().equals(check)) {
                result.get("evidence").forEach(line -> evidence.add(line.asText()));
            }
        }
        assertThat(evidence).as(check + " evidence of " + host).isNotEmpty();
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
