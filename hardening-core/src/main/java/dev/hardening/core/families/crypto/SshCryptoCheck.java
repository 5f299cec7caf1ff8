package dev.hardening.core.families.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.HostFacts;
import dev.hardening.core.facts.ssh.SshFacts;
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
        super(ID, Severity.MEDIUM, SshFacts.KEY, CryptoFacts.WIRE, CryptoFacts.CONFIGURED);
    }

    @Override
    public boolean enabled(ChecksConfig config) {
        return config.get(CryptoFamily.CONFIG).enabled();
    }

    @Override
    public List<Finding> evaluate(HostFacts facts, ChecksConfig config) {
        FindingFactory findings = new FindingFactory(facts.hostName(), ID, severity());
        if (facts.get(SshFacts.KEY) instanceof Fact.NotApplicable<SshFacts> none) {
            return List.of(findings.skipped(none.reason()));
        }
        Observation<KexInit> wire = observed(facts.get(CryptoFacts.WIRE), "wire");
        Observation<ConfiguredCrypto> configured = observed(facts.get(CryptoFacts.CONFIGURED), "sshd -T");
        CryptoVerdict verdict = CryptoJudgement.judge(wire, configured, config.get(CryptoFamily.CONFIG));
        if (verdict instanceof CryptoVerdict.Unknown unknown) {
            return List.of(findings.error("cannot tell which algorithms the SSH server offers: "
                    + String.join("; ", unknown.reasons()), unknown.reasons()));
        }
        CryptoVerdict.Judged judged = (CryptoVerdict.Judged) verdict;
        if (!judged.problems().isEmpty()) {
            return judged.problems().stream().map(p -> failure(findings, p, judged)).toList();
        }
        List<String> evidence = new ArrayList<>(judged.judged());
        evidence.addAll(judged.unavailable());
        if (!judged.unavailable().isEmpty()) {
            return List.of(findings.error("no weak algorithm was seen, but not every source could be read: "
                    + String.join("; ", judged.unavailable()), evidence));
        }
        return List.of(findings.pass("no weak key exchange, host key, cipher or MAC algorithm is offered on the "
                + "wire or allowed by sshd -T", evidence));
    }

    private static Finding failure(FindingFactory findings, CryptoProblem problem, CryptoVerdict.Judged judged) {
        List<String> evidence = new ArrayList<>(problem.evidence());
        evidence.addAll(judged.unavailable());
        return findings.withSeverity(problem.severity()).fail(subject(problem), problem.message(), evidence,
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

    /** A fact that is itself unknown (a gathering defect) is a source that could not be read. */
    private static <T> Observation<T> observed(Fact<Observation<T>> fact, String source) {
        if (fact instanceof Fact.Known<Observation<T>> known) {
            return known.value();
        }
        return Observation.unavailable(source, fact instanceof Fact.Unknown<Observation<T>> u ? u.reason()
                : "not applicable");
    }
}
