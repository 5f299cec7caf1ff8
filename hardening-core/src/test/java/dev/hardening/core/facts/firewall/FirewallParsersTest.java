package dev.hardening.core.facts.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hardening.core.Fixtures;
import dev.hardening.core.facts.firewall.PacketVerdict.Outcome;
import dev.hardening.core.facts.net.IpFamily;
import dev.hardening.core.facts.net.Transport;

class FirewallParsersTest {

    static FirewallRuleset combine(ParsedRuleset... parsed) {
        return FirewallRuleset.combine(List.of(parsed), true, Forwarding.parse(""));
    }

    static FirewallRuleset nft(String fixture) {
        return combine(NftJsonParser.parse(Fixtures.read("firewall/" + fixture)));
    }

    static ParsedRuleset save(String fixture, IpFamily family, String tool) {
        return IptablesSaveParser.parse(Fixtures.read("firewall/" + fixture), family, tool);
    }

    static Outcome inbound(FirewallRuleset ruleset, IpFamily family) {
        return ruleset.inbound(family, InterfaceNames.unknown()).outcome();
    }

    @Test
    void inetDropPolicyDeniesBothFamiliesAndListsThePlainlyAcceptedPorts() {
        FirewallRuleset ruleset = nft("nft-inet-drop.json");

        assertThat(inbound(ruleset, IpFamily.IPV4)).isEqualTo(Outcome.DENIED);
        assertThat(inbound(ruleset, IpFamily.IPV6)).isEqualTo(Outcome.DENIED);
        assertThat(ruleset.baseChains("input", IpFamily.IPV4)).singleElement().satisfies(c -> {
            assertThat(c.label()).isEqualTo("nftables table inet filter chain input");
            assertThat(c.evidence()).containsExactly("nftables table inet filter chain input: "
                    + "type filter hook input priority 0; policy drop;");
        });
        assertThat(ruleset.acceptedPorts(IpFamily.IPV4)).extracting(AcceptedPort::ports, AcceptedPort::rule).containsExactly(
                tuple("22/tcp", "tcp dport 22 accept"),
                tuple("80/tcp", "tcp dport { 80, 443 } accept"),
                tuple("443/tcp", "tcp dport { 80, 443 } accept"),
                tuple("53/udp", "udp dport 53 accept"));
        assertThat(ruleset.managers()).containsExactly("nftables");
    }

    @Test
    void acceptPolicyDeniesNothing() {
        assertThat(inbound(nft("nft-inet-accept.json"), IpFamily.IPV4)).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void ipOnlyTableLeavesIpv6Open() {
        FirewallRuleset ruleset = nft("nft-ip-only-drop.json");

        assertThat(inbound(ruleset, IpFamily.IPV4)).isEqualTo(Outcome.DENIED);
        assertThat(ruleset.baseChains("input", IpFamily.IPV6)).isEmpty();
        assertThat(inbound(ruleset, IpFamily.IPV6)).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void finalUnconditionalDropOrRejectRuleDeniesDespiteAnAcceptPolicy() {
        FirewallRuleset drop = nft("nft-final-drop-rule.json");
        FirewallRuleset reject = nft("nft-reject-rule.json");

        assertThat(inbound(drop, IpFamily.IPV6)).isEqualTo(Outcome.DENIED);
        assertThat(inbound(reject, IpFamily.IPV4)).isEqualTo(Outcome.DENIED);
        assertThat(drop.baseChains("input", IpFamily.IPV6).get(0).chain().finalDeny()).map(Rule::text)
                .contains("counter drop");
        assertThat(drop.acceptedPorts(IpFamily.IPV6)).extracting(AcceptedPort::ports).contains("8000-8099/tcp");
        assertThat(reject.baseChains("input", IpFamily.IPV4).get(0).chain().finalDeny().orElseThrow().text())
                .startsWith("reject with");
    }

    @Test
    void unconditionalAcceptRuleOpensADropPolicyChain() {
        PacketVerdict verdict = nft("nft-unconditional-accept.json").inbound(IpFamily.IPV4, InterfaceNames.unknown())
                .worst();

        assertThat(verdict.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(verdict.decidedBy()).startsWith("nftables table inet filter chain input rule handle ")
                .endsWith(" `accept`");
    }

    @Test
    void emptyRulesetHasNoTables() {
        FirewallRuleset ruleset = nft("nft-empty.json");

        assertThat(ruleset.tables()).isEmpty();
    }

    @Test
    void iptablesOnBothBackendsGiveTheInputPolicyAndPorts() {
        for (String fixture : List.of("iptables-nft.save", "iptables-legacy.save")) {
            FirewallRuleset ruleset = FirewallRuleset.combine(List.of(save(fixture, IpFamily.IPV4, "iptables")), false,
                    Forwarding.parse(""));

            assertThat(inbound(ruleset, IpFamily.IPV4)).isEqualTo(Outcome.DENIED);
            assertThat(ruleset.baseChains("input", IpFamily.IPV4).get(0).hook().header()).isEqualTo(":INPUT DROP");
            assertThat(ruleset.acceptedPorts(IpFamily.IPV4)).extracting(AcceptedPort::ports)
                    .containsExactly("22/tcp", "80/tcp", "443/tcp");
        }
        assertThat(save("ip6tables-legacy.save", IpFamily.IPV6, "ip6tables-legacy").tables().get(0).family())
                .isEqualTo(TableFamily.IP6);
    }

    @Test
    void iptablesChainEndingInRejectDenies() {
        FirewallRuleset ruleset = combine(save("iptables-nft-final-reject.save", IpFamily.IPV4, "iptables-nft"));

        assertThat(inbound(ruleset, IpFamily.IPV4)).isEqualTo(Outcome.DENIED);
        assertThat(ruleset.baseChains("input", IpFamily.IPV4).get(0).chain().finalDeny()).map(Rule::text)
                .contains("-A INPUT -j REJECT --reject-with icmp-port-unreachable");
    }

    @Test
    void ufwIsRecognisedAndItsUserRulesAreFoundThroughItsChains() {
        FirewallRuleset ruleset = combine(NftJsonParser.parse(Fixtures.read("firewall/ufw.nft.json")),
                save("ufw.iptables.save", IpFamily.IPV4, "iptables-nft"),
                save("ufw.ip6tables.save", IpFamily.IPV6, "ip6tables-nft"));

        assertThat(ruleset.managers()).containsExactly("ufw");
        // nft shows the same tables; they are read once, through iptables-nft-save
        assertThat(ruleset.baseChains("input", IpFamily.IPV4)).extracting(c -> c.table().tool())
                .containsExactly("iptables-nft");
        assertThat(ruleset.baseChains("input", IpFamily.IPV6)).extracting(c -> c.table().tool())
                .containsExactly("ip6tables-nft");
        assertThat(inbound(ruleset, IpFamily.IPV6)).isEqualTo(Outcome.DENIED);
        assertThat(ruleset.acceptRulesFor(IpFamily.IPV4, Transport.TCP, 22)).extracting(AcceptedPort::rule)
                .contains("-A ufw-user-input -p tcp -m tcp --dport 22 -j ACCEPT");
        assertThat(ruleset.acceptRulesFor(IpFamily.IPV6, Transport.TCP, 8042)).isNotEmpty();
        assertThat(ruleset.acceptRulesFor(IpFamily.IPV4, Transport.TCP, 5432)).isEmpty();
    }

    @Test
    void dockerHostChainsLeaveInputOpen() {
        ParsedRuleset docker = save("docker-host.iptables.save", IpFamily.IPV4, "iptables-nft");

        assertThat(docker.tableNames()).contains("ip filter", "ip nat");
        assertThat(docker.chainNames()).contains("DOCKER-USER");
        assertThat(inbound(combine(docker), IpFamily.IPV4)).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void iptablesXtMatchesInNftJsonAreRenderedAsSuch() {
        FirewallRuleset ruleset = nft("nft-iptables-nft.json");

        assertThat(ruleset.acceptedPorts(IpFamily.IPV4)).extracting(AcceptedPort::rule)
                .containsExactly("tcp dport 22 counter accept");
    }

    @Test
    void errorTextIsNotARuleset() {
        assertThatThrownBy(() -> NftJsonParser.parse(Fixtures.read("firewall/nonroot.nft.txt")))
                .hasMessageContaining("no JSON");
        assertThatThrownBy(() -> IptablesSaveParser.parse(Fixtures.read("firewall/nonroot.iptables-save.txt"),
                IpFamily.IPV4, "iptables-nft")).hasMessageContaining("unexpected line");
    }

    @Test
    void tableMadeWithNftIsTakenFromNftNotFromIptablesNftSaveWhichCallsItIncompatible() {
        FirewallRuleset ruleset = combine(NftJsonParser.parse(Fixtures.read("firewall/nft-ip-only-drop.json")),
                save("iptables-nft-incompatible.save", IpFamily.IPV4, "iptables-nft"));

        assertThat(ruleset.baseChains("input", IpFamily.IPV4)).extracting(BaseChain::label)
                .containsExactly("nftables table ip filter chain input");
        assertThat(inbound(ruleset, IpFamily.IPV4)).isEqualTo(Outcome.DENIED);
    }
}
