package dev.hardening.core.families.firewall;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.HostFacts;
import dev.hardening.core.facts.firewall.AcceptedPort;
import dev.hardening.core.facts.firewall.BaseChain;
import dev.hardening.core.facts.firewall.FamilyVerdict;
import dev.hardening.core.facts.firewall.FirewallRuleset;
import dev.hardening.core.facts.firewall.InterfaceNames;
import dev.hardening.core.facts.firewall.PacketVerdict.Outcome;
import dev.hardening.core.facts.firewall.PacketVerdict;
import dev.hardening.core.facts.firewall.ProbeResult;
import dev.hardening.core.facts.firewall.Step;
import dev.hardening.core.facts.net.IpFamily;
import dev.hardening.core.facts.net.SocketInventory;
import dev.hardening.core.family.BaseCheck;
import dev.hardening.core.family.FindingFactory;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.FirewallChecksConfig;

/**
 * {@code firewall.default-deny}: a NEW connection from a public source to a port no rule names is
 * dropped on the input path, for tcp, udp and ICMP, on every interface, for IPv4 and for IPv6 (where the
 * kernel has IPv6), as the rule graph decides it. A packet that may be accepted by a rule the model does
 * not understand is an ERROR naming the rule, never a PASS. With {@code probe: true} also proven from the outside:
 * a public port that answers a TCP connect although no accept rule names it fails.
 */
public final class FirewallDefaultDenyCheck extends BaseCheck {
    private static final String NFT_EXAMPLE = "table inet filter { chain input { type filter hook input priority 0; "
            + "policy drop; ct state established,related accept; iif \"lo\" accept; tcp dport 22 accept; }; }";

    public FirewallDefaultDenyCheck() {
        super(CheckId.FIREWALL_DEFAULT_DENY, Severity.HIGH, FirewallRuleset.KEY, ProbeResult.RESULTS, SocketInventory.KEY);
    }

    @Override
    public boolean enabled(ChecksConfig config) {
        return config.get(FirewallChecksConfig.KEY).enabled() && (config.get(FirewallChecksConfig.KEY).defaultDeny() || config.get(FirewallChecksConfig.KEY).probe());
    }

    @Override
    public List<Finding> evaluate(HostFacts facts, ChecksConfig config) {
        FindingFactory findings = new FindingFactory(facts.hostName(), id(), severity());
        Fact<FirewallRuleset> fact = facts.get(FirewallRuleset.KEY);
        if (!(fact instanceof Fact.Known<FirewallRuleset> known)) {
            return List.of(findings.unavailable(fact));
        }
        FirewallRuleset ruleset = known.value();
        InterfaceNames interfaces = InterfaceNames.of(facts.get(SocketInventory.KEY));
        List<Finding> problems = new ArrayList<>();
        List<String> passEvidence = new ArrayList<>(sourceLines(ruleset));
        if (config.get(FirewallChecksConfig.KEY).defaultDeny()) {
            defaultDeny(ruleset, interfaces, findings, problems, passEvidence);
        }
        if (config.get(FirewallChecksConfig.KEY).probe()) {
            probe(facts.get(ProbeResult.RESULTS), ruleset, findings, problems, passEvidence);
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        return List.of(findings.pass("inbound default-deny holds for " + ruleset.families().stream()
                .map(IpFamily::toString).collect(Collectors.joining(" and ")) + " (rules managed by "
                + String.join(", ", ruleset.managers()) + ")"
                + (config.get(FirewallChecksConfig.KEY).probe() ? "; the probe found no port open beyond the accept rules" : ""),
                passEvidence.stream().distinct().toList()));
    }

    private static List<String> sourceLines(FirewallRuleset ruleset) {
        List<String> lines = new ArrayList<>();
        ruleset.sources().forEach(s -> lines.add("read " + s));
        lines.add("rules managed by " + (ruleset.managers().isEmpty() ? "nothing (no tables)" : String.join(", ", ruleset.managers())));
        return lines;
    }

    private static void defaultDeny(FirewallRuleset ruleset, InterfaceNames interfaces, FindingFactory findings,
            List<Finding> problems, List<String> passEvidence) {
        if (ruleset.tables().isEmpty()) {
            problems.add(findings.fail("there is no firewall ruleset at all: every inbound packet is accepted",
                    sourceLines(ruleset), "load an inbound default-deny ruleset for IPv4 and IPv6 and make it "
                            + "persistent, e.g. in /etc/nftables.conf `" + NFT_EXAMPLE + "` with "
                            + "`systemctl enable --now nftables`, or `ufw default deny incoming && ufw allow 22/tcp && ufw enable`"));
            return;
        }
        Map<IpFamily, FamilyVerdict> verdicts = new EnumMap<>(IpFamily.class);
        ruleset.families().forEach(f -> verdicts.put(f, ruleset.inbound(f, interfaces)));
        for (FamilyVerdict verdict : verdicts.values()) {
            IpFamily family = verdict.family();
            List<BaseChain> chains = ruleset.baseChains("input", family);
            if (verdict.outcome() == Outcome.DENIED) {
                chains.forEach(c -> passEvidence.addAll(c.evidence()));
                passEvidence.addAll(denials(verdict));
                passEvidence.add(family + " ports accepted plainly: " + accepted(ruleset, family));
                continue;
            }
            List<String> evidence = new ArrayList<>(sourceLines(ruleset));
            chains.forEach(c -> evidence.addAll(c.evidence()));
            if (chains.isEmpty()) {
                evidence.add("no input chain sees " + family + " packets");
            }
            PacketVerdict worst = verdict.worst();
            worst.path().forEach(s -> evidence.add(family + ": " + s.describe()));
            IpFamily other = family == IpFamily.IPV4 ? IpFamily.IPV6 : IpFamily.IPV4;
            Optional<BaseChain> otherDenying = Optional.ofNullable(verdicts.get(other))
                    .filter(v -> v.outcome() == Outcome.DENIED)
                    .flatMap(v -> denyingChain(ruleset, other, v.worst()));
            otherDenying.ifPresent(c -> evidence.addAll(c.evidence()));
            String although = otherDenying.map(c -> ", although " + other + " is (" + c.label() + ")").orElse("");
            if (worst.outcome() == Outcome.MAY_BE_ACCEPTED) {
                problems.add(findings.error("cannot tell whether inbound " + family + " is default-deny: "
                        + worst.packet().describe() + " may be accepted: " + worst.why(), evidence));
                continue;
            }
            problems.add(findings.fail("inbound " + family + " is not default-deny: " + reason(family, worst) + although,
                    evidence, remediation(ruleset, family, worst, otherDenying)));
        }
        passEvidence.add("forwarding: " + ruleset.forwarding().evidence());
        ruleset.publishedPorts(interfaces).forEach(p -> passEvidence.add("published by DNAT (ports.private-only "
                + "judges it): " + p.describe()));
    }

    private static String reason(IpFamily family, PacketVerdict accepted) {
        if (accepted.path().isEmpty()) {
            return "no input chain sees " + family + " packets";
        }
        if (accepted.byPolicyOnly()) {
            return "no input chain drops the " + family + " packets that match no accept rule (" + accepted.path()
                    .stream().map(s -> s.chainLabel() + " has " + s.text()).collect(Collectors.joining("; ")) + ")";
        }
        return accepted.packet().describe() + " is accepted by " + accepted.decidedBy();
    }

    /** Where a denied packet was dropped: the base chain of the deciding rule, or the one the path began in. */
    private static Optional<BaseChain> denyingChain(FirewallRuleset ruleset, IpFamily family, PacketVerdict denied) {
        if (denied.path().isEmpty()) {
            return Optional.empty();
        }
        Step first = denied.path().get(0);
        return ruleset.baseChains("input", family).stream()
                .filter(c -> c.table().label().equals(first.table()) && c.chain().name().equals(first.chain()))
                .findFirst();
    }

    /** {@code IPv4 denied by nftables table inet filter chain input policy drop: a NEW tcp packet ...; ...}. */
    private static List<String> denials(FamilyVerdict verdict) {
        Map<String, List<String>> byStep = new LinkedHashMap<>();
        verdict.packets().forEach(v -> byStep.computeIfAbsent(v.decidedBy(), k -> new ArrayList<>())
                .add(v.packet().describe()));
        List<String> lines = new ArrayList<>();
        byStep.forEach((step, packets) -> lines.add(verdict.family() + " denied by " + step + ": "
                + String.join("; ", packets)));
        return lines;
    }

    private static String accepted(FirewallRuleset ruleset, IpFamily family) {
        List<String> rules = ruleset.acceptedPorts(family).stream().map(r -> r.ports() + " (" + r.rule() + ")")
                .distinct().toList();
        return rules.isEmpty() ? "none" : String.join(", ", rules);
    }

    private static String remediation(FirewallRuleset ruleset, IpFamily family, PacketVerdict accepted,
            Optional<BaseChain> otherDenying) {
        String keep = " (accept what must stay reachable first, e.g. SSH, or you lock yourself out)";
        if (ruleset.managers().contains("ufw")) {
            return family == IpFamily.IPV6
                    ? "set IPV6=yes in /etc/default/ufw, then `ufw default deny incoming` and `ufw reload`" + keep
                    : "run `ufw default deny incoming` and `ufw reload`" + keep;
        }
        if (ruleset.managers().contains("firewalld")) {
            return "set the default zone's target to DROP or REJECT (`firewall-cmd --permanent --zone=public "
                    + "--set-target=DROP && firewall-cmd --reload`)" + keep;
        }
        if (accepted.byPolicyOnly()) {
            Step policy = accepted.path().get(0);
            if (policy.table().startsWith("nftables ")) {
                return "set `policy drop;` on " + policy.chainLabel() + " in the file that loads it (e.g. /etc/nftables.conf)"
                        + keep;
            }
            String cmd = family == IpFamily.IPV6 ? "ip6tables" : "iptables";
            return "run `" + cmd + " -P INPUT DROP` and persist it (e.g. `" + cmd + "-save > /etc/iptables/rules."
                    + (family == IpFamily.IPV6 ? "v6" : "v4") + "`)" + keep;
        }
        if (!accepted.path().isEmpty()) {
            Step rule = accepted.decidingStep();
            return "remove or narrow the rule `" + rule.text() + "` (" + rule.chainLabel() + " rule " + rule.rule()
                    + "), which accepts " + family + " packets from any source to ports no rule names";
        }
        if (otherDenying.isPresent() && otherDenying.get().table().tool().equals("nftables")) {
            BaseChain v4 = otherDenying.get();
            return "cover " + family + " too: make " + v4.label() + " an `inet` table (`table inet "
                    + v4.table().name() + "`), which sees IPv4 and IPv6, or add an `"
                    + (family == IpFamily.IPV6 ? "ip6" : "ip") + "` table with an input chain of policy drop";
        }
        if (otherDenying.isPresent()) {
            String cmd = family == IpFamily.IPV6 ? "ip6tables" : "iptables";
            return "give " + family + " the same rules: `" + cmd + " -P INPUT DROP` after the accept rules, persisted in "
                    + "/etc/iptables/rules." + (family == IpFamily.IPV6 ? "v6" : "v4") + keep;
        }
        return "load a default-deny input chain that sees " + family + ", e.g. in /etc/nftables.conf `" + NFT_EXAMPLE + "`"
                + keep;
    }

    private static void probe(Fact<List<ProbeResult>> fact, FirewallRuleset ruleset, FindingFactory findings,
            List<Finding> problems, List<String> passEvidence) {
        if (!(fact instanceof Fact.Known<List<ProbeResult>> known)) {
            problems.add(findings.unavailable(fact));
            return;
        }
        if (known.value().isEmpty()) {
            passEvidence.add("probe: no public TCP port to try");
        }
        for (ProbeResult result : known.value()) {
            passEvidence.add("probe: " + result.describe());
            if (result.outcome() == ProbeResult.Outcome.FAILED) {
                problems.add(findings.error("the firewall probe could not tell whether " + result.socket().portLabel()
                        + " is blocked: " + result.detail(), List.of(result.describe())));
            }
            if (result.outcome() != ProbeResult.Outcome.ANSWERED) {
                continue;
            }
            IpFamily family = result.family();
            List<AcceptedPort> rules = ruleset.acceptRulesFor(family, result.socket().transport(), result.socket().port());
            if (rules.isEmpty()) {
                List<String> evidence = new ArrayList<>();
                evidence.add(result.describe());
                evidence.add(result.socket().inventoryLine());
                evidence.add("no accept rule names " + result.socket().portLabel() + " for " + family);
                ruleset.baseChains("input", family).forEach(c -> evidence.addAll(c.evidence()));
                problems.add(findings.fail("the firewall does not block " + result.socket().portLabel() + ": "
                        + result.socket().ownerNames() + " answered at " + result.target()
                        + " although no accept rule allows it", evidence,
                        "drop inbound packets that match no accept rule (see the default-deny findings), or bind "
                                + "the service to a private address; if " + result.socket().portLabel() + " must be "
                                + "public, accept it explicitly (e.g. `" + result.socket().transport().label() + " dport "
                                + result.socket().port() + " accept`)"));
            } else {
                passEvidence.add("probe: " + result.socket().portLabel() + " answers and is accepted by `"
                        + rules.get(0).rule() + "`");
            }
        }
    }
}
