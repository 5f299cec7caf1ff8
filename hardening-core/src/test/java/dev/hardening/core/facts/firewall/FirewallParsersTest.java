package dev.hardening.core.facts.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hardening.core.Fixtures;
import dev.hardening.core.facts.net.IpFamily;
import dev.hardening.core.facts.net.Transport;

class FirewallParsersTest {

    private static FirewallRuleset nft(String fixture) {
        return FirewallRuleset.combine(List.of(NftJsonParser.parse(Fixtures.read("firewall/" + fixture))), true);
    }

    private static ParsedRuleset save(String fixture, IpFamily family, String tool) {
        return IptablesSaveParser.parse(Fixtures.read("firewall/" + fixture), family, tool);
    }

    @Test
    void inetDropPolicyDeniesBothFamiliesAndListsThePlainlyAcceptedPorts() {
        FirewallRuleset ruleset = nft("nft-inet-drop.json");

        assertThat(ruleset.denyingChains(IpFamily.IPV4)).singleElement().satisfies(c -> {
            assertThat(c.label()).isEqualTo("nftables table inet filter chain input");
            assertThat(c.evidence()).containsExactly("nftables table inet filter chain input: "
                    + "type filter hook input priority 0; policy drop;");
        });
        assertThat(ruleset.denyingChains(IpFamily.IPV6)).hasSize(1);
        assertThat(ruleset.chains().get(0).acceptedPorts()).extracting(PortRule::ports, PortRule::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple("22/tcp", "tcp dport 22 accept"),
                org.assertj.core.groups.Tuple.tuple("80/tcp", "tcp dport { 80, 443 } accept"),
                org.assertj.core.groups.Tuple.tuple("443/tcp", "tcp dport { 80, 443 } accept"),
                org.assertj.core.groups.Tuple.tuple("53/udp", "udp dport 53 accept"));
        assertThat(ruleset.managers()).containsExactly("nftables");
    }

    @Test
    void acceptPolicyDeniesNothing() {
        assertThat(nft("nft-inet-accept.json").denyingChains(IpFamily.IPV4)).isEmpty();
    }

    @Test
    void ipOnlyTableLeavesIpv6Open() {
        FirewallRuleset ruleset = nft("nft-ip-only-drop.json");

        assertThat(ruleset.denyingChains(IpFamily.IPV4)).hasSize(1);
        assertThat(ruleset.chainsFor(IpFamily.IPV6)).isEmpty();
    }

    @Test
    void finalUnconditionalDropOrRejectRuleDeniesDespiteAnAcceptPolicy() {
        InputChain drop = nft("nft-final-drop-rule.json").denyingChains(IpFamily.IPV6).get(0);
        InputChain reject = nft("nft-reject-rule.json").denyingChains(IpFamily.IPV4).get(0);

        assertThat(drop.finalRule()).contains("counter drop");
        assertThat(drop.acceptedPorts()).extracting(PortRule::ports).contains("8000-8099/tcp");
        assertThat(reject.finalRule().orElseThrow()).startsWith("reject with");
    }

    @Test
    void unconditionalAcceptRuleOpensADropPolicyChain() {
        InputChain chain = nft("nft-unconditional-accept.json").chains().get(0);

        assertThat(chain.deniesByDefault()).isFalse();
        assertThat(chain.evidence()).contains("nftables table inet filter chain input accepts every packet with: accept");
    }

    @Test
    void emptyRulesetHasNoTables() {
        FirewallRuleset ruleset = nft("nft-empty.json");

        assertThat(ruleset.tables()).isZero();
        assertThat(ruleset.chains()).isEmpty();
    }

    @Test
    void iptablesOnBothBackendsGiveTheInputPolicyAndPorts() {
        for (String fixture : List.of("iptables-nft.save", "iptables-legacy.save")) {
            InputChain input = save(fixture, IpFamily.IPV4, "iptables").inputChains().get(0);

            assertThat(input.deniesByDefault()).isTrue();
            assertThat(input.header()).isEqualTo(":INPUT DROP");
            assertThat(input.acceptedPorts()).extracting(PortRule::ports).containsExactly("22/tcp", "80/tcp", "443/tcp");
        }
        assertThat(save("ip6tables-legacy.save", IpFamily.IPV6, "ip6tables-legacy").inputChains().get(0).families())
                .containsExactly(IpFamily.IPV6);
    }

    @Test
    void iptablesChainEndingInRejectDenies() {
        InputChain input = save("iptables-nft-final-reject.save", IpFamily.IPV4, "iptables-nft").inputChains().get(0);

        assertThat(input.deniesByDefault()).isTrue();
        assertThat(input.finalRule()).contains("-A INPUT -j REJECT --reject-with icmp-port-unreachable");
    }

    @Test
    void ufwIsRecognisedAndItsUserRulesAreFoundThroughItsChains() {
        FirewallRuleset ruleset = FirewallRuleset.combine(List.of(
                NftJsonParser.parse(Fixtures.read("firewall/ufw.nft.json")),
                save("ufw.iptables.save", IpFamily.IPV4, "iptables-nft"),
                save("ufw.ip6tables.save", IpFamily.IPV6, "ip6tables-nft")), true);

        assertThat(ruleset.managers()).containsExactly("ufw");
        // nft shows the same tables; they are read once, through iptables-nft-save
        assertThat(ruleset.chains()).extracting(InputChain::tool).containsExactly("iptables-nft", "ip6tables-nft");
        assertThat(ruleset.denyingChains(IpFamily.IPV6)).hasSize(1);
        assertThat(ruleset.acceptRulesFor(IpFamily.IPV4, Transport.TCP, 22)).extracting(PortRule::rule)
                .contains("-A ufw-user-input -p tcp -m tcp --dport 22 -j ACCEPT");
        assertThat(ruleset.acceptRulesFor(IpFamily.IPV6, Transport.TCP, 8042)).isNotEmpty();
        assertThat(ruleset.acceptRulesFor(IpFamily.IPV4, Transport.TCP, 5432)).isEmpty();
    }

    @Test
    void dockerHostChainsLeaveInputOpen() {
        ParsedRuleset docker = save("docker-host.iptables.save", IpFamily.IPV4, "iptables-nft");

        assertThat(docker.tables()).contains("ip filter", "ip nat");
        assertThat(docker.chainNames()).contains("DOCKER-USER");
        assertThat(docker.inputChains()).extracting(InputChain::deniesByDefault).containsOnly(false);
    }

    @Test
    void iptablesXtMatchesInNftJsonAreRenderedAsSuch() {
        ParsedRuleset parsed = NftJsonParser.parse(Fixtures.read("firewall/nft-iptables-nft.json"));

        assertThat(parsed.inputChains().get(0).acceptedPorts()).extracting(PortRule::rule)
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
        FirewallRuleset ruleset = FirewallRuleset.combine(List.of(
                NftJsonParser.parse(Fixtures.read("firewall/nft-ip-only-drop.json")),
                save("iptables-nft-incompatible.save", IpFamily.IPV4, "iptables-nft")), true);

        assertThat(ruleset.chains()).extracting(InputChain::label).containsExactly("nftables table ip filter chain input");
        assertThat(ruleset.denyingChains(IpFamily.IPV4)).hasSize(1);
    }
}
