package dev.hardening.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/** What a person sees in the Maven log: bounded, grouped, every failing check named, no host bytes acting on the terminal. */
@RequiresLab
class ConsoleOutputLabTest {
    private static final int UPDATES = 85;
    private static final String MAVEN_COLOUR_RESET = "\u001b[0m";

    @TempDir
    Path dir;

    private static String resource(String name) throws Exception {
        try (InputStream in = ConsoleOutputLabTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theDefaultGateOnAHostWithEightyFivePendingUpdatesPrintsUnderEightyLinesNamingEveryFailingCheck()
            throws Exception {
        try (LabHost lab = LabHost.builder().file("/root/security-updates.sh", resource("security-updates.sh"))
                .setup("sh /root/security-updates.sh " + UPDATES + " > /dev/null").start()) {
            Path policy = Files.writeString(dir.resolve("policy.yml"), "hosts:\n" + lab.policyEntry("web1"));

            MavenRun run = MavenRun.in(dir, MavenRun.pluginGoal(), "-Dhardening.policy=" + policy);
            MavenRun verbose = MavenRun.in(dir, MavenRun.pluginGoal(), "-Dhardening.policy=" + policy,
                    "-Dhardening.verbose=true");

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output().lines().count()).as(run.output()).isLessThan(80);
            Set<String> failing = failingChecks(dir.resolve("hardening-report/hardening.json"));
            assertThat(failing).contains("web1 packages.up-to-date").hasSizeGreaterThan(2);
            String failure = run.output().substring(run.output().indexOf("hardening gate FAILED: "));
            failing.forEach(cell -> assertThat(failure).as(run.output()).contains("  " + cell + ": "));
            assertThat(failure).contains("web1 packages.up-to-date: " + UPDATES + " updates pending");
            assertThat(run.output()).contains("  web1  FAIL HIGH  " + UPDATES + " updates pending: labpkg001 1.0 -> 1.1, ")
                    .contains("and " + (UPDATES - 10) + " more")
                    .contains("fix: run `apt-get update && apt-get install --only-upgrade labpkg001 labpkg002 ")
                    .containsPattern("HOST +ADDRESS +ssh\\.ko +ssh\\.rl .* RESULT")
                    .containsPattern("hardening gate FAILED: \\d+ checks on 1 host: \\d+ passed, \\d+ failed");
            assertThat(verbose.output().lines().filter(l -> l.contains("    evidence: Inst labpkg"))).hasSize(UPDATES);
            assertThat(verbose.output()).contains("--only-upgrade labpkg001 labpkg002 labpkg003")
                    .contains("labpkg084 labpkg085");
        }
    }

    @Test
    void processNamesWithEscapeSequencesBellsNewlinesAndBadUtf8ReachTheLogOnlyAsVisibleText() throws Exception {
        // two listeners on public addresses, named (15 bytes at most) with an OSC title sequence, a BEL, a
        // newline and an invalid UTF-8 byte, and with markup, a CDATA end and a C1 CSI in UTF-8
        String listener = "setsid python3 -c 'import socket, sys, time; s = socket.socket(); "
                + "s.bind((\"0.0.0.0\", int(sys.argv[1]))); s.listen(); "
                + "open(\"/proc/self/comm\", \"wb\").write(bytes.fromhex(sys.argv[2])); time.sleep(3600)' %d %s "
                + "> /dev/null 2>&1 < /dev/null &";
        try (LabHost lab = LabHost.builder()
                .setup(listener.formatted(8081, hex("\u001b]0;pwn\u0007\n".getBytes(StandardCharsets.UTF_8), 0xff)))
                .setup(listener.formatted(8082, hex("</script>]]>\u009b".getBytes(StandardCharsets.UTF_8))))
                .start()) {
            Path policy = Files.writeString(dir.resolve("policy.yml"), "hosts:\n" + lab.policyEntry("web1"));

            MavenRun run = MavenRun.in(dir, MavenRun.pluginGoal(), "-Dhardening.policy=" + policy, "-Dhardening.checks=ports.*");
            MavenRun verbose = MavenRun.in(dir, MavenRun.pluginGoal(), "-Dhardening.policy=" + policy,
                    "-Dhardening.checks=ports.*", "-X");

            for (MavenRun r : new MavenRun[] {run, verbose}) {
                assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
                // Debian's Maven 3.8 writes a colour reset of its own at the start and the end, even in batch mode
                String output = r.output().replace(MAVEN_COLOUR_RESET, "");
                assertThat(output).doesNotContain("\u001b", "\u0007", "\u009b");
                // the bounded output shows one listener's fix at least; the verbose one every finding
                assertThat(output).containsAnyOf("\\x1b]0;pwn\\x07\\n", "</script>]]>\\u009b");
                if (r == verbose) {
                    assertThat(output).contains("\\x1b]0;pwn\\x07\\n", "</script>]]>\\u009b");
                }
                assertThat(output.chars()).noneMatch(c -> c < 0x20 && c != '\n' && c != '\t' || c == 0x7f);
                assertThat(output.lines()).noneMatch(l -> l.startsWith("pwn") || l.startsWith("\ufffd"));
            }
        }
    }

    private static String hex(byte[] bytes, int... more) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02x", b & 0xff));
        }
        for (int b : more) {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }

    /** {@code host check} of every cell the JSON report has a FAIL or ERROR in. */
    private static Set<String> failingChecks(Path json) throws Exception {
        Set<String> cells = new LinkedHashSet<>();
        for (JsonNode result : new ObjectMapper().readTree(json.toFile()).get("results")) {
            String status = result.get("status").asText();
            if (status.equals("FAIL") || status.equals("ERROR")) {
                cells.add(result.get("host").asText() + " " + result.get("check").asText());
            }
        }
        return cells;
    }
}
