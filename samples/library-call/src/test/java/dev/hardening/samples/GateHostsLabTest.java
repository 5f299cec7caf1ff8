package dev.hardening.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/** The sample's exit status is the gate's verdict: 0, 1 or 2 on real hosts. */
@RequiresLab
class GateHostsLabTest {
    private static final String ALLOW_SSH = "checks:\n  ports: { publicAllowed: [\"22/tcp\"] }\n";

    @TempDir
    Path dir;

    private int gate(String policyText, ByteArrayOutputStream out) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yml"), policyText);
        return GateHosts.run(new String[] {policy.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
    }

    @Test
    void aHardenedHostIsZeroAWeakOneIsOneAndAnUnreachableOneIsTwo() throws Exception {
        try (LabHost hardened = LabHost.builder().hardened().start();
                LabHost weak = LabHost.builder().hardened().dropIn("00-hardening.conf",
                        "PasswordAuthentication yes\nKbdInteractiveAuthentication no\nPermitRootLogin no\n")
                        .start();
                ServerSocket closed = new ServerSocket(0)) {
            int nothingListens = closed.getLocalPort();
            closed.close();
            String unreachable = hardened.policyEntry("gone").replace("port: " + hardened.sshPort(), "port: " + nothingListens);
            ByteArrayOutputStream passed = new ByteArrayOutputStream();
            ByteArrayOutputStream failed = new ByteArrayOutputStream();
            ByteArrayOutputStream error = new ByteArrayOutputStream();

            assertThat(gate("hosts:\n" + hardened.policyEntry("web1") + ALLOW_SSH, passed)).as(passed.toString())
                    .isZero();
            assertThat(gate("hosts:\n" + weak.policyEntry("web2") + ALLOW_SSH, failed)).as(failed.toString())
                    .isEqualTo(1);
            assertThat(gate("hosts:\n" + unreachable + ALLOW_SSH, error)).as(error.toString()).isEqualTo(2);
            assertThat(passed.toString(StandardCharsets.UTF_8)).contains("hardening gate PASSED: ");
            assertThat(failed.toString(StandardCharsets.UTF_8)).contains("hardening gate FAILED: ")
                    .contains("  web2  FAIL HIGH  password authentication is enabled globally");
            assertThat(error.toString(StandardCharsets.UTF_8)).contains("hardening gate ERROR: ")
                    .contains("host.connection");
        }
    }
}
