package dev.hardening.samples.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import dev.hardening.core.HostCheck;
import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.gate.Gate;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.GateResult;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.core.model.Subject;
import dev.hardening.core.policy.Policy;
import dev.hardening.core.policy.PolicyLoader;
import dev.hardening.junit.HardeningMatrix;
import dev.hardening.junit.HardeningTest;
import dev.hardening.junit.TargetHost;
import dev.hardening.junit.assertions.HardeningAssertions;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/** The custom family through the library and the JUnit extension, against a host with and one without the banner. */
@RequiresLab
class LoginBannerLabTest {
    static final String WARNING = "Authorized use only. Activity is logged.\n";
    private static LabHost warned;
    private static LabHost plain;

    @TempDir
    Path dir;

    @BeforeAll
    static void startHosts() {
        warned = LabHost.builder().file("/etc/issue.net", WARNING).start();
        plain = LabHost.builder().start();
    }

    @AfterAll
    static void removeHosts() {
        try (LabHost w = warned; LabHost p = plain) {
            // both are removed, also when the second did not start
        }
    }

    @Test
    void theGateRunsTheFamilyFromTheClassPathWithThePolicysOwnSection() throws Exception {
        Path file = Files.writeString(dir.resolve("hardening.yml"), "hosts:\n" + warned.policyEntry("warned")
                + plain.policyEntry("plain") + "checks:\n  loginBanner: { mustContain: \"Authorized use only\" }\n");
        Policy policy = PolicyLoader.load(file, FamilyRegistry.discover());

        GateResult result = new Gate(policy, GateOptions.DEFAULT,
                FamilyRegistry.discover().selecting(LoginBannerCheck.ID::equals)).run();

        assertThat(result.findings()).extracting(f -> f.host() + " " + f.check() + " " + f.status())
                .containsExactly("warned custom.login-banner PASS", "plain custom.login-banner FAIL");
        Finding missing = result.findings().get(1);
        assertThat(missing.message())
                .isEqualTo("/etc/issue.net does not say \"Authorized use only\"");
        assertThat(missing.subject()).isEqualTo(new Subject.FileLine("/etc/issue.net", 0));
        assertThat(missing.remediation()).contains("Banner /etc/issue.net");
    }

    @Test
    void aTypoInTheFamilysSectionIsAPolicyErrorWithLineAndColumn() throws Exception {
        String before = "hosts:\n" + warned.policyEntry("warned") + "checks:\n";
        Path file = Files.writeString(dir.resolve("hardening.yml"), before + "  loginBanner: { mustContian: \"x\" }\n");
        long line = before.lines().count() + 1;

        assertThatThrownBy(() -> PolicyLoader.load(file, FamilyRegistry.discover()))
                .hasMessage(file + ":" + line + ":18: unknown key 'mustContian' (did you mean 'mustContain'?) in "
                        + "checks.loginBanner");
    }

    @HardeningTest(families = LoginBannerFamily.class)
    static class ThroughTheExtension {
        @Test
        void bannerIsThere(@TargetHost("warned") HostCheck host) {
            List<Finding> findings = host.family(LoginBannerChecks::new).present();
            assertThat(findings).extracting(Finding::status).containsExactly(Status.PASS);
            HardeningAssertions.assertThat(host).passes(LoginBannerCheck.ID).family(LoginBannerChecks::new, LoginBannerChecks.class,
                    LoginBannerAssert.class, LoginBannerAssert::new).showsTheWarning();
        }

        @TestFactory
        Stream<DynamicContainer> policyMatrix(Policy policy) {
            return HardeningMatrix.of(policy);
        }
    }

    @Test
    void theExtensionAndItsMatrixRunTheFamilyLikeABuiltInOne() throws Exception {
        Path file = Files.writeString(dir.resolve("hardening.yml"), "hosts:\n" + warned.policyEntry("warned")
                + plain.policyEntry("plain"));

        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(ThroughTheExtension.class))
                .configurationParameter("hardening.policy", file.toString()).execute();

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test(displayName("bannerIsThere(HostCheck)")), finishedSuccessfully()))
                .haveExactly(1, event(test(displayName("warned custom.login-banner")), finishedSuccessfully()))
                .haveExactly(1, event(test(displayName("plain custom.login-banner")), finishedWithFailure(message(m ->
                        m.contains("/etc/issue.net does not say \"Authorized\"")))));
        results.containerEvents().assertThatEvents()
                .haveExactly(1, event(container(displayName("plain")), finishedSuccessfully()));
    }
}
