package dev.hardening.samples.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/**
 * Runs {@link WebServersInfraTest} the way a user does, with {@code hardening.policy} naming a policy
 * of lab hosts: it passes against a hardened host and fails with the findings against a weak one.
 */
@RequiresLab
class WebServersLabTest {
    @TempDir
    Path dir;

    @Test
    void theInfraTestsPassAgainstAHardenedHostWithOneLoginForTheClass() throws Exception {
        try (LabHost web1 = LabHost.builder().hardened().start()) {
            Events tests = runInfraTests(web1);

            assertThat(tests.failed().count()).isZero();
            assertThat(tests.succeeded().count()).as("two tests and the matrix's nine checks").isEqualTo(11);
            // one session for the class's tests, one for the matrix, which runs the gate itself
            assertThat(web1.sshdLog().split("Accepted publickey for", -1).length - 1).isEqualTo(2);
        }
    }

    @Test
    void theInfraTestsFailAgainstAWeakHostWithTheFindings() throws Exception {
        // hardened but for SSH: no hardening drop-in, and a cloud-init one that turns passwords on
        try (LabHost web1 = LabHost.builder().hardened().dropIn("00-hardening.conf", "")
                .dropIn("50-cloud-init.conf", "PasswordAuthentication yes\n").start()) {
            Events tests = runInfraTests(web1);

            assertThat(tests.failed().count()).as("the two SSH tests and the matrix's two SSH checks").isEqualTo(4);
            tests.assertThatEvents()
                    .haveExactly(1, event(test(displayName("sshLetsNobodyInWithAPasswordAndRootNotAtAll(Host)")),
                            finishedWithFailure(message(m -> m.startsWith("\nExpecting host web1 to pass ssh.key-only "
                                    + "(SSH accepts keys only: no password or keyboard-interactive login), but:\n"
                                    + "  FAIL (HIGH) password authentication is enabled globally\n")
                                    && m.contains("/etc/ssh/sshd_config.d/50-cloud-init.conf:1: PasswordAuthentication yes")
                                    && m.contains("fix: change /etc/ssh/sshd_config.d/50-cloud-init.conf line 1 to "
                                            + "`PasswordAuthentication no`")))))
                    .haveExactly(1, event(test(displayName("everySshProblemOfTheHostIsReportedAtOnce(HostCheck)")),
                            finishedWithFailure(message(m -> m.contains("Multiple Failures (2 failures)")
                                    && m.contains("to pass ssh.key-only") && m.contains("to pass ssh.root-login")))))
                    .haveExactly(1, event(test(displayName("web1 ssh.key-only")), finishedWithFailure()))
                    .haveExactly(1, event(test(displayName("web1 ssh.root-login")), finishedWithFailure(message(m -> m
                            .contains("(PermitRootLogin without-password), but the policy requires rootLogin: no")))));
        }
    }

    private Events runInfraTests(LabHost web1) throws Exception {
        Path policy = Files.writeString(dir.resolve("hardening.yml"), "hosts:\n" + web1.policyEntry("web1")
                + "checks:\n  ports: { publicAllowed: [\"22/tcp\"] }\n");
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(WebServersInfraTest.class))
                .configurationParameter("hardening.policy", policy.toString()).execute().testEvents();
    }
}
