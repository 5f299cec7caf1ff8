package dev.hardening.core.checks;

import static dev.hardening.core.checks.SshFactsFixture.DEPLOY;
import static dev.hardening.core.checks.SshFactsFixture.ROOT;
import static dev.hardening.core.checks.SshFactsFixture.ROOT_ARG;
import static dev.hardening.core.checks.SshFactsFixture.global;
import static dev.hardening.core.checks.SshFactsFixture.hardenedWith;
import static dev.hardening.core.checks.SshKeyOnlyCheckTest.debianWithDropIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.hardening.core.Fixtures;
import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.ssh.SshFacts;
import dev.hardening.core.facts.ssh.SshdConfig;
import dev.hardening.core.families.ssh.SshRootLoginCheck;
import dev.hardening.core.family.Check;
import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.SshChecksConfig.RootLogin;
import dev.hardening.core.policy.SshChecksConfig;

class SshRootLoginCheckTest {
    static final String WIRE_NOTE = "the SSH protocol does not reveal PermitRootLogin before authentication, "
            + "so this is proven from the configuration";
    static final String POLICY_HINT =
            "; or, if key-based root login is intended, set checks.ssh.rootLogin: prohibit-password in the policy";

    private final SshRootLoginCheck check = new SshRootLoginCheck();

    private List<Finding> evaluate(SshFacts facts, RootLogin policy) {
        ChecksConfig config = ChecksConfig.DEFAULT.with(SshChecksConfig.KEY, new SshChecksConfig(null, null, policy));
        List<Finding> findings = check.evaluate(SshFactsFixture.host(facts), config);
        assertThat(findings).isNotEmpty().allSatisfy(f -> {
            assertThat(f.host()).isEqualTo("web1");
            assertThat(f.check()).isEqualTo(CheckId.SSH_ROOT_LOGIN);
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
        });
        return findings;
    }

    /** Root login set by a drop-in line, as sshd -T reports it. */
    private static SshFacts rootLogin(String written, String reported) {
        SshdConfig config = debianWithDropIn("00-root.conf", "PermitRootLogin " + written + "\n");
        return SshFactsFixture.sshdT(config, hardenedWith("permitrootlogin no", "permitrootlogin " + reported));
    }

    @ParameterizedTest
    @EnumSource(RootLogin.class)
    void permitRootLoginNoPassesUnderEitherPolicy(RootLogin policy) {
        assertThat(evaluate(SshFactsFixture.hardened(), policy)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.PASS);
            assertThat(f.evidence()).containsExactly(
                    "effective configuration from sshd -T -C for 2 connection(s)",
                    "sshd -T -C " + ROOT_ARG + ": permitrootlogin no <- /etc/ssh/sshd_config.d/00-hardening.conf:3: "
                            + "PermitRootLogin no",
                    WIRE_NOTE);
        });
        assertThat(evaluate(SshFactsFixture.hardened(), RootLogin.NO).get(0).message())
                .isEqualTo("root cannot log in over SSH");
    }

    @ParameterizedTest
    @EnumSource(RootLogin.class)
    void permitRootLoginYesFailsUnderEitherPolicy(RootLogin policy) {
        assertThat(evaluate(rootLogin("yes", "yes"), policy)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).isEqualTo(
                    "root can log in over SSH with any method, passwords included (PermitRootLogin yes) globally");
            assertThat(f.evidence()).containsExactly("effective configuration from sshd -T -C for 2 connection(s)",
                    "sshd -T -C " + ROOT_ARG + ": permitrootlogin yes <- /etc/ssh/sshd_config.d/00-root.conf:1: "
                            + "PermitRootLogin yes",
                    WIRE_NOTE);
            assertThat(f.remediation()).isEqualTo("change /etc/ssh/sshd_config.d/00-root.conf line 1 to `PermitRootLogin "
                    + policy + "` (sshd keeps the first value it reads, so this line beats any later one), then reload sshd");
        });
    }

    @Test
    void debianDefaultWithoutPasswordFailsUnderNoAndTellsBothWaysOut() {
        SshdConfig config = Fixtures.config(Fixtures.sshd("debian-default.sshd_config"));
        SshFacts facts = SshFactsFixture.sshdT(config, Fixtures.sshd("debian-default.sshd-T.txt"));

        assertThat(evaluate(facts, RootLogin.NO)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).isEqualTo("root can log in over SSH with a key (PermitRootLogin without-password), "
                    + "but the policy requires rootLogin: no globally");
            assertThat(f.evidence()).contains("sshd -T -C " + ROOT_ARG
                    + ": permitrootlogin without-password <- OpenSSH default (set in no file)");
            assertThat(f.remediation()).isEqualTo("add `PermitRootLogin no` to /etc/ssh/sshd_config above any Match "
                    + "block, or as a drop-in such as /etc/ssh/sshd_config.d/00-hardening.conf (the first value sshd "
                    + "reads wins), then reload sshd" + POLICY_HINT);
        });
    }

    @Test
    void debianDefaultWithoutPasswordPassesUnderProhibitPassword() {
        SshdConfig config = Fixtures.config(Fixtures.sshd("debian-default.sshd_config"));
        SshFacts facts = SshFactsFixture.sshdT(config, Fixtures.sshd("debian-default.sshd-T.txt"));

        assertThat(evaluate(facts, RootLogin.PROHIBIT_PASSWORD)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.PASS);
            assertThat(f.message()).isEqualTo("root can log in over SSH only with a key, as the policy allows");
        });
    }

    @Test
    void prohibitPasswordWrittenInADropInIsReportedAsSshdPrintsItWithTheLine() {
        SshdConfig config = debianWithDropIn("00-root.conf", "PermitRootLogin prohibit-password\n");
        SshFacts facts = SshFactsFixture.sshdT(config, Fixtures.sshd("prohibit-password.sshd-T.txt"));

        assertThat(evaluate(facts, RootLogin.NO)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.evidence()).contains("sshd -T -C " + ROOT_ARG + ": permitrootlogin without-password <- "
                    + "/etc/ssh/sshd_config.d/00-root.conf:1: PermitRootLogin prohibit-password");
            assertThat(f.remediation()).startsWith("change /etc/ssh/sshd_config.d/00-root.conf line 1 to `PermitRootLogin no`")
                    .endsWith(POLICY_HINT);
        });
        assertThat(evaluate(facts, RootLogin.PROHIBIT_PASSWORD)).singleElement()
                .satisfies(f -> assertThat(f.status()).isEqualTo(Status.PASS));
    }

    @Test
    void forcedCommandsOnlyCountsAsKeyOnlyRootLogin() {
        SshFacts facts = rootLogin("forced-commands-only", "forced-commands-only");

        assertThat(evaluate(facts, RootLogin.NO)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).isEqualTo("root can log in over SSH with a key (PermitRootLogin forced-commands-only), "
                    + "but the policy requires rootLogin: no globally");
        });
        assertThat(evaluate(facts, RootLogin.PROHIBIT_PASSWORD)).singleElement()
                .satisfies(f -> assertThat(f.status()).isEqualTo(Status.PASS));
    }

    @ParameterizedTest
    @EnumSource(RootLogin.class)
    void aValueTheCheckDoesNotKnowIsAnErrorNotAGuess(RootLogin policy) {
        assertThat(evaluate(rootLogin("maybe", "maybe"), policy)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.message()).isEqualTo("PermitRootLogin has a value this check does not know: 'maybe' globally");
            assertThat(f.evidence()).containsExactly("sshd -T -C " + ROOT_ARG
                    + ": permitrootlogin maybe <- /etc/ssh/sshd_config.d/00-root.conf:1: PermitRootLogin maybe");
        });
    }

    @Test
    void aMatchAddressBlockLettingRootInIsNamedAndFixedInTheBlock() {
        List<Finding> findings = evaluate(SshFactsFixture.hardenedMatchUserDeploy(), RootLogin.NO);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).isEqualTo("root can log in over SSH with any method, passwords included "
                    + "(PermitRootLogin yes) for Match Address 10.0.0.0/8 (/etc/ssh/sshd_config:127)");
            assertThat(f.evidence()).contains("sshd -T -C " + ROOT.withAddr("10.0.0.1").toSshdArgument()
                    + ": permitrootlogin yes <- /etc/ssh/sshd_config:128: PermitRootLogin yes "
                    + "(inside Match Address 10.0.0.0/8 at /etc/ssh/sshd_config:127)");
            assertThat(f.remediation()).isEqualTo("set `PermitRootLogin no` in the Match Address 10.0.0.0/8 block "
                    + "(/etc/ssh/sshd_config:128 has `PermitRootLogin yes`), then reload sshd");
        });
    }

    @Test
    void aRootContextThatEntersTheBlockWithoutBeingTaggedWithItStillNamesTheBlock() {
        // the gate itself connects from 10.0.0.1: root's "global" context is inside Match Address 10.0.0.0/8
        SshdConfig config = SshFactsFixture.hardenedMatchUserDeployConfig();
        SshFacts facts = SshFactsFixture.sshdT(config,
                global(DEPLOY.withAddr("10.0.0.1"), Fixtures.sshd("hardened-match-user-deploy.sshd-T-C-user-deploy.txt")),
                global(ROOT.withAddr("10.0.0.1"), Fixtures.sshd("hardened-match-user-deploy.sshd-T-C-addr-10.txt")));

        assertThat(evaluate(facts, RootLogin.NO)).singleElement().satisfies(f -> assertThat(f.message())
                .endsWith("(PermitRootLogin yes) for Match Address 10.0.0.0/8 (/etc/ssh/sshd_config:127)"));
    }

    @Test
    void onlyConnectionsAsRootAreJudged() {
        // deploy from 10/8 gets PermitRootLogin yes too, but deploy is not root
        SshdConfig config = SshFactsFixture.hardenedMatchUserDeployConfig();
        String deploy10 = Fixtures.replaceLine(Fixtures.sshd("hardened-match-user-deploy.sshd-T-C-user-deploy.txt"),
                "permitrootlogin no", "permitrootlogin yes");
        SshFacts facts = SshFactsFixture.sshdT(config, global(DEPLOY.withAddr("10.0.0.1"), deploy10),
                global(ROOT, Fixtures.sshd("hardened-match-user-deploy.sshd-T.txt")));

        assertThat(evaluate(facts, RootLogin.NO)).singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(Status.PASS));
    }

    @Test
    void theSameLineSeenForRootFromSeveralPlacesIsReportedOnce() {
        String out = Fixtures.sshd("debian-default.sshd-T.txt");
        SshFacts facts = SshFactsFixture.sshdT(Fixtures.config(Fixtures.sshd("debian-default.sshd_config")),
                global(ROOT, out), global(ROOT.withAddr("192.0.2.99"), out), global(ROOT.withLport(2222), out));

        assertThat(evaluate(facts, RootLogin.NO)).hasSize(1);
    }

    @Test
    void linesOfAMatchBlockNoConnectionCanEnterAreJudgedAsWritten() {
        SshdConfig config = Fixtures.config(Fixtures.sshd("hardened.00-hardening.conf")
                + "Match Group admins\n    PermitRootLogin yes\n");
        SshFacts facts = SshFactsFixture.withUnenterable(
                SshFactsFixture.sshdT(config, Fixtures.sshd("hardened.sshd-T.txt")), config.matchBlocks().get(0));

        assertThat(evaluate(facts, RootLogin.NO)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).isEqualTo(
                    "root can log in over SSH with any method, passwords included (PermitRootLogin yes) in Match Group admins");
            assertThat(f.evidence()).containsExactly(
                    "/etc/ssh/sshd_config:6: PermitRootLogin yes (inside Match Group admins at /etc/ssh/sshd_config:5)",
                    "no connection to check could be built for this block, so its lines are judged as written");
            assertThat(f.remediation()).isEqualTo("set `PermitRootLogin no` in the Match Group admins block, then reload sshd");
        });
    }

    @Test
    void anUnenterableBlockWithAnAllowedValuePasses() {
        SshdConfig config = Fixtures.config(Fixtures.sshd("hardened.00-hardening.conf")
                + "Match Group admins\n    PermitRootLogin prohibit-password\n");
        SshFacts facts = SshFactsFixture.withUnenterable(
                SshFactsFixture.sshdT(config, Fixtures.sshd("hardened.sshd-T.txt")), config.matchBlocks().get(0));

        assertThat(evaluate(facts, RootLogin.PROHIBIT_PASSWORD)).singleElement()
                .satisfies(f -> assertThat(f.status()).isEqualTo(Status.PASS));
        assertThat(evaluate(facts, RootLogin.NO)).singleElement()
                .satisfies(f -> assertThat(f.status()).isEqualTo(Status.FAIL));
    }

    @Test
    void anUnknownFactIsAnErrorAndNoSshServerIsSkipped() {
        ChecksConfig config = ChecksConfig.DEFAULT;

        Finding unknown = check.evaluate(new SshFactsFixture.FakeHostFacts("web1",
                Fact.unknown("sshd -T timed out", List.of("command timed out after 60 s"))), config).get(0);
        Finding skipped = check.evaluate(new SshFactsFixture.FakeHostFacts("web1",
                Fact.notApplicable("no SSH server")), config).get(0);

        assertThat(unknown.status()).isEqualTo(Status.ERROR);
        assertThat(unknown.message()).isEqualTo("sshd -T timed out");
        assertThat(unknown.evidence()).containsExactly("command timed out after 60 s");
        assertThat(skipped.status()).isEqualTo(Status.SKIPPED);
        assertThat(skipped.message()).isEqualTo("no SSH server");
    }

    @Test
    void everyDaemonIsJudgedAndNamedWhenThereAreSeveral() {
        List<Finding> findings = evaluate(SshFactsFixture.hardenedWithRescueDaemon(), RootLogin.NO);

        assertThat(findings).extracting(Finding::message).containsExactly(
                "root cannot log in over SSH on sshd pid 1 (config /etc/ssh/sshd_config, port 22)",
                "root cannot log in over SSH on sshd pid 20 (config /etc/ssh/rescue.conf, -o PasswordAuthentication=yes, port 2222)");
    }

    @Test
    void theCheckFollowsThePolicy() {
        assertThat(check.id()).isEqualTo(CheckId.SSH_ROOT_LOGIN);
        assertThat(check.enabled(ChecksConfig.DEFAULT)).isTrue();
        // keyOnly: false turns off ssh.key-only only
        assertThat(check.enabled(ChecksConfig.DEFAULT.with(SshChecksConfig.KEY, new SshChecksConfig(true, false, null)))).isTrue();
        assertThat(check.enabled(ChecksConfig.DEFAULT.with(SshChecksConfig.KEY, new SshChecksConfig(false, null, null)))).isFalse();
        assertThat(FamilyRegistry.discover().checks()).extracting(Check::id).contains(CheckId.SSH_KEY_ONLY, CheckId.SSH_ROOT_LOGIN);
    }
}
