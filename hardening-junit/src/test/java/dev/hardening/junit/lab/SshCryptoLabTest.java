package dev.hardening.junit.lab;

import static dev.hardening.junit.lab.GateRuns.findings;
import static dev.hardening.junit.lab.GateRuns.gate;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hardening.core.Hardening;
import dev.hardening.core.HostCheck;
import dev.hardening.core.families.crypto.CryptoChecks;
import dev.hardening.core.families.crypto.KexInitProbe;
import dev.hardening.core.families.crypto.SshCryptoCheck;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.GateResult;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;
import dev.hardening.core.model.Subject;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/** {@code ssh.crypto} through the registry, on real sshd: the wire and sshd -T judged together. */
@RequiresLab
class SshCryptoLabTest {
    private static final String WEAK = "Ciphers aes128-cbc,aes256-ctr\nMACs hmac-sha1,hmac-sha2-256\n"
            + "KexAlgorithms diffie-hellman-group14-sha1,curve25519-sha256\n";

    @Test
    void weakServerFailsNamingEachAlgorithmItsSourcesAndTheLineToWrite() {
        try (LabHost lab = LabHost.builder().dropIn("00-crypto.conf", WEAK).start()) {
            GateResult result = gate("crypto", ChecksConfig.DEFAULT, lab.hostSpec("weak"));
            List<Finding> crypto = findings(result, SshCryptoCheck.ID);

            assertThat(result.passed()).isFalse();
            assertThat(crypto).extracting(Finding::status).containsOnly(Status.FAIL);
            assertThat(crypto).extracting(Finding::subject).contains(
                    new Subject.Setting("Ciphers", "aes128-cbc"), new Subject.Setting("MACs", "hmac-sha1"),
                    new Subject.Setting("KexAlgorithms", "diffie-hellman-group14-sha1"));
            Finding cbc = crypto.stream().filter(f -> f.subject().equals(new Subject.Setting("Ciphers", "aes128-cbc")))
                    .findFirst().orElseThrow();
            assertThat(cbc.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(cbc.message()).contains("aes128-cbc");
            assertThat(cbc.evidence()).contains(KexInitProbe.source(lab.address(), lab.sshPort()))
                    .anySatisfy(e -> assertThat(e).startsWith("sshd -T").contains("ciphers aes128-cbc,aes256-ctr"));
            assertThat(cbc.remediation()).startsWith("Ciphers aes256-ctr");
            assertThat(crypto).extracting(Finding::remediation)
                    .anySatisfy(r -> assertThat(r).startsWith("MACs hmac-sha2-256"))
                    .anySatisfy(r -> assertThat(r).startsWith("KexAlgorithms curve25519-sha256"));
        }
    }

    @Test
    void hardenedServerPassesAndItsFamilyEntryAgrees() throws Exception {
        try (LabHost lab = LabHost.builder().hardened().start()) {
            GateResult result = gate("crypto", ChecksConfig.DEFAULT, lab.hostSpec("hardened"));

            assertThat(findings(result, SshCryptoCheck.ID)).singleElement().satisfies(f -> {
                assertThat(f.status()).as("%s", f).isEqualTo(Status.PASS);
                assertThat(f.evidence()).anySatisfy(e -> assertThat(e).contains("kex-strict-s-v00@openssh.com"));
            });
            try (HostCheck host = Hardening.connect(lab.hostSpec("hardened"), ChecksConfig.DEFAULT, GateOptions.DEFAULT)) {
                assertThat(host.family(CryptoChecks::new).noWeakAlgorithms()).extracting(Finding::status)
                        .containsExactly(Status.PASS);
            }
        }
    }

    @Test
    void aSecondSshdWithWeakCiphersIsJudgedOnItsOwnPortAndConfig() {
        // the hardened preset's firewall would keep port 2222 from the gate: the daemons alone here
        try (LabHost lab = LabHost.builder().dropIn("00-crypto.conf", LabHost.HARDENED_CRYPTO)
                .file("/etc/ssh/rescue.conf", "PasswordAuthentication no\n"
                + "PermitRootLogin no\n" + WEAK).setup("/usr/sbin/sshd -f /etc/ssh/rescue.conf -p 2222").start()) {
            GateResult result = gate("crypto", ChecksConfig.DEFAULT,
                    GateOptions.DEFAULT.withProbeRoutes(lab.containerRoutes()), lab.hostSpec("rescue"));
            List<Finding> crypto = findings(result, SshCryptoCheck.ID);

            assertThat(crypto).isNotEmpty().allSatisfy(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.message()).containsPattern(" on sshd pid \\d+ \\(config /etc/ssh/rescue\\.conf, port 2222\\)$");
            });
            assertThat(crypto).extracting(Finding::subject).contains(new Subject.Setting("Ciphers", "aes128-cbc"));
            assertThat(crypto).anySatisfy(f -> assertThat(f.evidence())
                    .contains(KexInitProbe.source(lab.containerAddress(), 2222)));
        }
    }
}
