package dev.hardening.core.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.FactKey;
import dev.hardening.core.facts.firewall.FirewallRuleset;
import dev.hardening.core.facts.firewall.InputChain;
import dev.hardening.core.facts.firewall.PortRule;
import dev.hardening.core.facts.firewall.ProbeResult;
import dev.hardening.core.facts.net.IpFamily;
import dev.hardening.core.facts.HostFacts;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.FirewallChecksConfig;
import dev.hardening.core.family.FindingFactory;
import dev.hardening.core.family.Check;

/**
 * {@code firewall.default-deny}: an inbound packet that matches no accept rule is dropped, for IPv4
 * and for IPv6 (where the kernel has IPv6). With {@code probe: true} also proven from the outside:
 * a public port that answers a TCP connect although no accept rule names it fails.
 */
public final class FirewallDefaultDenyCheck implements Check {
    private static final String NFT_EXAMPLE = "table inet filter { chain input { type filter hook input priority 0; "
            + "policy drop; ct state established,related accept; iif \"lo\" accept; tcp dport 22 accept; }; }";

    @Override
    public CheckId id() {
        return CheckId.FIREWALL_DEFAULT_DENY;
    }

    @Override
    public Severity severity() {
        return Severity.HIGH;
    }

    @Override
    public boolean enabled(ChecksConfig config) {
        return config.get(FirewallChecksConfig.KEY).enabled() && (config.get(FirewallChecksConfig.KEY).defaultDeny() || config.get(FirewallChecksConfig.KEY).probe());
    }

    @Override
    public Set<FactKey<?>> needs() {
        return Set.of(FirewallRuleset.KEY, ProbeResult.RESULTS);
    }

    @Override
    public List<Finding> evaluate(HostFacts facts, ChecksConfig config) {
        FindingFactory findings = new FindingFactory(facts.hostName(), id(), severity());
        Fact<FirewallRuleset> fact = facts.get(FirewallRuleset.KEY);
        if (!(fact instanceof Fact.Known<FirewallRuleset> known)) {
            return List.of(findings.unavailable(fact));
        }
        FirewallRuleset ruleset = known.value();
        List<Finding> problems = new ArrayList<>();
        List<String> passEvidence = new ArrayList<>(sourceLines(ruleset));
        if (config.get(FirewallChecksConfig.KEY).defaultDeny()) {
            defaultDeny(ruleset, findings, problems, passEvidence);
        }
        if (config.get(FirewallChecksConfig.KEY).probe()) {
            probe(facts.get(ProbeResult.RESULTS), ruleset, findings, problems, passEvidence);
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        List<IpFamily> families = families(ruleset);
        return List.of(findings.pass("inbound default-deny holds for " + families.stream().map(IpFamily::toString)
                .collect(Collectors.joining(" and ")) + " (rules managed by " + String.join(", ", ruleset.managers())
                + ")" + (config.get(FirewallChecksConfig.KEY).probe() ? "; the probe found no port open beyond the accept rules" : ""),
                passEvidence));
    }

    private static List<IpFamily> families(FirewallRuleset ruleset) {
        return ruleset.ipv6() ? List.of(IpFamily.IPV4, IpFamily.IPV6) : List.of(IpFamily.IPV4);
    }

    private static List<String> sourceLines(FirewallRuleset ruleset) {
        List<String> lines = new ArrayList<>();
        ruleset.sources().forEach(s -> lines.add("read " + s));
        lines.add("rules managed by " + (ruleset.managers().isEmpty() ? "nothing (no tables)" : String.join(", ", ruleset.managers())));
        return lines;
    }

    private static void defaultDeny(FirewallRuleset ruleset, FindingFactory findings, List<Finding> problems,
            List<String> passEvidence) {
        if (ruleset.tables() == 0) {
            problems.add(findings.fail("there is no firewall ruleset at all: every inbound packet is accepted",
                    sourceLines(ruleset), "load an inbound default-deny ruleset for IPv4 and IPv6 and make it "
                            + "persistent, e.g. in /etc/nftables.conf `" + NFT_EXAMPLE + "` with "
                            + "`systemctl enable --now nftables`, or `ufw default deny incoming && ufw allow 22/tcp && ufw enable`"));
            return;
        }
        for (IpFamily family : families(ruleset)) {
            List<InputChain> denying = ruleset.denyingChains(family);
            if (!denying.isEmpty()) {
                denying.forEach(c -> passEvidence.addAll(c.evidence()));
                passEvidence.add(family + " ports accepted plainly: " + accepted(ruleset, family));
                continue;
            }
            List<String> evidence = new ArrayList<>(sourceLines(ruleset));
            List<InputChain> open = ruleset.chainsFor(family);
            open.forEach(c -> evidence.addAll(c.evidence()));
            if (open.isEmpty()) {
                evidence.add("no input chain sees " + family + " packets");
            }
            IpFamily other = family == IpFamily.IPV4 ? IpFamily.IPV6 : IpFamily.IPV4;
            List<InputChain> otherDenying = ruleset.denyingChains(other);
            otherDenying.forEach(c -> evidence.addAll(c.evidence()));
            String reason = open.isEmpty() ? "no input chain sees " + family + " packets"
                    : "no input chain drops the " + family + " packets that match no accept rule ("
                            + open.stream().map(c -> c.label() + (c.acceptAll().isPresent()
                                    ? " accepts every packet with `" + c.acceptAll().get() + "`"
                                    : " has policy " + c.policy())).collect(Collectors.joining("; ")) + ")";
            String message = "inbound " + family + " is not default-deny: " + reason
                    + (otherDenying.isEmpty() ? "" : ", although " + other + " is (" + otherDenying.get(0).label() + ")");
            problems.add(findings.fail(message, evidence, remediation(ruleset, family, open, otherDenying)));
        }
    }

    private static String accepted(FirewallRuleset ruleset, IpFamily family) {
        List<String> rules = ruleset.chainsFor(family).stream().flatMap(c -> c.acceptedPorts().stream())
                .map(r -> r.ports() + " (" + r.rule() + ")").distinct().toList();
        return rules.isEmpty() ? "none" : String.join(", ", rules);
    }

    private static String remediation(FirewallRuleset ruleset, IpFamily family, List<InputChain> open,
            List<InputChain> otherDenying) {
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
        for (InputChain chain : open) {
            if (chain.tool().equals("nftables") && chain.acceptAll().isEmpty()) {
                return "set `policy drop;` on " + chain.label() + " in the file that loads it (e.g. /etc/nftables.conf)"
                        + keep;
            }
            if (!chain.tool().equals("nftables") && chain.acceptAll().isEmpty()) {
                String cmd = chain.families().contains(IpFamily.IPV6) ? "ip6tables" : "iptables";
                return "run `" + cmd + " -P INPUT DROP` and persist it (e.g. `" + cmd + "-save > /etc/iptables/rules."
                        + (cmd.equals("iptables") ? "v4" : "v6") + "`)" + keep;
            }
            if (chain.acceptAll().isPresent()) {
                return "remove the rule `" + chain.acceptAll().get() + "` from " + chain.label()
                        + ", which accepts every packet before the default applies";
            }
        }
        if (!otherDenying.isEmpty() && otherDenying.get(0).tool().equals("nftables")) {
            InputChain v4 = otherDenying.get(0);
            return "cover " + family + " too: make " + v4.label() + " an `inet` table (`table inet "
                    + v4.table().substring(v4.table().indexOf(' ') + 1) + "`), which sees IPv4 and IPv6, or add an `"
                    + (family == IpFamily.IPV6 ? "ip6" : "ip") + "` table with an input chain of policy drop";
        }
        if (!otherDenying.isEmpty()) {
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
            List<PortRule> rules = ruleset.acceptRulesFor(family, result.socket().transport(), result.socket().port());
            if (rules.isEmpty()) {
                List<String> evidence = new ArrayList<>();
                evidence.add(result.describe());
                evidence.add(result.socket().inventoryLine());
                evidence.add("no accept rule names " + result.socket().portLabel() + " for " + family);
                ruleset.chainsFor(family).forEach(c -> evidence.addAll(c.evidence()));
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
