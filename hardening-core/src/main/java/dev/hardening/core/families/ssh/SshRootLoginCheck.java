package dev.hardening.core.families.ssh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.hardening.core.facts.ssh.Directive;
import dev.hardening.core.facts.ssh.MatchBlock;
import dev.hardening.core.facts.ssh.SshContext;
import dev.hardening.core.facts.ssh.SshDaemonFacts;
import dev.hardening.core.facts.ssh.SshFacts;
import dev.hardening.core.family.FactCheck;
import dev.hardening.core.family.FindingFactory;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.SshChecksConfig.RootLogin;
import dev.hardening.core.policy.SshChecksConfig;

/**
 * {@code ssh.root-login}: root cannot log in directly ({@code PermitRootLogin no}), or only with a key
 * when the policy says {@code rootLogin: prohibit-password}; judged for every context root can reach.
 */
public final class SshRootLoginCheck extends FactCheck<SshFacts> {
    private static final String KEYWORD = "permitrootlogin";
    private static final String WIRE_NOTE = "the SSH protocol does not reveal PermitRootLogin before authentication, "
            + "so this is proven from the configuration";

    public SshRootLoginCheck() {
        super(CheckId.SSH_ROOT_LOGIN, Severity.HIGH, SshFacts.KEY);
    }

    @Override
    public boolean enabled(ChecksConfig config) {
        return config.get(SshChecksConfig.KEY).enabled();
    }

    @Override
    protected List<Finding> judge(SshFacts all, FindingFactory findings, ChecksConfig config) {
        RootLogin required = config.get(SshChecksConfig.KEY).rootLogin();
        List<Finding> results = new ArrayList<>();
        for (SshDaemonFacts daemon : all.daemons()) {
            results.addAll(judge(all, daemon, findings, required));
        }
        all.unexamined().forEach(d -> results.add(SshFindings.unexamined(findings, d)));
        return results;
    }

    private List<Finding> judge(SshFacts all, SshDaemonFacts ssh, FindingFactory findings, RootLogin required) {
        String on = SshFindings.on(all, ssh);
        String fix = "PermitRootLogin " + required;
        Map<String, Finding> results = new LinkedHashMap<>();
        List<String> passEvidence = new ArrayList<>(List.of(SshFindings.sourceLine(all, ssh)));
        for (SshContext context : ssh.contexts()) {
            if (!context.user().equals("root")) {
                continue;
            }
            String value = context.settings().first(KEYWORD).orElse("").toLowerCase(Locale.ROOT);
            String key = SshFindings.problemKey(ssh, context, KEYWORD);
            String evidence = ssh.evidence(context, KEYWORD);
            switch (verdict(value, required)) {
                case OK -> passEvidence.add(evidence);
                case TOO_OPEN -> results.putIfAbsent(key, findings.fail(SshFindings.setting(ssh, context, KEYWORD, value),
                        problem(value, required) + " "
                        + SshFindings.where(ssh, context, KEYWORD) + on,
                        List.of(SshFindings.sourceLine(all, ssh), evidence, WIRE_NOTE),
                        SshFindings.remediation(ssh, context, KEYWORD, fix) + hint(value, required)));
                default -> results.putIfAbsent(key, findings.error("PermitRootLogin has a value this check does not "
                        + "know: '" + value + "' " + SshFindings.where(ssh, context, KEYWORD) + on, List.of(evidence)));
            }
        }
        for (MatchBlock block : ssh.unenterable()) {
            for (Directive line : ssh.files().map(f -> f.directives()).orElse(List.of())) {
                if (line.keyword().equals(KEYWORD) && line.block().filter(block::equals).isPresent()
                        && verdict(line.value().toLowerCase(Locale.ROOT), required) != Verdict.OK) {
                    results.putIfAbsent(line.origin().toString(), findings.fail(SshFindings.setting(line),
                            problem(line.value().toLowerCase(Locale.ROOT), required) + " in " + block.label() + on,
                            List.of(line.evidence(), "no connection to check could be built for this block, "
                                    + "so its lines are judged as written"),
                            "set `" + fix + "` in the " + block.label() + " block, then reload sshd"));
                }
            }
        }
        if (!results.isEmpty()) {
            return List.copyOf(results.values());
        }
        passEvidence.add(WIRE_NOTE);
        return List.of(findings.pass((required == RootLogin.NO ? "root cannot log in over SSH"
                : "root can log in over SSH only with a key, as the policy allows") + on, passEvidence));
    }

    private enum Verdict { OK, TOO_OPEN, UNKNOWN }

    private static Verdict verdict(String value, RootLogin required) {
        return switch (value) {
            case "no" -> Verdict.OK;
            case "prohibit-password", "without-password", "forced-commands-only" ->
                required == RootLogin.PROHIBIT_PASSWORD ? Verdict.OK : Verdict.TOO_OPEN;
            case "yes" -> Verdict.TOO_OPEN;
            default -> Verdict.UNKNOWN;
        };
    }

    private static String problem(String value, RootLogin required) {
        if (value.equals("yes")) {
            return "root can log in over SSH with any method, passwords included (PermitRootLogin yes)";
        }
        return "root can log in over SSH with a key (PermitRootLogin " + value + "), but the policy requires "
                + "rootLogin: " + required;
    }

    private static String hint(String value, RootLogin required) {
        return value.equals("yes") || required == RootLogin.PROHIBIT_PASSWORD ? ""
                : "; or, if key-based root login is intended, set checks.ssh.rootLogin: prohibit-password in the policy";
    }
}
