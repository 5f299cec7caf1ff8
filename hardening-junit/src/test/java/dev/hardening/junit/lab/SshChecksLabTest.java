package dev.hardening.junit.lab;

import static dev.hardening.junit.lab.GateRuns.findings;
import static dev.hardening.junit.lab.GateRuns.gate;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.GateResult;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.core.model.Subject;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.SshChecksConfig.RootLogin;
import dev.hardening.core.policy.SshChecksConfig;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

@RequiresLab
class SshChecksLabTest {
    static final String HARDENED = "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin no\n";

    @Test
    void hardenedHostPassesBothChecks() {
        try (LabHost lab = LabHost.builder().dropIn("00-hardening.conf", HARDENED).start()) {
            GateResult result = gate("ssh", ChecksConfig.DEFAULT, lab.hostSpec("hardened"));

            assertThat(result.findings()).filteredOn(f -> f.check().prefix().equals("ssh"))
                    .extracting(Finding::status).containsOnly(Status.PASS);
            assertThat(result.passed()).isTrue();
            assertThat(findings(result, CheckId.SSH_KEY_ONLY).get(0).evidence())
                    .anySatisfy(e -> assertThat(e).contains("passwordauthentication no")
                            .contains("/etc/ssh/sshd_config.d/00-hardening.conf:1"))
                    .anySatisfy(e -> assertThat(e).contains("on the wire").contains("offers user deploy: publickey"));
        }
    }

    @Test
    void passwordAuthenticationYesFailsKeyOnlyOnConfigAndOnTheWire() {
        try (LabHost lab = LabHost.builder()
                .dropIn("00-hardening.conf", "PasswordAuthentication yes\nKbdInteractiveAuthentication no\nPermitRootLogin no\n")
                .start()) {
            List<Finding> keyOnly = findings(gate("ssh", ChecksConfig.DEFAULT, lab.hostSpec("weak")), CheckId.SSH_KEY_ONLY);

            assertThat(keyOnly).extracting(Finding::status).containsOnly(Status.FAIL);
            assertThat(keyOnly).anySatisfy(f -> {
                assertThat(f.message()).isEqualTo("password authentication is enabled globally");
                assertThat(f.evidence()).anySatisfy(e -> assertThat(e)
                        .contains("/etc/ssh/sshd_config.d/00-hardening.conf:1: PasswordAuthentication yes"));
                assertThat(f.remediation()).contains("change /etc/ssh/sshd_config.d/00-hardening.conf line 1 to "
                        + "`PasswordAuthentication no`");
                assertThat(f.subject().location()).as("SARIF locates it here")
                        .contains(new Subject.FileLine("/etc/ssh/sshd_config.d/00-hardening.conf", 1));
            });
            assertThat(keyOnly).anySatisfy(f -> assertThat(f.message())
                    .startsWith("the SSH server offers password authentication to user deploy on the wire"));
        }
    }

    @Test
    void cloudInitDropInBeatsTheMainFileBecauseTheFirstValueWins() {
        String mainFile = "Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication no\n"
                + "KbdInteractiveAuthentication no\nPermitRootLogin no\nUsePAM yes\nSubsystem sftp internal-sftp\n";
        try (LabHost lab = LabHost.builder().sshdConfig(mainFile)
                .dropIn("50-cloud-init.conf", "PasswordAuthentication yes\n").start()) {
            List<Finding> keyOnly = findings(gate("ssh", ChecksConfig.DEFAULT, lab.hostSpec("cloud")), CheckId.SSH_KEY_ONLY);

            assertThat(keyOnly).anySatisfy(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.evidence()).anySatisfy(e -> assertThat(e)
                        .contains("/etc/ssh/sshd_config.d/50-cloud-init.conf:1: PasswordAuthentication yes"));
            });
        }
    }

    @Test
    void rootLoginProhibitPasswordPassesOnlyWhenThePolicyAllowsIt() {
        try (LabHost lab = LabHost.builder().dropIn("00-hardening.conf",
                "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\n").start()) {
            ChecksConfig strict = ChecksConfig.DEFAULT;
            ChecksConfig lenient = ChecksConfig.DEFAULT.with(SshChecksConfig.KEY, new SshChecksConfig(true, true, RootLogin.PROHIBIT_PASSWORD));

            Finding underStrict = findings(gate("ssh", strict, lab.hostSpec("h")), CheckId.SSH_ROOT_LOGIN).get(0);
            Finding underLenient = findings(gate("ssh", lenient, lab.hostSpec("h")), CheckId.SSH_ROOT_LOGIN).get(0);

            assertThat(underStrict.status()).isEqualTo(Status.FAIL);
            assertThat(underStrict.message()).contains("PermitRootLogin without-password")
                    .contains("the policy requires rootLogin: no");
            assertThat(underLenient.status()).isEqualTo(Status.PASS);
        }
    }

    @Test
    void keyboardInteractiveWithPamFailsKeyOnlyNamingPam() {
        try (LabHost lab = LabHost.builder().dropIn("00-hardening.conf",
                "PasswordAuthentication no\nKbdInteractiveAuthentication yes\nUsePAM yes\nPermitRootLogin no\n").start()) {
            List<Finding> keyOnly = findings(gate("ssh", ChecksConfig.DEFAULT, lab.hostSpec("pam")), CheckId.SSH_KEY_ONLY);

            assertThat(keyOnly).anySatisfy(f -> assertThat(f.message()).isEqualTo(
                    "keyboard-interactive authentication is enabled with UsePAM yes (PAM asks for the password there) globally"));
            assertThat(keyOnly).anySatisfy(f -> assertThat(f.message())
                    .startsWith("the SSH server offers keyboard-interactive authentication to user deploy on the wire"));
        }
    }

    @Test
    void matchUserBlockThatReenablesPasswordsIsCaughtAndNamed() {
        try (LabHost lab = LabHost.builder().dropIn("00-hardening.conf", HARDENED)
                .setup("useradd -m ops && printf '\\nMatch User ops\\n    PasswordAuthentication yes\\n' >> /etc/ssh/sshd_config")
                .start()) {
            List<Finding> keyOnly = findings(gate("ssh", ChecksConfig.DEFAULT, lab.hostSpec("match")), CheckId.SSH_KEY_ONLY);

            assertThat(keyOnly).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.message()).startsWith("password authentication is enabled for Match User ops (/etc/ssh/sshd_config:");
                assertThat(f.evidence()).anySatisfy(e -> assertThat(e).startsWith("sshd -T -C user=ops,")
                        .contains("passwordauthentication yes"));
                assertThat(f.remediation()).contains("in the Match User ops block");
            });
        }
    }

    @Test
    void matchAddressBlockForAnotherNetworkIsCaughtByTheConfigAnalysisAlone() {
        try (LabHost lab = LabHost.builder().dropIn("00-hardening.conf", HARDENED)
                .setup("printf '\\nMatch Address 10.0.0.0/8\\n    PasswordAuthentication yes\\n    PermitRootLogin yes\\n'"
                        + " >> /etc/ssh/sshd_config")
                .start()) {
            GateResult result = gate("ssh", ChecksConfig.DEFAULT, lab.hostSpec("vpn"));
            List<Finding> keyOnly = findings(result, CheckId.SSH_KEY_ONLY);

            // the gate connects from the Docker gateway, outside 10/8: on the wire only publickey is offered
            assertThat(keyOnly).singleElement().satisfies(f -> {
                assertThat(f.message()).startsWith("password authentication is enabled for Match Address 10.0.0.0/8");
                assertThat(f.evidence()).anySatisfy(e -> assertThat(e).contains("addr=10.0.0.1"));
            });
            assertThat(findings(result, CheckId.SSH_ROOT_LOGIN)).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.message()).startsWith("root can log in over SSH with any method, passwords included "
                        + "(PermitRootLogin yes) for Match Address 10.0.0.0/8");
            });
        }
    }

    @Test
    void permitRootLoginYesFailsRootLogin() {
        try (LabHost lab = LabHost.builder().dropIn("00-hardening.conf",
                "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin yes\n").start()) {
            Finding rootLogin = findings(gate("ssh", ChecksConfig.DEFAULT, lab.hostSpec("root")), CheckId.SSH_ROOT_LOGIN).get(0);

            assertThat(rootLogin.status()).isEqualTo(Status.FAIL);
            assertThat(rootLogin.message()).isEqualTo(
                    "root can log in over SSH with any method, passwords included (PermitRootLogin yes) globally");
            assertThat(rootLogin.evidence()).anySatisfy(e -> assertThat(e)
                    .contains("/etc/ssh/sshd_config.d/00-hardening.conf:3: PermitRootLogin yes"));
            assertThat(rootLogin.remediation()).startsWith(
                    "change /etc/ssh/sshd_config.d/00-hardening.conf line 3 to `PermitRootLogin no`");
        }
    }

    @Test
    void userWithoutSudoFallsBackToTheConfigFilesAndSaysSo() {
        try (LabHost lab = LabHost.builder().withoutSudo()
                .dropIn("50-cloud-init.conf", "PasswordAuthentication yes\n").start()) {
            GateResult result = gate("ssh", ChecksConfig.DEFAULT, lab.hostSpec("nosudo"));
            List<Finding> keyOnly = findings(result, CheckId.SSH_KEY_ONLY);

            assertThat(keyOnly).anySatisfy(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.evidence().get(0)).startsWith("effective configuration from the config files")
                        .contains("no hostkeys available");
                assertThat(f.evidence()).anySatisfy(e -> assertThat(e)
                        .contains("/etc/ssh/sshd_config.d/50-cloud-init.conf:1: PasswordAuthentication yes [from config files]"));
            });
            // Debian's stock file leaves PermitRootLogin at its default: prohibit-password, not no
            assertThat(findings(result, CheckId.SSH_ROOT_LOGIN)).singleElement()
                    .satisfies(f -> assertThat(f.status()).isEqualTo(Status.FAIL));
        }
    }

    @Test
    void userWithoutSudoOnAHardenedHostPassesOnlyFromReadableFiles() {
        try (LabHost lab = LabHost.builder().withoutSudo().dropIn("00-hardening.conf", HARDENED)
                .setup("chmod 600 /etc/ssh/sshd_config.d/00-hardening.conf").start()) {
            GateResult result = gate("ssh", ChecksConfig.DEFAULT, lab.hostSpec("unreadable"));

            // neither sshd -T nor the drop-in can be read: ERROR, never a PASS
            assertThat(result.findings()).filteredOn(f -> f.check().prefix().equals("ssh"))
                    .extracting(Finding::status).containsOnly(Status.ERROR);
            assertThat(result.findings().get(0).message())
                    .contains("/etc/ssh/sshd_config.d/00-hardening.conf")
                    .contains("Permission denied");
            assertThat(result.passed()).isFalse();
        }
    }

    /** A rescue daemon with its own file and port, as people start one next to the hardened sshd. */
    static final String RESCUE = "PasswordAuthentication yes\nKbdInteractiveAuthentication no\nPermitRootLogin yes\n";
    static final String START_RESCUE = "/usr/sbin/sshd -f /etc/ssh/rescue.conf -p 2222";
    static final Pattern RESCUE_DAEMON = Pattern.compile(
            " on sshd pid \\d+ \\(config /etc/ssh/rescue\\.conf, port 2222\\)$");

    @Test
    void aSecondSshdWithItsOwnConfigAndPortThatAllowsPasswordsFailsKeyOnlyNamingThatDaemon() {
        try (LabHost lab = LabHost.builder().dropIn("00-hardening.conf", HARDENED).file("/etc/ssh/rescue.conf", RESCUE)
                .setup(START_RESCUE).start()) {
            GateResult result = gate("ssh", ChecksConfig.DEFAULT, GateOptions.DEFAULT.withProbeRoutes(lab.containerRoutes()),
                    lab.hostSpec("rescue"));
            List<Finding> keyOnly = findings(result, CheckId.SSH_KEY_ONLY);

            assertThat(keyOnly).filteredOn(f -> f.status() == Status.PASS).singleElement()
                    .satisfies(f -> assertThat(f.message()).endsWith(" on sshd pid 1 (config /etc/ssh/sshd_config, port 22)"));
            assertThat(keyOnly).anySatisfy(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.message()).startsWith("password authentication is enabled globally").containsPattern(RESCUE_DAEMON);
                assertThat(f.evidence().get(0)).startsWith("effective configuration from sshd -T -C for 2 connection(s), of sshd pid");
                assertThat(f.evidence()).anySatisfy(e -> assertThat(e).contains("lport=2222")
                        .contains("passwordauthentication yes <- /etc/ssh/rescue.conf:1"));
                assertThat(f.remediation()).startsWith("change /etc/ssh/rescue.conf line 1 to `PasswordAuthentication no`");
            });
            assertThat(keyOnly).anySatisfy(f -> assertThat(f.message())
                    .startsWith("the SSH server offers password authentication to user deploy on the wire (" + lab.containerAddress()
                            + ":2222)").containsPattern(RESCUE_DAEMON));
            assertThat(findings(result, CheckId.SSH_ROOT_LOGIN)).anySatisfy(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.message()).startsWith("root can log in over SSH with any method").containsPattern(RESCUE_DAEMON);
            });
        }
    }

    @Test
    void withoutSudoASecondSshdIsJudgedFromItsOwnFileNotTheDefaultOne() {
        try (LabHost lab = LabHost.builder().withoutSudo().dropIn("00-hardening.conf", HARDENED)
                .file("/etc/ssh/rescue.conf", RESCUE).setup(START_RESCUE).start()) {
            GateResult result = gate("ssh", ChecksConfig.DEFAULT, GateOptions.DEFAULT.withProbeRoutes(lab.containerRoutes()),
                    lab.hostSpec("nosudo-rescue"));

            assertThat(findings(result, CheckId.SSH_ROOT_LOGIN)).anySatisfy(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.message()).isEqualTo("root can log in over SSH with any method, passwords included "
                        + "(PermitRootLogin yes) globally" + f.message().substring(f.message().indexOf(" on sshd pid")));
                assertThat(f.message()).containsPattern(RESCUE_DAEMON);
                assertThat(f.evidence().get(0)).startsWith("effective configuration from the config files [/etc/ssh/rescue.conf]");
                assertThat(f.evidence()).contains("/etc/ssh/rescue.conf:3: PermitRootLogin yes [from config files]");
            });
            assertThat(findings(result, CheckId.SSH_ROOT_LOGIN)).anySatisfy(f -> {
                assertThat(f.status()).isEqualTo(Status.PASS);
                assertThat(f.message()).isEqualTo("root cannot log in over SSH on sshd pid 1 (config /etc/ssh/sshd_config, port 22)");
            });
        }
    }
}
