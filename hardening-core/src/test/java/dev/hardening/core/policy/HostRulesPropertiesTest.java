package dev.hardening.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.hardening.core.util.Glob;

/** The layering of host fields and checks, and the member patterns, on arbitrary input. */
class HostRulesPropertiesTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> FIELDS = List.of("user", "port", "sudo", "identity", "knownHosts", "jump", "tls");

    @Property(tries = 500)
    void eachMergedFieldIsTheOneOfTheLastLayerThatSetsIt(@ForAll("layers") List<ObjectNode> layers) {
        ObjectNode merged = HostRules.merge(layers);

        for (String field : FIELDS) {
            JsonNode expected = null;
            for (ObjectNode layer : layers) {
                if (layer.has(field)) {
                    expected = layer.get(field);
                }
            }
            assertThat(merged.get(field)).as(field + " of " + layers).isEqualTo(expected);
        }
        assertThat(merged.size()).isLessThanOrEqualTo(FIELDS.size());
    }

    @Property(tries = 300)
    void mergingIsAssociativeAndLeavesTheLayersAlone(@ForAll("layers") List<ObjectNode> layers) {
        List<ObjectNode> copies = layers.stream().map(ObjectNode::deepCopy).toList();
        int half = layers.size() / 2;

        ObjectNode inOneGo = HostRules.merge(layers);
        ObjectNode inTwo = HostRules.merge(List.of(HostRules.merge(layers.subList(0, half)),
                HostRules.merge(layers.subList(half, layers.size()))));

        assertThat(inTwo).isEqualTo(inOneGo);
        assertThat(layers).isEqualTo(copies);
    }

    @Property(tries = 300)
    void anOverrideReplacesOnlyTheFieldsItSetsAndKeepsEveryOtherSectionAndField(
            @ForAll("checks") ObjectNode global, @ForAll("checksList") List<ObjectNode> overrides) {
        ObjectNode before = global.deepCopy();

        ObjectNode merged = HostRules.mergeChecks(global, overrides);

        assertThat(global).as("the global tree is not changed").isEqualTo(before);
        for (String section : List.of("ports", "ssh", "tls")) {
            for (String field : List.of("a", "b", "c")) {
                JsonNode expected = global.path(section).get(field);
                for (ObjectNode override : overrides) {
                    if (override.path(section).has(field)) {
                        expected = override.get(section).get(field);
                    }
                }
                assertThat(merged.path(section).get(field)).as(section + "." + field).isEqualTo(expected);
            }
        }
    }

    @Property(tries = 1000)
    void aPatternMatchesAsAShellGlobDoes(@ForAll("patterns") String pattern, @ForAll("names") String name) {
        assertThat(Glob.of(pattern).matches(name)).as("'" + pattern + "' against '" + name + "'")
                .isEqualTo(globReference(pattern, 0, name, 0));
    }

    @Property(tries = 300)
    void aNameWithoutWildcardsMatchesOnlyItselfWhateverItHolds(@ForAll("literals") String name,
            @ForAll("names") String other) {
        assertThat(Glob.of(name).matches(name)).isTrue();
        assertThat(Glob.of(name).matches(other)).isEqualTo(name.equals(other));
        assertThat(Glob.of("*").matches(other)).isTrue();
    }

    /** {@code *} any text, {@code ?} one character, everything else itself: the textbook recursion. */
    private static boolean globReference(String pattern, int p, String name, int n) {
        if (p == pattern.length()) {
            return n == name.length();
        }
        char c = pattern.charAt(p);
        if (c == '*') {
            for (int k = n; k <= name.length(); k++) {
                if (globReference(pattern, p + 1, name, k)) {
                    return true;
                }
            }
            return false;
        }
        return n < name.length() && (c == '?' || c == name.charAt(n)) && globReference(pattern, p + 1, name, n + 1);
    }

    @Provide
    Arbitrary<List<ObjectNode>> layers() {
        return layer().list().ofMaxSize(6);
    }

    private Arbitrary<ObjectNode> layer() {
        Arbitrary<JsonNode> value = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(5).map(s -> (JsonNode) NODES.textNode(s)),
                Arbitraries.integers().between(-1, 70000).map(i -> (JsonNode) NODES.numberNode(i)),
                Arbitraries.of(NODES.nullNode(), NODES.booleanNode(true), NODES.arrayNode().add("a").add("b")));
        return Arbitraries.maps(Arbitraries.of(FIELDS), value).ofMaxSize(FIELDS.size()).map(HostRulesPropertiesTest::object);
    }

    @Provide
    Arbitrary<ObjectNode> checks() {
        Arbitrary<ObjectNode> section = Arbitraries.maps(Arbitraries.of("a", "b", "c"),
                Arbitraries.integers().between(0, 9).map(i -> (JsonNode) NODES.numberNode(i))).ofMaxSize(3)
                .map(HostRulesPropertiesTest::object);
        return Arbitraries.maps(Arbitraries.of("ports", "ssh", "tls"), section).ofMaxSize(3).map(m -> {
            ObjectNode out = NODES.objectNode();
            m.forEach(out::set);
            return out;
        });
    }

    @Provide
    Arbitrary<List<ObjectNode>> checksList() {
        return checks().list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.strings().withChars("ab*?.[]()\\$^+{}|").ofMaxLength(7);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("ab.[]()\\$^+{}|*?-\n").ofMaxLength(8);
    }

    @Provide
    Arbitrary<String> literals() {
        return Arbitraries.strings().withChars("ab.[]()\\$^+{}|-\n").ofMaxLength(8);
    }

    private static ObjectNode object(Map<String, JsonNode> fields) {
        ObjectNode out = NODES.objectNode();
        new ArrayList<>(fields.entrySet()).forEach(e -> out.set(e.getKey(), e.getValue()));
        return out;
    }
}
