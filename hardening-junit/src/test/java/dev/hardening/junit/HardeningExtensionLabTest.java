package dev.hardening.junit;

import static dev.hardening.junit.HardeningExtensionTest.run;
import static dev.hardening.junit.assertions.HardeningAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import dev.hardening.core.HostCheck;
import dev.hardening.core.host.Host;
import dev.hardening.core.policy.Policy;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/** The extension and the matrix against lab hosts: connections per class, measured in sshd's log. */
@RequiresLab
class HardeningExtensionLabTest {
    private static final String HARDENED = "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin no\n";
    private static LabHost hardened;
    private static LabHost weak;

    @TempDir
    Path dir;

    @BeforeAll
    static void startHosts() {
        hardened = LabHost.builder().dropIn("00-hardening.conf", HARDENED).start();
        weak = LabHost.builder().dropIn("00-hardening.conf", "PasswordAuthentication yes\n").start();
    }

    @AfterAll
    static void removeHosts() {
        try (LabHost h = hardened; LabHost w = weak) {
            // closing both, also when starting the second failed
        }
    }

    @HardeningTest
    static class FourUsesOfWeb1 {
        @BeforeAll
        static void before(@TargetHost("web1") Host web1) {
            assertThat(web1).ssh().isKeyOnly();
        }

        @Test
        void keyOnly(@TargetHost("web1") Host web1) {
            assertThat(web1).ssh().isKeyOnly();
        }

        @Test
        void rootLogin(@TargetHost("web1") Host web1) {
            assertThat(web1).ssh().hasRootLoginDisabled();
        }

        @Test
        void bothOnSharedFacts(@TargetHost("web1") HostCheck web1) {
            assertThat(web1).ssh().isKeyOnly().hasRootLoginDisabled();
        }
    }

    @HardeningTest
    static class AnotherClassOnWeb1 {
        @Test
        void keyOnly(@TargetHost("web1") Host web1) {
            assertThat(web1).ssh().isKeyOnly();
        }
    }

    @HardeningTest
    static class Matrix {
        @TestFactory
        Stream<DynamicContainer> policyMatrix(Policy policy) {
            return HardeningMatrix.of(policy);
        }
    }

    @Test
    void eachTestClassLogsInOncePerHostAndDisconnectsAfterIt() throws Exception {
        Path policy = Files.writeString(dir.resolve("hardening.yml"), "hosts:\n" + hardened.policyEntry("web1"));
        int loginsBefore = logins(hardened);
        int disconnectsBefore = disconnects(hardened);

        Events first = run(FourUsesOfWeb1.class, policy.toString());
        int afterFirstClass = logins(hardened) - loginsBefore;
        Events second = run(AnotherClassOnWeb1.class, policy.toString());
        int afterSecondClass = logins(hardened) - loginsBefore;

        assertThat(first.succeeded().count()).isEqualTo(3);
        assertThat(second.succeeded().count()).isEqualTo(1);
        assertThat(afterFirstClass).as("logins for a class using web1 in @BeforeAll and three tests").isEqualTo(1);
        assertThat(afterSecondClass).as("logins after a second class").isEqualTo(2);
        assertThat(eventually(() -> disconnects(hardened) - disconnectsBefore, 2))
                .as("connections closed after their class").isEqualTo(2);
    }

    @Test
    void theMatrixHasAContainerPerHostAndATestPerCheckFailingWithTheFindings() throws Exception {
        Path policy = Files.writeString(dir.resolve("hardening.yml"), "hosts:\n" + hardened.policyEntry("hardened")
                + weak.policyEntry("weak"));

        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Matrix.class))
                .configurationParameter(HardeningExtension.POLICY_PROPERTY, policy.toString()).execute();

        results.containerEvents().assertThatEvents()
                .haveExactly(1, event(container(displayName("hardened")), finishedSuccessfully()))
                .haveExactly(1, event(container(displayName("weak")), finishedSuccessfully()));
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test(displayName("hardened ssh.key-only")), finishedSuccessfully()))
                .haveExactly(1, event(test(displayName("weak ssh.key-only")), finishedWithFailure(message(m -> m.startsWith(
                        "\nExpecting host weak to pass ssh.key-only") && m.contains(
                                "FAIL (HIGH) password authentication is enabled globally")))))
                .haveExactly(1, event(test(displayName("hardened ssh.root-login")), finishedSuccessfully()))
                // Debian's default PermitRootLogin is prohibit-password, and the policy's default requires no
                .haveExactly(1, event(test(displayName("weak ssh.root-login")), finishedWithFailure(message(m -> m.contains(
                        "(PermitRootLogin without-password)")))));
    }

    private static int logins(LabHost lab) {
        return count(lab.sshdLog(), "Accepted publickey for deploy");
    }

    private static int disconnects(LabHost lab) {
        return count(lab.sshdLog(), "Disconnected from user deploy");
    }

    private static int count(String text, String needle) {
        return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }

    /** sshd logs a disconnect a moment after the client leaves. */
    private static int eventually(java.util.function.IntSupplier value, int expected) throws InterruptedException {
        int seen = value.getAsInt();
        for (int i = 0; i < 50 && seen != expected; i++) {
            Thread.sleep(100);
            seen = value.getAsInt();
        }
        return seen;
    }
}
