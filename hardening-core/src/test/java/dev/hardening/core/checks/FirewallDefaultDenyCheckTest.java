package dev.hardening.core.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.firewall.FirewallRuleset;
import dev.hardening.core.facts.firewall.ProbeResult.Outcome;
import dev.hardening.core.facts.firewall.ProbeResult;
import dev.hardening.core.facts.net.IpFamily;
import dev.hardening.core.facts.net.ListeningSocket;
import dev.hardening.core.facts.net.Transport;
import dev.hardening.core.families.firewall.FirewallDefaultDenyCheck;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.FirewallChecksConfig;

class FirewallDefaultDenyCheckTest {
    private final FirewallDefaultDenyCheck check = new FirewallDefaultDenyCheck();

    @Test
    void inetDropPolicyPassesWithTheChainAndAcceptedPortsAsEvidence() {
        Finding pass = check.evaluate(NetworkFacts.nft("nft-inet-drop.json", true), ChecksConfig.DEFAULT).get(0);

        assertThat(pass.status()).isEqualTo(Status.PASS);
        assertThat(pass.message()).isEqualTo("inbound default-deny holds for IPv4 and IPv6 (rules managed by nftables)");
        assertThat(pass.evidence()).contains("nftables table inet filter chain input: type filter hook input priority 0; policy drop;")
                .anySatisfy(e -> assertThat(e).startsWith("IPv6 ports accepted plainly: 22/tcp (tcp dport 22 accept)"));
    }

    @Test
    void ipOnlyDropTableFailsForIpv6WithThatReason() {
        List<Finding> findings = check.evaluate(NetworkFacts.nft("nft-ip-only-drop.json", true), ChecksConfig.DEFAULT);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).isEqualTo("inbound IPv6 is not default-deny: no input chain sees IPv6 packets, "
                    + "although IPv4 is (nftables table ip filter chain input)");
            assertThat(f.remediation()).startsWith("cover IPv6 too: make nftables table ip filter chain input an `inet` "
                    + "table (`table inet filter`)");
        });
    }

    @Test
    void acceptPolicyFailsBothFamilies() {
        assertThat(check.evaluate(NetworkFacts.nft("nft-inet-accept.json", true), ChecksConfig.DEFAULT))
                .extracting(Finding::message).containsExactly(
                        "inbound IPv4 is not default-deny: no input chain drops the IPv4 packets that match no accept "
                                + "rule (nftables table inet filter chain input has policy accept)",
                        "inbound IPv6 is not default-deny: no input chain drops the IPv6 packets that match no accept "
                                + "rule (nftables table inet filter chain input has policy accept)");
    }

    @Test
    void noRulesetAtAllFails() {
        assertThat(check.evaluate(NetworkFacts.nft("nft-empty.json", true), ChecksConfig.DEFAULT)).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("there is no firewall ruleset at all"));
    }

    @Test
    void kernelWithoutIpv6NeedsOnlyIpv4() {
        assertThat(check.evaluate(NetworkFacts.nft("nft-ip-only-drop.json", false), ChecksConfig.DEFAULT))
                .singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(Status.PASS));
    }

    @Test
    void probedPortThatAnswersWithoutAnAcceptRuleFails() {
        NetworkFacts rules = NetworkFacts.nft("nft-inet-accept.json", true);
        ListeningSocket postgres = NetworkFacts.labInventory("lab.fd-listing.txt").sockets().stream()
                .filter(s -> s.port() == 5432).findFirst().orElseThrow();
        ListeningSocket ssh = new ListeningSocket(Transport.TCP, IpFamily.IPV4, postgres.address(), 22, 1, List.of(), "");
        NetworkFacts probed = new NetworkFacts(rules.sockets(), rules.firewall(), Fact.known(List.of(
                new ProbeResult(postgres, "172.17.0.2:5432", IpFamily.IPV4, Outcome.ANSWERED, "handshake completed in 1 ms"),
                new ProbeResult(ssh, "172.17.0.2:22", IpFamily.IPV4, Outcome.ANSWERED, "handshake completed in 1 ms"))));
        ChecksConfig probeOnly = ChecksConfig.DEFAULT.with(FirewallChecksConfig.KEY, new FirewallChecksConfig(true, false, true));

        assertThat(check.evaluate(probed, probeOnly)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).isEqualTo("the firewall does not block 5432/tcp: postgres (pid 39) answered at "
                    + "172.17.0.2:5432 although no accept rule allows it");
        });
    }

    @Test
    void unreadableRulesetIsAnError() {
        NetworkFacts facts = new NetworkFacts(Fact.unknown("x", List.of()), Fact.<FirewallRuleset>unknown(
                "the firewall ruleset cannot be read: nft -j list ruleset: Operation not permitted (you must be root)",
                List.of()), Fact.notApplicable("off"));

        assertThat(check.evaluate(facts, ChecksConfig.DEFAULT)).singleElement()
                .satisfies(f -> assertThat(f.status()).isEqualTo(Status.ERROR));
    }

    @Test
    void dropPolicyChainThatJumpsToAnAcceptAllChainFailsNamingTheRuleAndTheJump() {
        List<Finding> findings = check.evaluate(NetworkFacts.nft("graph/nft-jump-to-accept-all.nft.json", true),
                ChecksConfig.DEFAULT);

        assertThat(findings).extracting(Finding::status).containsOnly(Status.FAIL);
        assertThat(findings.get(0).message()).isEqualTo("inbound IPv4 is not default-deny: a NEW tcp packet from "
                + "198.51.100.7 on an interface whose name is unknown to port 31337 is accepted by nftables table inet "
                + "filter chain allow_all rule handle 7 `accept` (reached by jump from chain input rule handle 6)");
        assertThat(findings.get(0).remediation()).startsWith("remove or narrow the rule `accept` (nftables table inet "
                + "filter chain allow_all rule handle 7)");
    }

    @Test
    void acceptRuleWithAMatchTheCheckDoesNotUnderstandIsAnErrorNamingTheRuleNeverAPass() {
        assertThat(check.evaluate(NetworkFacts.nft("graph/nft-accept-by-mark.nft.json", true), ChecksConfig.DEFAULT))
                .hasSize(2).allSatisfy(f -> {
                    assertThat(f.status()).isEqualTo(Status.ERROR);
                    assertThat(f.message()).contains("may be accepted: nftables table inet filter chain input rule "
                            + "handle 5 `meta mark 1 accept` may match the packet: it depends on meta mark 1");
                });
    }

    @Test
    void acceptPolicyChainWhoseJumpTargetEndsInADropPassesWithTheDropAsEvidence() {
        Finding pass = check.evaluate(NetworkFacts.nft("graph/nft-jump-target-drops.nft.json", true),
                ChecksConfig.DEFAULT).get(0);

        assertThat(pass.status()).isEqualTo(Status.PASS);
        assertThat(pass.evidence()).anySatisfy(e -> assertThat(e).startsWith("IPv4 denied by nftables table inet filter "
                + "chain deny rule handle 6 `counter drop` (reached by jump from chain input rule handle 5): a NEW tcp packet"));
    }
}
