package dev.hardening.core.facts.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.hardening.core.Fixtures;
import dev.hardening.core.facts.firewall.PacketVerdict.Outcome;
import dev.hardening.core.facts.net.IpFamily;

/**
 * The evaluator on rulesets captured from the real tools (lab/capture-firewall-graph-fixtures.sh), with the
 * outcome netfilter's documented semantics give for a NEW connection from outside to a port no rule names.
 */
class RuleGraphEvaluatorTest {
    private static final InterfaceNames ETH0 = InterfaceNames.of(List.of("lo", "eth0"));

    private static FirewallRuleset shape(String name, Forwarding forwarding) {
        return FirewallShapes.shape(name, forwarding);
    }

    private static FirewallRuleset shape(String name) {
        return FirewallShapes.shape(name);
    }

    private static PacketVerdict worst(String shape, IpFamily family) {
        return shape(shape).inbound(family, ETH0).worst();
    }

    @Test
    void aJumpToAChainThatAcceptsEverythingOpensADropPolicyInputChain() {
        PacketVerdict nft = worst("nft-jump-to-accept-all", IpFamily.IPV4);
        PacketVerdict iptables = worst("iptables-jump-to-accept-all", IpFamily.IPV6);

        assertThat(nft.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(nft.packet().describe()).isEqualTo("a NEW tcp packet from 198.51.100.7 on eth0 to port 31337");
        assertThat(nft.decidedBy()).isEqualTo("nftables table inet filter chain allow_all rule handle 7 `accept` "
                + "(reached by jump from chain input rule handle 6)");
        assertThat(iptables.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(iptables.decidedBy()).isEqualTo("ip6tables-nft table filter chain ALLOW rule line 11 `-A ALLOW -j ACCEPT` "
                + "(reached by jump from chain INPUT rule line 10)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nft-goto-skips-the-rest", "iptables-goto-skips-the-rest"})
    void aGotoDoesNotComeBackSoTheAcceptAfterItIsNeverReached(String shape) {
        for (IpFamily family : IpFamily.values()) {
            PacketVerdict verdict = worst(shape, family);

            assertThat(verdict.outcome()).isEqualTo(Outcome.DENIED);
            assertThat(verdict.decidingStep().text()).isEqualTo("policy drop");
        }
    }

    @Test
    void aReturnResumesTheCallerAfterTheJump() {
        assertThat(worst("nft-return-before-accept", IpFamily.IPV4).outcome()).isEqualTo(Outcome.DENIED);
        PacketVerdict resumed = worst("nft-jump-returns-then-accept", IpFamily.IPV4);
        assertThat(resumed.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(resumed.decidedBy()).isEqualTo("nftables table inet filter chain input rule handle 7 `accept`");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nft-accept-every-source", "nft-accept-ct-new", "nft-accept-every-port",
            "iptables-accept-new", "iptables-accept-every-source"})
    void aRuleThatAcceptsEveryNewConnectionOpensBothFamilies(String shape) {
        for (IpFamily family : IpFamily.values()) {
            assertThat(worst(shape, family).outcome()).as(family.toString()).isEqualTo(Outcome.ACCEPTED);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nft-accept-whole-protocol", "iptables-accept-whole-protocol"})
    void acceptingAWholeProtocolOpensItButNotTheOthers(String shape) {
        FamilyVerdict verdict = shape(shape).inbound(IpFamily.IPV4, ETH0);

        assertThat(verdict.worst().packet().protocol()).isEqualTo("udp");
        assertThat(verdict.packets()).filteredOn(v -> !v.packet().protocol().equals("udp"))
                .extracting(PacketVerdict::outcome).containsOnly(Outcome.DENIED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nft-accept-public-interface", "iptables-accept-public-interface"})
    void acceptingThePublicInterfaceOpensPacketsArrivingThereOnly(String shape) {
        FamilyVerdict verdict = shape(shape).inbound(IpFamily.IPV4, ETH0);

        assertThat(verdict.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(verdict.packets()).filteredOn(v -> v.outcome() == Outcome.ACCEPTED)
                .extracting(v -> v.packet().in().toString()).containsOnly("eth0");
        assertThat(verdict.packets()).filteredOn(v -> v.packet().in() == Packet.Iface.OTHER)
                .extracting(PacketVerdict::outcome).containsOnly(Outcome.DENIED);
    }

    @Test
    void unknownInterfaceNamesMakeAnInterfaceRuleDoubtfulNotDenied() {
        FamilyVerdict verdict = shape("nft-accept-public-interface").inbound(IpFamily.IPV4, InterfaceNames.unknown());

        assertThat(verdict.outcome()).isEqualTo(Outcome.MAY_BE_ACCEPTED);
        assertThat(verdict.worst().why()).isEqualTo("nftables table inet filter chain input rule handle 5 `iifname eth0 accept` may match "
                + "the packet: it depends on the interface name (the host's interface names are not known)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nft-accept-with-limit", "nft-accept-by-mark", "nft-accept-dynamic-set",
            "nft-accept-ct-untracked"})
    void anAcceptWithAMatchTheModelDoesNotUnderstandMayAcceptAndSaysWhich(String shape) {
        PacketVerdict verdict = worst(shape, IpFamily.IPV4);

        assertThat(verdict.outcome()).isEqualTo(Outcome.MAY_BE_ACCEPTED);
        assertThat(verdict.why()).startsWith("nftables table inet filter chain input rule handle ")
                .contains(" may match the packet: it depends on ");
    }

    @Test
    void aVerdictMapDecidesOnlyForItsKeys() {
        FirewallRuleset ruleset = shape("nft-verdict-map");

        assertThat(ruleset.inbound(IpFamily.IPV4, ETH0).outcome()).isEqualTo(Outcome.DENIED);
        assertThat(ruleset.acceptedPorts(IpFamily.IPV4)).extracting(AcceptedPort::ports).containsExactly("22/tcp", "80/tcp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nft-jump-target-drops", "iptables-jump-target-drops"})
    void aJumpTargetEndingInADropDeniesDespiteAnAcceptPolicy(String shape) {
        PacketVerdict verdict = worst(shape, IpFamily.IPV4);

        assertThat(verdict.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(verdict.path()).extracting(Step::action).first().isEqualTo(Verdict.Kind.JUMP);
        assertThat(verdict.decidingStep().action()).isEqualTo(Verdict.Kind.DROP);
    }

    @Test
    void anAcceptEndsOnlyItsOwnBaseChainSoALaterDropPolicyStillDenies() {
        FirewallRuleset ruleset = shape("nft-base-chains-by-priority");

        assertThat(ruleset.baseChains("input", IpFamily.IPV4)).extracting(BaseChain::label).containsExactly(
                "nftables table inet early chain input", "nftables table inet late chain input");
        assertThat(ruleset.inbound(IpFamily.IPV4, ETH0).outcome()).isEqualTo(Outcome.DENIED);
        assertThat(ruleset.inbound(IpFamily.IPV6, ETH0).worst().decidedBy())
                .isEqualTo("nftables table inet late chain input policy drop");
    }

    @Test
    void aDropInAnEarlierBaseChainIsFinalWhateverLaterOnesAccept() {
        assertThat(worst("nft-later-base-chain-accepts-everything", IpFamily.IPV6).decidedBy())
                .isEqualTo("nftables table inet early chain input policy drop");
    }

    @Test
    void ufwEnabledWithDefaultDenyDeniesBothFamiliesAndListsTheAllowedPort() {
        FirewallRuleset ruleset = shape("ufw-default-deny");

        assertThat(ruleset.managers()).containsExactly("ufw");
        for (IpFamily family : IpFamily.values()) {
            assertThat(ruleset.inbound(family, ETH0).outcome()).as(family.toString()).isEqualTo(Outcome.DENIED);
            assertThat(ruleset.acceptedPorts(family)).extracting(AcceptedPort::ports).contains("22/tcp");
        }
    }

    @Test
    void firewalldWithTheDropZoneDeniesBothFamiliesAndListsTheServicesItAllows() {
        FirewallRuleset ruleset = shape("firewalld-drop");

        assertThat(ruleset.managers()).containsExactly("firewalld");
        for (IpFamily family : IpFamily.values()) {
            PacketVerdict worst = ruleset.inbound(family, ETH0).worst();
            assertThat(worst.outcome()).as(family + ": " + worst.why() + " " + worst.decidedBy()).isEqualTo(Outcome.DENIED);
            assertThat(ruleset.acceptedPorts(family)).extracting(AcceptedPort::ports).contains("22/tcp");
        }
    }

    @Test
    void firewalldsStockPublicZoneDeniesTcpAndUdpButAcceptsEveryIcmpPacketNamingTheRule() {
        FirewallRuleset ruleset = shape("firewalld-public");

        for (IpFamily family : IpFamily.values()) {
            List<PacketVerdict> packets = ruleset.inbound(family, ETH0).packets();
            assertThat(packets).filteredOn(v -> !v.packet().protocol().startsWith("icmp")).as(family.toString())
                    .extracting(PacketVerdict::outcome).containsOnly(Outcome.DENIED);
            assertThat(packets).filteredOn(v -> v.packet().protocol().startsWith("icmp")).as(family.toString())
                    .allSatisfy(v -> {
                        assertThat(v.outcome()).isEqualTo(Outcome.ACCEPTED);
                        assertThat(v.decidedBy()).contains("chain filter_IN_public rule handle ")
                                .contains("`meta l4proto { icmp, ipv6-icmp } accept`");
                    });
        }
    }

    @Test
    void ufwRulesetsCapturedEarlierDenyBothFamiliesThroughTheirChains() {
        FirewallRuleset ruleset = FirewallParsersTest.combine(
                NftJsonParser.parse(Fixtures.read("firewall/ufw.nft.json")),
                FirewallParsersTest.save("ufw.iptables.save", IpFamily.IPV4, "iptables-nft"),
                FirewallParsersTest.save("ufw.ip6tables.save", IpFamily.IPV6, "ip6tables-nft"));

        assertThat(ruleset.inbound(IpFamily.IPV4, ETH0).packets()).extracting(PacketVerdict::outcome)
                .containsOnly(Outcome.DENIED);
        assertThat(ruleset.inbound(IpFamily.IPV6, ETH0).outcome()).isEqualTo(Outcome.DENIED);
    }

    @Test
    void aDockerStyleDnatIsAPublishedPortReachableThroughForward() {
        List<PublishedPort> ports = shape("docker-dnat-open").publishedPorts(ETH0);

        assertThat(ports).singleElement().satisfies(p -> {
            assertThat(p.portLabel()).isEqualTo("8080/tcp");
            assertThat(p.target()).isEqualTo("172.17.0.2:80");
            assertThat(p.rule().chainLabel()).isEqualTo("iptables-nft table nat chain DOCKER");
            assertThat(p.reachable()).isTrue();
        });
        assertThat(shape("docker-dnat-open").inbound(IpFamily.IPV4, ETH0).outcome()).isEqualTo(Outcome.DENIED);
    }

    @Test
    void aDropInDockerUserKeepsThePublishedPortUnreachable() {
        PublishedPort port = shape("docker-dnat-user-drop").publishedPorts(ETH0).get(0);

        assertThat(port.reachable()).isFalse();
        assertThat(port.forward()).allSatisfy(v -> assertThat(v.decidedBy())
                .isEqualTo("iptables-nft table filter chain DOCKER-USER rule line 16 `-A DOCKER-USER -j DROP` "
                        + "(reached by jump from chain FORWARD rule line 10)"));
    }

    @Test
    void aPublishedPortIsNotReachableWhenTheKernelDoesNotForward() {
        PublishedPort port = shape("nft-dnat-published", Forwarding.parse(Forwarding.IPV4_FILE + "=0\n"
                + Forwarding.IPV6_FILE + "=0\n")).publishedPorts(ETH0).get(0);

        assertThat(port.describe()).isEqualTo("8080/tcp -> 172.17.0.2:80 (nftables table ip nat chain prerouting "
                + "rule handle 2 `tcp dport 8080 dnat {\"addr\":\"172.17.0.2\",\"port\":80}`): not forwarded (IPv4 forwarding is off)");
        assertThat(port.reachable()).isFalse();
    }

    @Test
    void nftDnatWithAnAcceptingForwardChainIsReachable() {
        PublishedPort port = shape("nft-dnat-published").publishedPorts(ETH0).get(0);

        assertThat(port.reachable()).isTrue();
        assertThat(port.forward()).extracting(PacketVerdict::outcome).containsOnly(Outcome.ACCEPTED);
    }

    @Test
    void thisMachinesDockerChainsLeaveInputOpenByPolicyAndPublishNothing() {
        List<ParsedRuleset> parsed = List.of(NftJsonParser.parse(Fixtures.read("firewall/graph/machine-docker.nft.json")),
                IptablesSaveParser.parse(Fixtures.read("firewall/graph/machine-docker.iptables.save"), IpFamily.IPV4,
                        "iptables-nft"));
        FirewallRuleset ruleset = FirewallRuleset.combine(parsed, true, Forwarding.parse(""));

        assertThat(ruleset.inbound(IpFamily.IPV4, ETH0).worst()).satisfies(v -> {
            assertThat(v.outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(v.byPolicyOnly()).isTrue();
        });
        assertThat(ruleset.publishedPorts(ETH0)).isEmpty();
        assertThat(ruleset.baseChains("forward", IpFamily.IPV4)).extracting(BaseChain::label)
                .contains("iptables-nft table filter chain FORWARD");
    }

    @Test
    void theDockerHostCapturedEarlierIsOpenOnInput() {
        FirewallRuleset ruleset = FirewallParsersTest.combine(
                FirewallParsersTest.save("docker-host.iptables.save", IpFamily.IPV4, "iptables-nft"));

        assertThat(ruleset.inbound(IpFamily.IPV4, ETH0).worst().decidedBy())
                .isEqualTo("iptables-nft table filter chain INPUT policy accept and iptables-nft table nat chain INPUT policy accept");
    }

    @Test
    void aJumpLoopEndsAsMayBeAcceptedInsteadOfRunningForever() {
        String looping = "*filter\n:INPUT DROP [0:0]\n:A - [0:0]\n:B - [0:0]\n-A INPUT -j A\n-A A -j B\n-A B -j A\nCOMMIT\n";
        FirewallRuleset ruleset = FirewallParsersTest.combine(IptablesSaveParser.parse(looping, IpFamily.IPV4, "iptables-nft"));

        PacketVerdict verdict = ruleset.inbound(IpFamily.IPV4, ETH0).worst();
        assertThat(verdict.outcome()).isEqualTo(Outcome.MAY_BE_ACCEPTED);
        assertThat(verdict.why()).contains("loop");
    }
}
