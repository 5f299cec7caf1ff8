package dev.hardening.core.checks;

import static dev.hardening.core.checks.SshFactsFixture.DEPLOY;
import static dev.hardening.core.checks.SshFactsFixture.DEPLOY_ARG;
import static dev.hardening.core.checks.SshFactsFixture.ROOT;
import static dev.hardening.core.checks.SshFactsFixture.global;
import static dev.hardening.core.checks.SshFactsFixture.hardenedWith;
import static dev.hardening.core.checks.SshFactsFixture.offered;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.hardening.core.Fixtures;
import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.ssh.AuthenticationOffer;
import dev.hardening.core.facts.ssh.MatchBlock;
import dev.hardening.core.facts.ssh.SshDaemonFacts;
import dev.hardening.core.facts.ssh.SshFacts;
import dev.hardening.core.facts.ssh.SshdConfig;
import dev.hardening.core.facts.ssh.SshdConfigParser.ConfigFile;
import dev.hardening.core.facts.ssh.SshdDefaults;
import dev.hardening.core.facts.ssh.UnexaminedDaemon;
import dev.hardening.core.facts.ssh.WireProbe;
import dev.hardening.core.families.ssh.SshKeyOnlyCheck;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.SshChecksConfig;

class SshKeyOnlyCheckTest {
    static final String SOURCE_2 = "effective configuration from sshd -T -C for 2 connection(s)";
    static final String WIRE_FIX = "set `PasswordAuthentication no` and `KbdInteractiveAuthentication no` for every user "
            + "(also in Match blocks), then reload sshd";

    private final SshKeyOnlyCheck check = new SshKeyOnlyCheck();

    private List<Finding> evaluate(SshFacts facts) {
        List<Finding> findings = check.evaluate(SshFactsFixture.host(facts), ChecksConfig.DEFAULT);
        assertThat(findings).isNotEmpty().allSatisfy(f -> {
            assertThat(f.host()).isEqualTo("web1");
            assertThat(f.check()).isEqualTo(CheckId.SSH_KEY_ONLY);
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
        });
        return findings;
    }

    /** Stock Debian sshd_config with one drop-in in /etc/ssh/sshd_config.d. */
    static SshdConfig debianWithDropIn(String name, String text) {
        return Fixtures.config(Fixtures.sshd("debian-default.sshd_config"), Map.of(Fixtures.DROP_IN_GLOB,
                List.of(new ConfigFile("/etc/ssh/sshd_config.d/" + name, text))));
    }

    @Test
    void hardenedHostPassesWithTheDecidingLinesAndTheWireAsEvidence() {
        List<Finding> findings = evaluate(SshFactsFixture.hardened());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.PASS);
            assertThat(f.message()).isEqualTo("only public key authentication is enabled (2 connection context(s) checked)");
            assertThat(f.evidence()).containsExactly(SOURCE_2,
                    "sshd -T -C " + DEPLOY_ARG + ": passwordauthentication no <- "
                            + "/etc/ssh/sshd_config.d/00-hardening.conf:1: PasswordAuthentication no",
                    "sshd -T -C " + DEPLOY_ARG + ": kbdinteractiveauthentication no <- "
                            + "/etc/ssh/sshd_config.d/00-hardening.conf:2: KbdInteractiveAuthentication no",
                    "sshd -T -C " + DEPLOY_ARG + ": permitemptypasswords no <- OpenSSH default (set in no file)",
                    "sshd -T -C " + DEPLOY_ARG + ": pubkeyauthentication yes <- "
                            + "/etc/ssh/sshd_config.d/00-hardening.conf:4: PubkeyAuthentication yes",
                    "sshd -T -C " + DEPLOY_ARG + ": authenticationmethods any <- OpenSSH default (set in no file)",
                    "on the wire: server at 127.0.0.1:22 offers user deploy: publickey",
                    "on the wire: server at 127.0.0.1:22 offers user root: publickey");
            assertThat(f.remediation()).isEmpty();
        });
    }

    @Test
    void passwordAuthenticationYesFromACloudInitDropInFailsNamingTheFileLine() {
        SshdConfig config = debianWithDropIn("50-cloud-init.conf", "PasswordAuthentication yes\n");

        List<Finding> findings = evaluate(SshFactsFixture.sshdT(config, Fixtures.sshd("debian-default.sshd-T.txt")));

        // deploy and root get it from the same line: one finding
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).isEqualTo("password authentication is enabled globally");
            assertThat(f.evidence()).containsExactly(SOURCE_2, "sshd -T -C " + DEPLOY_ARG + ": passwordauthentication yes"
                    + " <- /etc/ssh/sshd_config.d/50-cloud-init.conf:1: PasswordAuthentication yes");
            assertThat(f.remediation()).isEqualTo("change /etc/ssh/sshd_config.d/50-cloud-init.conf line 1 to "
                    + "`PasswordAuthentication no` (sshd keeps the first value it reads, so this line beats any later one), "
                    + "then reload sshd");
        });
    }

    @Test
    void stockDebianFailsOnTheCompiledInPasswordDefaultAndSaysWhereToAddTheLine() {
        SshdConfig config = Fixtures.config(Fixtures.sshd("debian-default.sshd_config"));

        List<Finding> findings = evaluate(SshFactsFixture.sshdT(config, Fixtures.sshd("debian-default.sshd-T.txt")));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.evidence()).contains("sshd -T -C " + DEPLOY_ARG
                    + ": passwordauthentication yes <- OpenSSH default (set in no file)");
            assertThat(f.remediation()).isEqualTo("add `PasswordAuthentication no` to /etc/ssh/sshd_config above any "
                    + "Match block, or as a drop-in such as /etc/ssh/sshd_config.d/00-hardening.conf (the first value "
                    + "sshd reads wins), then reload sshd");
        });
    }

    @Test
    void keyboardInteractiveWithUsePamMentionsPam() {
        SshdConfig config = debianWithDropIn("00-hardening.conf",
                "PasswordAuthentication no\nKbdInteractiveAuthentication yes\nPermitRootLogin no\n");
        String sshdT = hardenedWith("kbdinteractiveauthentication no", "kbdinteractiveauthentication yes");

        List<Finding> findings = evaluate(SshFactsFixture.sshdT(config, sshdT));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).isEqualTo("keyboard-interactive authentication is enabled with UsePAM yes "
                    + "(PAM asks for the password there) globally");
            assertThat(f.evidence()).contains("sshd -T -C " + DEPLOY_ARG + ": kbdinteractiveauthentication yes <- "
                    + "/etc/ssh/sshd_config.d/00-hardening.conf:2: KbdInteractiveAuthentication yes");
            assertThat(f.remediation()).startsWith("change /etc/ssh/sshd_config.d/00-hardening.conf line 2 to "
                    + "`KbdInteractiveAuthentication no`");
        });
    }

    @Test
    void keyboardInteractiveWithoutPamDoesNotMentionPam() {
        SshdConfig config = Fixtures.config("KbdInteractiveAuthentication yes\nPasswordAuthentication no\n");
        String sshdT = hardenedWith("kbdinteractiveauthentication no", "kbdinteractiveauthentication yes",
                "usepam yes", "usepam no");

        assertThat(evaluate(SshFactsFixture.sshdT(config, sshdT))).singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo("keyboard-interactive authentication is enabled globally"));
    }

    @Test
    void permitEmptyPasswordsYesFails() {
        SshdConfig config = debianWithDropIn("00-hardening.conf",
                "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitEmptyPasswords yes\n");
        String sshdT = hardenedWith("permitemptypasswords no", "permitemptypasswords yes");

        assertThat(evaluate(SshFactsFixture.sshdT(config, sshdT))).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).isEqualTo("empty passwords are permitted globally");
            assertThat(f.remediation()).startsWith("change /etc/ssh/sshd_config.d/00-hardening.conf line 3 to "
                    + "`PermitEmptyPasswords no`");
        });
    }

    @Test
    void pubkeyAuthenticationNoFails() {
        SshdConfig config = debianWithDropIn("00-hardening.conf",
                "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication no\n");
        String sshdT = hardenedWith("pubkeyauthentication yes", "pubkeyauthentication no");

        assertThat(evaluate(SshFactsFixture.sshdT(config, sshdT))).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).isEqualTo("public key authentication is disabled globally");
            assertThat(f.remediation()).startsWith("change /etc/ssh/sshd_config.d/00-hardening.conf line 3 to "
                    + "`PubkeyAuthentication yes`");
        });
    }

    @Test
    void authenticationMethodsThatAllowAPasswordFail() {
        SshdConfig config = debianWithDropIn("00-authmethods.conf",
                "AuthenticationMethods publickey,password publickey,keyboard-interactive\n");

        List<Finding> findings = evaluate(SshFactsFixture.sshdT(config, Fixtures.sshd("authmethods.sshd-T.txt")));

        assertThat(findings).extracting(Finding::status).containsOnly(Status.FAIL);
        assertThat(findings).extracting(Finding::message).containsExactly(
                "password authentication is enabled globally",
                "AuthenticationMethods lets a password in (publickey,password publickey,keyboard-interactive) globally");
        assertThat(findings.get(1).evidence()).contains("sshd -T -C " + DEPLOY_ARG + ": authenticationmethods "
                + "publickey,password publickey,keyboard-interactive <- /etc/ssh/sshd_config.d/00-authmethods.conf:1: "
                + "AuthenticationMethods publickey,password publickey,keyboard-interactive");
        assertThat(findings.get(1).remediation()).startsWith("change /etc/ssh/sshd_config.d/00-authmethods.conf line 1 "
                + "to `AuthenticationMethods publickey`");
    }

    @Test
    void aMatchUserBlockReenablingPasswordsIsNamedEvenWhenTheLoginUserIsTheOneItNames() {
        List<Finding> findings = evaluate(SshFactsFixture.hardenedMatchUserDeploy());

        // three contexts (deploy globally, in Match User deploy, from 10/8) hit the same line: reported once
        assertThat(findings).hasSize(2).extracting(Finding::status).containsOnly(Status.FAIL);
        Finding config = findings.get(0);
        assertThat(config.message()).isEqualTo(
                "password authentication is enabled for Match User deploy (/etc/ssh/sshd_config:124)");
        assertThat(config.evidence()).containsExactly("effective configuration from sshd -T -C for 5 connection(s)",
                "sshd -T -C " + DEPLOY_ARG + ": passwordauthentication yes <- /etc/ssh/sshd_config:125: "
                        + "PasswordAuthentication yes (inside Match User deploy at /etc/ssh/sshd_config:124)");
        assertThat(config.remediation()).isEqualTo("set `PasswordAuthentication no` in the Match User deploy block "
                + "(/etc/ssh/sshd_config:125 has `PasswordAuthentication yes`), then reload sshd");
        Finding wire = findings.get(1);
        assertThat(wire.message()).isEqualTo(
                "the SSH server offers password authentication to user deploy on the wire (127.0.0.1:22)");
        assertThat(wire.evidence()).containsExactly("on the wire: server at 127.0.0.1:22 offers user deploy: publickey,password");
        assertThat(wire.remediation()).isEqualTo(WIRE_FIX);
    }

    @Test
    void aMatchUserBlockForAnotherUserIsNamedThroughItsOwnContext() {
        SshdConfig config = SshFactsFixture.hardenedMatchUserDeployConfig();
        MatchBlock user = config.matchBlocks().get(0);
        String ops = Fixtures.sshd("hardened-match-user-deploy.sshd-T.txt");
        SshFacts facts = SshFactsFixture.sshdT(config, global(DEPLOY.withUser("ops"), ops), global(ROOT, ops),
                SshFactsFixture.inBlock(user, DEPLOY, Fixtures.sshd("hardened-match-user-deploy.sshd-T-C-user-deploy.txt")));

        assertThat(evaluate(facts)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).isEqualTo("password authentication is enabled for Match User deploy (/etc/ssh/sshd_config:124)");
            assertThat(f.evidence().get(0)).isEqualTo("effective configuration from sshd -T -C for 3 connection(s)");
        });
    }

    @Test
    void theSameBadLineSeenFromManyContextsIsReportedOnce() {
        SshdConfig config = debianWithDropIn("50-cloud-init.conf", "PasswordAuthentication yes\n");
        String out = Fixtures.sshd("debian-default.sshd-T.txt");
        SshFacts facts = SshFactsFixture.sshdT(config, global(DEPLOY, out), global(ROOT, out),
                global(DEPLOY.withUser("ops"), out), global(DEPLOY.withAddr("10.0.0.1"), out));

        assertThat(evaluate(facts)).hasSize(1);
    }

    @Test
    void aPasswordOfferOnTheWireFailsEvenWhenTheConfigIsClean() {
        SshFacts facts = SshFactsFixture.withWire(SshFactsFixture.hardened(),
                offered("deploy", "publickey", "password", "keyboard-interactive"), offered("root", "publickey"));

        assertThat(evaluate(facts)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).isEqualTo("the SSH server offers password and keyboard-interactive authentication "
                    + "to user deploy on the wire (127.0.0.1:22)");
            assertThat(f.evidence()).containsExactly(
                    "on the wire: server at 127.0.0.1:22 offers user deploy: publickey,password,keyboard-interactive");
            assertThat(f.remediation()).isEqualTo(WIRE_FIX);
        });
    }

    @Test
    void aServerThatAcceptsNoneFails() {
        WireProbe none = new WireProbe.Offered(new AuthenticationOffer("127.0.0.1:22", "root", true, List.of()));
        SshFacts facts = SshFactsFixture.withWire(SshFactsFixture.hardened(), offered("deploy", "publickey"), none);

        assertThat(evaluate(facts)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).isEqualTo("the SSH server lets user root in without any authentication");
            assertThat(f.evidence()).containsExactly(
                    "on the wire: server at 127.0.0.1:22 accepted 'none' authentication for user root");
        });
    }

    @Test
    void aFailedWireProbeWithACleanConfigIsAnErrorNeverAPass() {
        WireProbe failed = new WireProbe.Failed("deploy", "connection reset by peer");
        SshFacts facts = SshFactsFixture.withWire(SshFactsFixture.hardened(), failed, offered("root", "publickey"));

        assertThat(evaluate(facts)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.message()).isEqualTo(
                    "the configuration is key-only, but the server could not be asked which methods it offers");
            assertThat(f.evidence()).containsExactly("on the wire: asking for user deploy failed: connection reset by peer",
                    "on the wire: server at 127.0.0.1:22 offers user root: publickey");
        });
    }

    @Test
    void aFailedWireProbeDoesNotHideAConfigFailure() {
        SshdConfig config = debianWithDropIn("50-cloud-init.conf", "PasswordAuthentication yes\n");
        SshFacts facts = SshFactsFixture.withWire(SshFactsFixture.sshdT(config, Fixtures.sshd("debian-default.sshd-T.txt")),
                new WireProbe.Failed("deploy", "timeout"), null);

        assertThat(evaluate(facts)).singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(Status.FAIL));
    }

    @Test
    void aServerNotRunningIsJudgedByItsConfigurationAlone() {
        SshFacts facts = SshFactsFixture.withWire(SshFactsFixture.hardened(), new WireProbe.NotListening("127.0.0.1:22"), null);

        assertThat(evaluate(facts)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.PASS);
            assertThat(f.evidence()).last().asString().contains("nothing listens on 127.0.0.1:22");
        });
    }

    @Test
    void anUnknownFactIsAnErrorWithItsReason() {
        Fact<SshFacts> unknown = Fact.unknown("cannot determine sshd's effective configuration: sudo: a password is required",
                List.of("sudo -n sshd -T could not run: sudo: a password is required"));

        List<Finding> findings = check.evaluate(new SshFactsFixture.FakeHostFacts("web1", unknown), ChecksConfig.DEFAULT);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.message()).isEqualTo("cannot determine sshd's effective configuration: sudo: a password is required");
            assertThat(f.evidence()).containsExactly("sudo -n sshd -T could not run: sudo: a password is required");
            assertThat(f.remediation()).isEqualTo("make the fact readable (see the message), then run the gate again");
        });
    }

    @Test
    void aHostWithoutAnSshServerIsSkipped() {
        Fact<SshFacts> none = Fact.notApplicable("no SSH server: sshd is not installed and nothing listens on port 22");

        List<Finding> findings = check.evaluate(new SshFactsFixture.FakeHostFacts("web1", none), ChecksConfig.DEFAULT);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.SKIPPED);
            assertThat(f.message()).isEqualTo("no SSH server: sshd is not installed and nothing listens on port 22");
            assertThat(f.evidence()).isEmpty();
        });
    }

    @Test
    void linesOfAMatchBlockNoConnectionCanEnterAreJudgedAsWritten() {
        SshdConfig config = Fixtures.config(Fixtures.sshd("hardened.00-hardening.conf")
                + "Match Group admins\n    PasswordAuthentication yes\n    PubkeyAuthentication yes\n");
        MatchBlock admins = config.matchBlocks().get(0);
        SshFacts facts = SshFactsFixture.withUnenterable(
                SshFactsFixture.sshdT(config, Fixtures.sshd("hardened.sshd-T.txt")), admins);

        assertThat(evaluate(facts)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).isEqualTo("password authentication is enabled in Match Group admins (/etc/ssh/sshd_config:5)");
            assertThat(f.evidence()).containsExactly(
                    "/etc/ssh/sshd_config:6: PasswordAuthentication yes (inside Match Group admins at /etc/ssh/sshd_config:5)",
                    "no connection to check could be built for this block, so its lines are judged as written");
            assertThat(f.remediation()).isEqualTo("set `PasswordAuthentication no` in the Match Group admins block, then reload sshd");
        });
    }

    @Test
    void aHarmlessMatchBlockNoConnectionCanEnterPasses() {
        SshdConfig config = Fixtures.config(Fixtures.sshd("hardened.00-hardening.conf")
                + "Match Group admins\n    PasswordAuthentication no\n    X11Forwarding yes\n");
        SshFacts facts = SshFactsFixture.withUnenterable(
                SshFactsFixture.sshdT(config, Fixtures.sshd("hardened.sshd-T.txt")), config.matchBlocks().get(0));

        assertThat(evaluate(facts)).singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(Status.PASS));
    }

    @Test
    void settingsFromTheConfigFilesSayWhySshdTWasNotUsed() {
        SshdConfig config = debianWithDropIn("50-cloud-init.conf", "PasswordAuthentication yes\n");
        String why = "sshd -T could not run: sshd: no hostkeys available -- exiting.";
        SshFacts facts = SshFactsFixture.daemon(SshDaemonFacts.ConfigSource.CONFIG_FILES, why,
                List.of(new dev.hardening.core.facts.ssh.SshContext(Optional.empty(), DEPLOY,
                        SshdDefaults.effective(config, DEPLOY, SshFactsFixture.USERS))),
                List.of(), Optional.of(config), SshFactsFixture.USERS, List.of(offered("deploy", "publickey")));

        assertThat(evaluate(facts)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.evidence()).containsExactly("effective configuration from the config files [/etc/ssh/sshd_config, "
                    + "/etc/ssh/sshd_config.d/50-cloud-init.conf], because " + why,
                    "/etc/ssh/sshd_config.d/50-cloud-init.conf:1: PasswordAuthentication yes [from config files]");
        });
    }

    @Test
    void aDefaultReadFromTheConfigFilesIsCalledADefault() {
        SshdConfig config = Fixtures.config("PasswordAuthentication no\n");
        SshFacts facts = SshFactsFixture.daemon(SshDaemonFacts.ConfigSource.CONFIG_FILES, "sshd -T could not run: x",
                List.of(new dev.hardening.core.facts.ssh.SshContext(Optional.empty(), DEPLOY,
                        SshdDefaults.effective(config, DEPLOY, SshFactsFixture.USERS))),
                List.of(), Optional.of(config), SshFactsFixture.USERS, List.of(offered("deploy", "publickey")));

        assertThat(evaluate(facts)).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo("keyboard-interactive authentication is enabled globally");
            assertThat(f.evidence()).contains("kbdinteractiveauthentication yes [OpenSSH default: set in no config file]");
        });
    }

    @Test
    void whenTheFilesCouldNotBeReadTheEvidenceDoesNotClaimADefault() {
        SshFacts facts = SshFactsFixture.daemon(SshDaemonFacts.ConfigSource.SSHD_T, "", List.of(
                global(DEPLOY, Fixtures.sshd("debian-default.sshd-T.txt"))), List.of(), Optional.empty(),
                SshFactsFixture.USERS, List.of(offered("deploy", "publickey")));

        assertThat(evaluate(facts)).singleElement().satisfies(f -> {
            assertThat(f.evidence()).contains("sshd -T -C " + DEPLOY_ARG + ": passwordauthentication yes");
            assertThat(f.remediation()).isEqualTo("set `PasswordAuthentication no` in sshd's configuration globally, "
                    + "then reload sshd");
        });
    }

    @Test
    void aSecondDaemonThatAllowsPasswordsFailsNamingItsPidConfigAndPort() {
        List<Finding> findings = evaluate(SshFactsFixture.hardenedWithRescueDaemon());

        String rescue = " on sshd pid 20 (config /etc/ssh/rescue.conf, -o PasswordAuthentication=yes, port 2222)";
        assertThat(findings).filteredOn(f -> f.status() == Status.PASS).singleElement().satisfies(f -> assertThat(f.message())
                .isEqualTo("only public key authentication is enabled (2 connection context(s) checked) on sshd pid 1 "
                        + "(config /etc/ssh/sshd_config, port 22)"));
        assertThat(findings).filteredOn(f -> f.status() == Status.FAIL).extracting(Finding::message).containsExactly(
                "password authentication is enabled globally" + rescue,
                "the SSH server offers password authentication to user deploy on the wire (127.0.0.1:22)" + rescue,
                "the SSH server offers password authentication to user root on the wire (127.0.0.1:22)" + rescue);
        assertThat(findings.get(1).evidence().get(0)).isEqualTo(SOURCE_2 + ", of" + rescue.substring(3));
    }

    @Test
    void aDaemonThatCannotBeExaminedIsAnErrorNeverLeftOut() {
        SshFacts host = new SshFacts(SshFactsFixture.hardened().daemons(), List.of(new UnexaminedDaemon("sshd pid 31",
                "its command line (/proc/31/cmdline) cannot be read as sshd reads it: unknown option -Z", List.of())));

        assertThat(evaluate(host)).extracting(Finding::status).containsExactly(Status.PASS, Status.ERROR);
        assertThat(evaluate(host).get(1).message()).isEqualTo("cannot examine sshd pid 31: its command line "
                + "(/proc/31/cmdline) cannot be read as sshd reads it: unknown option -Z");
    }

    @Test
    void anOptionOnTheCommandLineIsRemediatedWhereItIsGiven() {
        SshdConfig config = Fixtures.config("PasswordAuthentication no\n");
        SshdConfig withOption = new SshdConfig(config.files(), java.util.stream.Stream.concat(java.util.stream.Stream.of(
                new dev.hardening.core.facts.ssh.Directive("passwordauthentication", "PasswordAuthentication", "yes",
                        new dev.hardening.core.facts.ssh.ConfigOrigin(SshDaemonFacts.COMMAND_LINE, 1), Optional.empty())),
                config.directives().stream()).toList(), config.matchBlocks());
        SshFacts facts = SshFactsFixture.daemon(SshDaemonFacts.ConfigSource.CONFIG_FILES, "sshd -T could not run: x",
                List.of(new dev.hardening.core.facts.ssh.SshContext(Optional.empty(), DEPLOY,
                        SshdDefaults.effective(withOption, DEPLOY, SshFactsFixture.USERS))),
                List.of(), Optional.of(withOption), SshFactsFixture.USERS, List.of(offered("deploy", "publickey")));

        assertThat(evaluate(facts)).filteredOn(f -> f.message().startsWith("password")).singleElement().satisfies(f -> {
            assertThat(f.evidence()).contains("sshd command line (-o):1: PasswordAuthentication yes [from config files]");
            assertThat(f.remediation()).isEqualTo("start sshd pid 1 (config /etc/ssh/sshd_config, port 22) without "
                    + "`-o PasswordAuthentication=yes` (an -o option beats every file) or with `-o PasswordAuthentication=no`, "
                    + "then restart it");
        });
    }

    @Test
    void theCheckFollowsThePolicy() {
        assertThat(check.id()).isEqualTo(CheckId.SSH_KEY_ONLY);
        assertThat(check.enabled(ChecksConfig.DEFAULT)).isTrue();
        assertThat(check.enabled(ChecksConfig.DEFAULT.with(SshChecksConfig.KEY, new SshChecksConfig(true, false, null)))).isFalse();
        assertThat(check.enabled(ChecksConfig.DEFAULT.with(SshChecksConfig.KEY, new SshChecksConfig(false, true, null)))).isFalse();
    }
}
