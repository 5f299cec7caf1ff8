package dev.hardening.core.families.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.hardening.core.model.Severity;

/** One thing wrong with a server's SSH crypto, with the lines that prove it and the line that fixes it. */
public sealed interface CryptoProblem {

    Severity severity();

    /** One line saying what is wrong. */
    String message();

    /** Where it was seen: {@code wire HOST:PORT} and/or the {@code sshd -T} line. */
    List<String> evidence();

    /** The sshd_config line to write (the whole list, weak names removed), or what to do. */
    String remediation();

    /**
     * An algorithm the policy forbids, offered on the wire and/or allowed by sshd's configuration.
     *
     * @param forbiddenBy the policy pattern it matches, e.g. {@code *-cbc*}
     * @param why why it is weak, in one line
     */
    record WeakAlgorithm(AlgorithmCategory category, String algorithm, List<String> sources, Severity severity,
            String why, String forbiddenBy, String remediation) implements CryptoProblem {
        public WeakAlgorithm {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(algorithm, "algorithm");
            sources = List.copyOf(sources);
            Objects.requireNonNull(severity, "severity");
        }

        @Override
        public String message() {
            return category.noun() + " " + algorithm + " is forbidden (" + forbiddenBy + "): " + why;
        }

        @Override
        public List<String> evidence() {
            return sources;
        }
    }

    /**
     * A server open to Terrapin (CVE-2023-48795): it offers chacha20-poly1305, or a CBC cipher with an
     * encrypt-then-MAC MAC, without strict key exchange, so an attacker in the path can delete the
     * first encrypted messages unnoticed (e.g. the extension negotiation).
     *
     * @param algorithms the algorithms that make it exposed
     */
    record TerrapinExposure(List<String> algorithms, String source, String remediation) implements CryptoProblem {
        public TerrapinExposure {
            algorithms = List.copyOf(algorithms);
            Objects.requireNonNull(source, "source");
        }

        /** MEDIUM as ssh-audit rates it: a downgrade of the handshake, no decryption. */
        @Override
        public Severity severity() {
            return Severity.MEDIUM;
        }

        @Override
        public String message() {
            return "open to Terrapin (CVE-2023-48795): " + String.join(", ", algorithms) + " without strict key"
                    + " exchange (" + KexInit.STRICT_KEX_MARKER + "); OpenSSH 9.6 and patched builds close it";
        }

        @Override
        public List<String> evidence() {
            return List.of(source + " offers " + String.join(", ", algorithms) + " and no " + KexInit.STRICT_KEX_MARKER);
        }
    }

    /**
     * The server answering on the wire does not run the configuration {@code sshd -T} read: a config
     * changed without a reload, or another daemon on the port. LOW, because every weak algorithm on
     * either side is reported by itself; what this adds is that judging the files alone would mislead.
     */
    record SourcesDisagree(AlgorithmCategory category, String wireSource, List<String> onlyOnWire,
            List<String> onlyInSshdT, String remediation) implements CryptoProblem {
        public SourcesDisagree {
            Objects.requireNonNull(category, "category");
            onlyOnWire = List.copyOf(onlyOnWire);
            onlyInSshdT = List.copyOf(onlyInSshdT);
        }

        @Override
        public Severity severity() {
            return Severity.LOW;
        }

        @Override
        public String message() {
            return "the server on the wire does not run the " + category.configKeyword() + " that sshd -T reads";
        }

        @Override
        public List<String> evidence() {
            List<String> lines = new ArrayList<>();
            if (!onlyOnWire.isEmpty()) {
                lines.add(wireSource + " offers, sshd -T does not: " + String.join(",", onlyOnWire));
            }
            if (!onlyInSshdT.isEmpty()) {
                lines.add("sshd -T " + category.sshdTKeyword() + " has, " + wireSource + " does not offer: "
                        + String.join(",", onlyInSshdT));
            }
            return lines;
        }
    }
}
