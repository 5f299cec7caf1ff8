package dev.hardening.core.families.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.HostFacts;
import dev.hardening.core.family.BaseCheck;
import dev.hardening.core.family.FindingFactory;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Subject;
import dev.hardening.core.policy.ChecksConfig;

/**
 * {@code ssh.crypto}: the SSH server offers no weak key exchange, host key, cipher or MAC algorithm,
 * proven on the wire and from {@code sshd -T} alike; one finding per weak algorithm, at its own severity.
 */
public final class SshCryptoCheck extends BaseCheck {
    public static final CheckId ID = CheckId.of("ssh.crypto",
            "SSH offers no weak key exchange, host key, cipher or MAC algorithm (wire and sshd -T)");

    public SshCryptoCheck() {
        super(ID, Severity.MEDIUM, CryptoFacts.DAEMONS);
    }

    @Override
    public boolean enabled(ChecksConfig config) {
        return config.get(CryptoFamily.CONFIG).enabled();
    }

    @Override
    public List<Finding> evaluate(HostFacts facts, ChecksConfig config) {
        FindingFactory findings = new FindingFactory(facts.hostName(), ID, severity());
        Fact<List<DaemonCrypto>> daemons = facts.get(CryptoFacts.DAEMONS);
        if (!(daemons instanceof Fact.Known<List<DaemonCrypto>> known)) {
            return List.of(findings.unavailable(daemons));
        }
        boolean several = known.value().size() > 1;
        List<Finding> problems = new ArrayList<>();
        List<String> passEvidence = new ArrayList<>();
        for (DaemonCrypto daemon : known.value()) {
            String on = several ? " on " + daemon.label() : "";
            for (Observation<KexInit> wire : daemon.wire()) {
                CryptoVerdict verdict = CryptoJudgement.judge(wire, daemon.configured(), config.get(CryptoFamily.CONFIG));
                judge(verdict, findings, on, problems, passEvidence, several ? daemon.label() + ": " : "");
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        return List.of(findings.pass("no weak key exchange, host key, cipher or MAC algorithm is offered on the "
                + "wire or allowed by sshd -T" + (several ? " by any of the " + known.value().size() + " SSH daemons" : ""),
                passEvidence));
    }

    private static void judge(CryptoVerdict verdict, FindingFactory findings, String on, List<Finding> problems,
            List<String> passEvidence, String prefix) {
        if (verdict instanceof CryptoVerdict.Unknown unknown) {
            problems.add(findings.error("cannot tell which algorithms the SSH server offers" + on + ": "
                    + String.join("; ", unknown.reasons()), unknown.reasons()));
            return;
        }
        CryptoVerdict.Judged judged = (CryptoVerdict.Judged) verdict;
        if (!judged.problems().isEmpty()) {
            judged.problems().forEach(p -> problems.add(failure(findings, p, judged, on)));
            return;
        }
        List<String> evidence = new ArrayList<>(judged.judged());
        evidence.addAll(judged.unavailable());
        if (!judged.unavailable().isEmpty()) {
            problems.add(findings.error("no weak algorithm was seen" + on + ", but not every source could be read: "
                    + String.join("; ", judged.unavailable()), evidence));
            return;
        }
        evidence.forEach(e -> passEvidence.add(prefix + e));
    }

    private static Finding failure(FindingFactory findings, CryptoProblem problem, CryptoVerdict.Judged judged,
            String on) {
        List<String> evidence = new ArrayList<>(problem.evidence());
        evidence.addAll(judged.unavailable());
        return findings.withSeverity(problem.severity()).fail(subject(problem), problem.message() + on, evidence,
                problem.remediation() + " (sshd keeps the first value it reads: write it before any other "
                        + "line for the keyword, e.g. in /etc/ssh/sshd_config.d/00-crypto.conf), then reload sshd");
    }

    private static Subject subject(CryptoProblem problem) {
        if (problem instanceof CryptoProblem.WeakAlgorithm weak) {
            return new Subject.Setting(weak.category().configKeyword(), weak.algorithm(), Optional.empty());
        }
        if (problem instanceof CryptoProblem.TerrapinExposure terrapin) {
            return new Subject.Setting("Ciphers", String.join(",", terrapin.algorithms()), Optional.empty());
        }
        CryptoProblem.SourcesDisagree disagree = (CryptoProblem.SourcesDisagree) problem;
        return new Subject.Setting(disagree.category().configKeyword(), "the wire differs from sshd -T",
                Optional.empty());
    }
}
