package dev.hardening.core.families.crypto;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import dev.hardening.core.model.Severity;

/**
 * Judges an SSH server's algorithms against the policy, from what it offers on the wire and what
 * {@code sshd -T} says it is configured with. A pure function.
 *
 * <p>A remediation is the whole list to write ({@code Ciphers aes256-gcm@openssh.com,aes256-ctr}),
 * not the {@code -} form ({@code Ciphers -*-cbc}): it means the same on every OpenSSH version (the
 * {@code -} form needs 7.5), and the line itself shows what the server will offer. sshd takes the
 * first value it reads for a keyword, so the line belongs before any other, e.g. in
 * {@code /etc/ssh/sshd_config.d/00-crypto.conf} on Debian, whose sshd_config includes that folder first.
 */
public final class CryptoJudgement {
    static final String CHACHA20 = "chacha20-poly1305@openssh.com";
    /** Used when the current list has nothing left once the weak names are out: OpenSSH 9's strong defaults. */
    private static final Map<AlgorithmCategory, List<String>> STRONG = Map.of(
            AlgorithmCategory.KEX, List.of("sntrup761x25519-sha512@openssh.com", "curve25519-sha256",
                    "curve25519-sha256@libssh.org", "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512",
                    "diffie-hellman-group-exchange-sha256"),
            AlgorithmCategory.HOST_KEY, List.of("ssh-ed25519", "rsa-sha2-512", "rsa-sha2-256"),
            AlgorithmCategory.CIPHER, List.of(CHACHA20, "aes256-gcm@openssh.com", "aes128-gcm@openssh.com",
                    "aes256-ctr", "aes192-ctr", "aes128-ctr"),
            AlgorithmCategory.MAC, List.of("hmac-sha2-512-etm@openssh.com", "hmac-sha2-256-etm@openssh.com",
                    "umac-128-etm@openssh.com"),
            AlgorithmCategory.USER_KEY, List.of("ssh-ed25519", "sk-ssh-ed25519@openssh.com", "rsa-sha2-512",
                    "rsa-sha2-256"));

    private final Observation<KexInit> wire;
    private final Observation<ConfiguredCrypto> sshdT;
    private final CryptoChecksConfig policy;

    private CryptoJudgement(Observation<KexInit> wire, Observation<ConfiguredCrypto> sshdT, CryptoChecksConfig policy) {
        this.wire = wire;
        this.sshdT = sshdT;
        this.policy = policy;
    }

    /**
     * @param wire from {@link KexInitProbe#probe}
     * @param sshdT from {@link SshdTCryptoParser#parse} on the host's {@code sshd -T} output, or why there is none
     */
    public static CryptoVerdict judge(Observation<KexInit> wire, Observation<ConfiguredCrypto> sshdT,
            CryptoChecksConfig policy) {
        if (wire instanceof Observation.Unavailable<KexInit> w && sshdT instanceof Observation.Unavailable<ConfiguredCrypto> s) {
            return new CryptoVerdict.Unknown(List.of(unavailable(w), unavailable(s)));
        }
        return new CryptoJudgement(wire, sshdT, policy).judge();
    }

    private CryptoVerdict judge() {
        List<CryptoProblem> problems = new ArrayList<>();
        List<String> judged = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        Optional<KexInit> offer = wire instanceof Observation.Seen<KexInit> w ? Optional.of(w.value()) : Optional.empty();
        Optional<ConfiguredCrypto> config = sshdT instanceof Observation.Seen<ConfiguredCrypto> s
                ? Optional.of(s.value()) : Optional.empty();
        if (wire instanceof Observation.Unavailable<KexInit> w) {
            unavailable.add(unavailable(w));
        }
        if (sshdT instanceof Observation.Unavailable<ConfiguredCrypto> s) {
            unavailable.add(unavailable(s));
        }
        offer.ifPresent(o -> judged.add(wire.source() + " identifies as " + o.serverIdentification()));

        for (AlgorithmCategory category : AlgorithmCategory.values()) {
            List<String> onWire = offer.filter(o -> category.onTheWire()).map(o -> o.offered(category)).orElse(List.of());
            List<String> configured = config.map(c -> c.configured(category)).orElse(List.of());
            offer.filter(o -> category.onTheWire()).ifPresent(o ->
                    judged.add(wire.source() + " " + category.configKeyword() + ": " + String.join(",", onWire)));
            config.ifPresent(c -> judged.add("sshd -T: " + c.sshdTLine(category)));
            problems.addAll(weakAlgorithms(category, onWire, configured, config));
            if (offer.isPresent() && config.isPresent() && category.onTheWire()) {
                disagreement(category, onWire, configured, config.get()).ifPresent(problems::add);
            }
        }
        offer.ifPresent(o -> terrapin(o, config, problems, judged));
        return new CryptoVerdict.Judged(problems, judged, unavailable);
    }

    private List<CryptoProblem> weakAlgorithms(AlgorithmCategory category, List<String> onWire, List<String> configured,
            Optional<ConfiguredCrypto> config) {
        Set<String> seen = new LinkedHashSet<>(onWire);
        seen.addAll(configured);
        String fix = null;
        List<CryptoProblem> problems = new ArrayList<>();
        for (String algorithm : seen) {
            Optional<String> pattern = policy.forbiddenBy(category, algorithm);
            if (pattern.isEmpty()) {
                continue;
            }
            if (fix == null) {
                fix = remediation(category, config, onWire, name -> false);
            }
            Optional<KnownWeakness> known = KnownWeakness.of(category, algorithm);
            List<String> sources = new ArrayList<>();
            if (onWire.contains(algorithm)) {
                sources.add(wire.source());
            }
            if (configured.contains(algorithm)) {
                sources.add("sshd -T: " + config.orElseThrow().sshdTLine(category));
            }
            problems.add(new CryptoProblem.WeakAlgorithm(category, algorithm, sources,
                    known.map(KnownWeakness::severity).orElse(Severity.MEDIUM),
                    known.map(KnownWeakness::why).orElse("the policy forbids it"),
                    "checks.crypto." + CryptoChecksConfig.forbiddenKey(category) + " '" + pattern.get() + "'", fix));
        }
        return problems;
    }

    /** Host keys: the wire offers only algorithms the server has a key for, so only names on the wire alone disagree. */
    private Optional<CryptoProblem> disagreement(AlgorithmCategory category, List<String> onWire, List<String> configured,
            ConfiguredCrypto config) {
        List<String> onlyOnWire = onWire.stream().filter(name -> !configured.contains(name)).toList();
        List<String> onlyInSshdT = category == AlgorithmCategory.HOST_KEY ? List.of()
                : configured.stream().filter(name -> !onWire.contains(name)).toList();
        if (onlyOnWire.isEmpty() && onlyInSshdT.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CryptoProblem.SourcesDisagree(category, wire.source(), onlyOnWire, onlyInSshdT,
                "reload sshd so that it runs the configuration sshd -T reads (systemctl reload ssh), or find which"
                        + " server answers on " + wire.source().substring("wire ".length())
                        + "; then judge again (config: " + config.sshdTLine(category) + ")"));
    }

    /** Strict key exchange shows only on the wire: sshd -T cannot tell whether the daemon has it. */
    private void terrapin(KexInit offer, Optional<ConfiguredCrypto> config, List<CryptoProblem> problems,
            List<String> judged) {
        List<String> ciphers = offer.offered(AlgorithmCategory.CIPHER);
        List<String> etmMacs = offer.offered(AlgorithmCategory.MAC).stream().filter(m -> m.endsWith("-etm@openssh.com"))
                .toList();
        List<String> cbc = etmMacs.isEmpty() ? List.of() : ciphers.stream().filter(CryptoJudgement::isCbc).toList();
        List<String> exposing = new ArrayList<>();
        if (ciphers.contains(CHACHA20)) {
            exposing.add(CHACHA20);
        }
        if (!cbc.isEmpty()) {
            exposing.addAll(cbc);
            exposing.add("with " + String.join(",", etmMacs));
        }
        if (exposing.isEmpty()) {
            judged.add("Terrapin (CVE-2023-48795): not exposed, " + wire.source()
                    + " offers neither chacha20-poly1305 nor a CBC cipher with an -etm MAC");
        } else if (offer.strictKex()) {
            judged.add("Terrapin (CVE-2023-48795): " + String.join(" ", exposing) + " offered, mitigated: "
                    + wire.source() + " announces strict key exchange (" + KexInit.STRICT_KEX_MARKER + ")");
        } else if (!policy.reportTerrapin()) {
            judged.add("Terrapin (CVE-2023-48795): exposed through " + String.join(" ", exposing)
                    + ", not reported (checks.crypto.reportTerrapin: false)");
        } else {
            problems.add(new CryptoProblem.TerrapinExposure(exposing, wire.source(),
                    "upgrade OpenSSH to 9.6 or a build with strict key exchange, or write: "
                            + remediation(AlgorithmCategory.CIPHER, config, ciphers,
                                    name -> name.equals(CHACHA20) || cbc.contains(name))));
        }
    }

    /**
     * The line to write: the list sshd -T reports (else what the wire offers) without the names the
     * policy forbids and those {@code alsoRemove} names.
     */
    private String remediation(AlgorithmCategory category, Optional<ConfiguredCrypto> config, List<String> onWire,
            Predicate<String> alsoRemove) {
        List<String> current = config.map(c -> c.configured(category)).orElse(onWire);
        Predicate<String> keep = name -> policy.forbiddenBy(category, name).isEmpty() && !alsoRemove.test(name);
        List<String> kept = current.stream().filter(keep).toList();
        if (kept.isEmpty()) {
            kept = STRONG.get(category).stream().filter(keep).toList();
        }
        if (kept.isEmpty()) {
            return "write a " + category.configKeyword() + " line with algorithms the policy allows: it forbids every"
                    + " one of " + String.join(",", current);
        }
        return category.configKeyword() + " " + String.join(",", kept);
    }

    private static boolean isCbc(String cipher) {
        return cipher.endsWith("-cbc") || cipher.contains("-cbc@");
    }

    private static String unavailable(Observation.Unavailable<?> source) {
        return source.source() + ": unavailable: " + source.reason();
    }
}
