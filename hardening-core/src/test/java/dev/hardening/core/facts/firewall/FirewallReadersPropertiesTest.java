package dev.hardening.core.facts.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

import dev.hardening.core.Fixtures;
import dev.hardening.core.facts.firewall.PacketVerdict.Outcome;
import dev.hardening.core.facts.net.IpFamily;

/** Both readers on odd host output: a clear parse error or a graph, quickly, and never DENIED from what was not understood. */
class FirewallReadersPropertiesTest {
    private static final List<String> FIXTURES = List.of("nft-inet-drop.json", "ufw.nft.json",
            "graph/docker-dnat-user-drop.nft.json", "graph/nft-verdict-map.nft.json", "ufw.iptables.save",
            "ufw.ip6tables.save", "docker-host.iptables.save", "graph/docker-dnat-user-drop.iptables.save");
    private static final InterfaceNames ETH0 = InterfaceNames.of(List.of("eth0"));

    /** Parses, or fails only with a parse error that says something; and whatever parses evaluates. */
    private static void readsOrRefusesClearly(Supplier<ParsedRuleset> read) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            ParsedRuleset parsed;
            try {
                parsed = read.get();
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).isNotBlank();
                return;
            }
            FirewallRuleset ruleset = FirewallRuleset.combine(List.of(parsed), true, Forwarding.parse(""));
            ruleset.families().forEach(f -> assertThat(ruleset.inbound(f, ETH0).packets()).isNotEmpty());
            assertThat(ruleset.publishedPorts(ETH0)).isNotNull();
        });
    }

    @Property(tries = 300)
    void anyTextGivenToTheNftReaderParsesOrIsAParseError(
            @ForAll @StringLength(max = 3000) @CharRange(from = '\u0000', to = '\u00ff') String text) {
        readsOrRefusesClearly(() -> NftJsonParser.parse(text));
    }

    @Property(tries = 300)
    void anyTextGivenToTheIptablesReaderParsesOrIsAParseError(
            @ForAll @StringLength(max = 3000) @CharRange(from = '\u0000', to = '\u00ff') String text) {
        readsOrRefusesClearly(() -> IptablesSaveParser.parse(text, IpFamily.IPV4, "iptables-nft"));
    }

    @Property(tries = 300)
    void aTruncatedOrCorruptedRealRulesetParsesOrIsAParseError(@ForAll("damagedFixtures") String text) {
        if (text.startsWith("{")) {
            readsOrRefusesClearly(() -> NftJsonParser.parse(text));
        } else {
            readsOrRefusesClearly(() -> IptablesSaveParser.parse(text, IpFamily.IPV6, "ip6tables-nft"));
        }
    }

    @Provide
    Arbitrary<String> damagedFixtures() {
        Arbitrary<String> fixture = Arbitraries.of(FIXTURES).map(f -> Fixtures.read("firewall/" + f));
        Arbitrary<String> truncated = Combinators.combine(fixture, Arbitraries.doubles().between(0, 1))
                .as((t, at) -> t.substring(0, (int) (t.length() * at)));
        Arbitrary<String> corrupted = Combinators.combine(fixture, Arbitraries.doubles().between(0, 1),
                Arbitraries.strings().ofMaxLength(20)).as((t, at, junk) -> {
                    int i = (int) (t.length() * at);
                    return t.substring(0, i) + junk + t.substring(i);
                });
        return Arbitraries.oneOf(truncated, corrupted);
    }

    @Property(tries = 300)
    void anNftAcceptRuleWithExpressionsTheModelDoesNotKnowIsNeverDenied(@ForAll("unknownExpressions") String expressions) {
        String json = "{\"nftables\": [{\"table\": {\"family\": \"inet\", \"name\": \"filter\"}}, {\"chain\": {\"family\": "
                + "\"inet\", \"table\": \"filter\", \"name\": \"input\", \"type\": \"filter\", \"hook\": \"input\", "
                + "\"prio\": 0, \"policy\": \"drop\"}}, {\"rule\": {\"family\": \"inet\", \"table\": \"filter\", "
                + "\"chain\": \"input\", \"handle\": 3, \"expr\": [" + expressions + ", {\"accept\": null}]}}]}";
        FirewallRuleset ruleset = FirewallRuleset.combine(List.of(NftJsonParser.parse(json)), true, Forwarding.parse(""));

        for (IpFamily family : IpFamily.values()) {
            assertThat(ruleset.inbound(family, ETH0).outcome()).isNotEqualTo(Outcome.DENIED);
        }
    }

    @Provide
    Arbitrary<String> unknownExpressions() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8)
                .map(w -> "x" + w);
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.integers().map(String::valueOf),
                word.map(w -> "\"" + w + "\""), word.map(w -> "{\"" + w + "\": null}"), Arbitraries.just("[]"));
        Arbitrary<String> statement = Combinators.combine(word, value).as((w, v) -> "{\"" + w + "\": " + v + "}");
        Arbitrary<String> match = Combinators.combine(Arbitraries.of("==", "!=", "in", "<", "xor"), word, value)
                .as((op, w, v) -> "{\"match\": {\"op\": \"" + op + "\", \"left\": {\"" + w + "\": {\"key\": \"k\"}}, "
                        + "\"right\": " + v + "}}");
        return Arbitraries.oneOf(statement, match).list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(", ", l));
    }

    @Property(tries = 300)
    void anIptablesAcceptRuleWithOptionsTheModelDoesNotKnowIsNeverDenied(@ForAll("unknownOptions") String options) {
        String save = "*filter\n:INPUT DROP [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT " + options + " -j ACCEPT\nCOMMIT\n";
        FirewallRuleset ruleset = FirewallRuleset.combine(List.of(IptablesSaveParser.parse(save, IpFamily.IPV4,
                "iptables-legacy")), false, Forwarding.parse(""));

        assertThat(ruleset.inbound(IpFamily.IPV4, ETH0).outcome()).isNotEqualTo(Outcome.DENIED);
    }

    @Provide
    Arbitrary<String> unknownOptions() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> option = Combinators.combine(Arbitraries.of("", "! "), word, word, Arbitraries.of("", "1", "x,y"))
                .as((not, module, name, value) -> "-m x" + module + " " + not + "--x" + name + (value.isEmpty() ? "" : " " + value));
        return option.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(" ", l));
    }

    @Example
    void aHugeRulesetWithLongJumpChainsIsEvaluatedQuickly() {
        StringBuilder save = new StringBuilder("*filter\n:INPUT DROP [0:0]\n");
        for (int c = 0; c < 60; c++) {
            save.append(":C").append(c).append(" - [0:0]\n");
        }
        for (int c = 0; c < 60; c++) {
            for (int r = 0; r < 500; r++) {
                save.append("-A C").append(c).append(" -m xmystery --xrule ").append(r).append(" -j C").append(c + 1 < 60 ? c + 1 : 0)
                        .append('\n');
            }
        }
        save.append("-A INPUT -j C0\nCOMMIT\n");

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            FirewallRuleset ruleset = FirewallRuleset.combine(List.of(IptablesSaveParser.parse(save.toString(),
                    IpFamily.IPV4, "iptables-nft")), false, Forwarding.parse(""));
            assertThat(ruleset.inbound(IpFamily.IPV4, ETH0).outcome()).isEqualTo(Outcome.MAY_BE_ACCEPTED);
        });
    }

    @Example
    void deeplyNestedJsonIsAParseErrorNotAStackOverflow() {
        String deep = "{\"nftables\": " + "[".repeat(200_000) + "]".repeat(200_000) + "}";

        assertThatThrownBy(() -> NftJsonParser.parse(deep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no JSON");
    }
}
