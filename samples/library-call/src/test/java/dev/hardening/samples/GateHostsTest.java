package dev.hardening.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateHostsTest {

    @Test
    void badPolicyIsExitStatusThreeWithTheLocationOfTheMistake(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yml"), "hosts:\n  - address: local\n    sudoo: true\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = GateHosts.run(new String[] {policy.toString()}, new PrintStream(out), new PrintStream(err));

        assertThat(status).isEqualTo(GateHosts.BAD_POLICY);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(policy + ":3:").contains("unknown key 'sudoo'")
                .contains("did you mean 'sudo'?");
        assertThat(out.size()).isZero();
    }

    @Test
    void baselineOnThisMachinePrintsTheFindingsTable() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = GateHosts.run(new String[0], new PrintStream(out), System.err);

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).containsPattern("HOST +ADDRESS +ssh\\.ko +ssh\\.rl")
                .containsPattern("\nlocal +local +(PASS|FAIL|ERROR|SKIP) ")
                .containsPattern("hardening gate (PASSED|FAILED|ERROR): \\d+ checks on 1 host: ");
        assertThat(status).isEqualTo(printed.contains("hardening gate PASSED") ? 0
                : printed.contains("hardening gate FAILED") ? 1 : 2);
    }
}
