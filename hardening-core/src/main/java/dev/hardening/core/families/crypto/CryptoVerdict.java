package dev.hardening.core.families.crypto;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;

/** What {@link CryptoJudgement} concluded about one SSH server. */
public sealed interface CryptoVerdict {

    /**
     * FAIL when a problem was found; otherwise PASS only when both sources were read, since a weak
     * algorithm could sit in the one that was not; ERROR when none could be read.
     */
    Status status();

    /**
     * At least one source was read.
     *
     * @param problems most severe first
     * @param judged what was judged and passed: the identification, each source's lists, Terrapin's mitigation
     * @param unavailable each source that could not be read, with the reason
     */
    record Judged(List<CryptoProblem> problems, List<String> judged, List<String> unavailable)
            implements CryptoVerdict {
        public Judged {
            problems = problems.stream().sorted(Comparator.comparing(CryptoProblem::severity)).toList();
            judged = List.copyOf(judged);
            unavailable = List.copyOf(unavailable);
        }

        @Override
        public Status status() {
            if (!problems.isEmpty()) {
                return Status.FAIL;
            }
            return unavailable.isEmpty() ? Status.PASS : Status.ERROR;
        }

        /** The most severe problem's severity, if there is a problem. */
        public Optional<Severity> severity() {
            return problems.stream().map(CryptoProblem::severity).findFirst();
        }

        /** Each distinct remediation, in the order of the problems. */
        public List<String> remediations() {
            return problems.stream().map(CryptoProblem::remediation).distinct().toList();
        }
    }

    /** Neither the wire nor sshd -T could be read; the reasons, one a source. */
    record Unknown(List<String> reasons) implements CryptoVerdict {
        public Unknown {
            reasons = List.copyOf(reasons);
        }

        @Override
        public Status status() {
            return Status.ERROR;
        }
    }
}
