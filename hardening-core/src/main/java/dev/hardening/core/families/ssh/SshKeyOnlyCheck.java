package dev.hardening.core.families.ssh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import dev.hardening.core.facts.ssh.Directive;
import dev.hardening.core.facts.ssh.MatchBlock;
import dev.hardening.core.facts.ssh.SshContext;
import dev.hardening.core.facts.ssh.SshDaemonFacts;
import dev.hardening.core.facts.ssh.SshFacts;
import dev.hardening.core.facts.ssh.WireProbe;
import dev.hardening.core.family.FactCheck;
import dev.hardening.core.family.FindingFactory;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.SshChecksConfig;

/**
 * {@code ssh.key-only}: no connection can log in with a password, proven from sshd's effective
 * configuration for every context (globally, every Match block) and from what the server offers.
 */
public final class SshKeyOnlyCheck extends FactCheck<SshFacts> {
    /** A setting that lets a password in, and the directive that shuts it. */
    private record Rule(String keyword, Predicate<String> bad, String fix, String problem) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("passwordauthentication", "yes"::equals, "PasswordAuthentication no",
                    "password authentication is enabled"),
            new Rule("kbdinteractiveauthentication", "yes"::equals, "KbdInteractiveAuthentication no",
                    "keyboard-interactive authentication is enabled"),
            new Rule("permitemptypasswords", "yes"::equals, "PermitEmptyPasswords no",
                    "empty passwords are permitted"),
            new Rule("pubkeyauthentication", "no"::equals, "PubkeyAuthentication yes",
                    "public key authentication is disabled"),
            new Rule("authenticationmethods",
                    v -> v.contains("password") || v.contains("keyboard-interactive"),
                    "AuthenticationMethods publickey",
                    "AuthenticationMethods lets a password in"));

    public SshKeyOnlyCheck() {
        super(CheckId.SSH_KEY_ONLY, Severity.HIGH, SshFacts.KEY);
    }

    @Override
    public boolean enabled(ChecksConfig config) {
        return config.get(SshChecksConfig.KEY).enabled() && config.get(SshChecksConfig.KEY).keyOnly();
    }

    @Override
    protected List<Finding> judge(SshFacts all, FindingFactory findings, ChecksConfig config) {
        List<Finding> results = new ArrayList<>();
        for (SshDaemonFacts daemon : all.daemons()) {
            results.addAll(judge(all, daemon, findings));
        }
        all.unexamined().forEach(d -> results.add(SshFindings.unexamined(findings, d)));
        return results;
    }

    private List<Finding> judge(SshFacts all, SshDaemonFacts ssh, FindingFactory findings) {
        String on = SshFindings.on(all, ssh);
        Map<String, Finding> failures = new LinkedHashMap<>();
        for (SshContext context : ssh.contexts()) {
            for (Rule rule : RULES) {
                String value = context.settings().first(rule.keyword()).orElse("").toLowerCase(Locale.ROOT);
                if (rule.bad().test(value)) {
                    failures.putIfAbsent(SshFindings.problemKey(ssh, context, rule.keyword()), findings.fail(
                            SshFindings.setting(ssh, context, rule.keyword(), value), describe(rule, context) + " " + SshFindings.where(ssh, context, rule.keyword()) + on,
                            List.of(SshFindings.sourceLine(all, ssh), ssh.evidence(context, rule.keyword())),
                            SshFindings.remediation(ssh, context, rule.keyword(), rule.fix())));
                }
            }
        }
        for (MatchBlock block : ssh.unenterable()) {
            for (Directive line : linesOf(ssh, block)) {
                RULES.stream().filter(r -> r.keyword().equals(line.keyword())
                        && r.bad().test(line.value().toLowerCase(Locale.ROOT))).findFirst().ifPresent(rule ->
                        failures.putIfAbsent(line.origin().toString(), findings.fail(SshFindings.setting(line),
                                rule.problem() + " in " + block.label() + " (" + block.origin() + ")" + on,
                                List.of(line.evidence(), "no connection to check could be built for this block, "
                                        + "so its lines are judged as written"),
                                "set `" + rule.fix() + "` in the " + block.label() + " block, then reload sshd")));
            }
        }
        List<String> wire = SshFindings.wireEvidence(ssh);
        for (WireProbe probe : ssh.wireProbes()) {
            wireProblem(probe).map(problem -> problem + on).ifPresent(problem -> failures.putIfAbsent(problem, findings.fail(problem,
                    List.of(probe.describe()), "set `PasswordAuthentication no` and `KbdInteractiveAuthentication no` "
                            + "for every user (also in Match blocks), then reload sshd")));
        }
        if (!failures.isEmpty()) {
            return List.copyOf(failures.values());
        }
        Optional<WireProbe> failedProbe = ssh.wireProbes().stream().filter(p -> p instanceof WireProbe.Failed).findFirst();
        if (failedProbe.isPresent()) {
            return List.of(findings.error("the configuration is key-only, but the server could not be asked which "
                    + "methods it offers" + on, wire));
        }
        List<String> evidence = new ArrayList<>();
        evidence.add(SshFindings.sourceLine(all, ssh));
        SshContext global = ssh.contexts().get(0);
        RULES.forEach(r -> evidence.add(ssh.evidence(global, r.keyword())));
        evidence.addAll(wire);
        return List.of(findings.pass("only public key authentication is enabled (" + ssh.contexts().size()
                + " connection context(s) checked" + (ssh.contexts().size() > 2 ? ", Match blocks included" : "") + ")" + on,
                evidence));
    }

    private static String describe(Rule rule, SshContext context) {
        if (rule.keyword().equals("kbdinteractiveauthentication")
                && context.settings().first("usepam").orElse("no").equalsIgnoreCase("yes")) {
            return rule.problem() + " with UsePAM yes (PAM asks for the password there)";
        }
        if (rule.keyword().equals("authenticationmethods")) {
            return rule.problem() + " (" + context.settings().first(rule.keyword()).orElse("") + ")";
        }
        return rule.problem();
    }

    private static List<Directive> linesOf(SshDaemonFacts ssh, MatchBlock block) {
        return ssh.files().map(f -> f.directives().stream()
                .filter(d -> d.block().filter(block::equals).isPresent()).toList()).orElse(List.of());
    }

    private static Optional<String> wireProblem(WireProbe probe) {
        if (!(probe instanceof WireProbe.Offered offered)) {
            return Optional.empty();
        }
        var offer = offered.offer();
        if (offer.acceptedNone()) {
            return Optional.of("the SSH server lets user " + offer.user() + " in without any authentication");
        }
        List<String> bad = offer.methods().stream()
                .filter(m -> m.equals("password") || m.equals("keyboard-interactive")).toList();
        return bad.isEmpty() ? Optional.empty() : Optional.of("the SSH server offers " + String.join(" and ", bad)
                + " authentication to user " + offer.user() + " on the wire (" + offer.endpoint() + ")");
    }
}
