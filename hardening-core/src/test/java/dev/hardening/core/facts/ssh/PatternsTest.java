package dev.hardening.core.facts.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatternsTest {

    @ParameterizedTest(name = "''{0}'' ~ ''{1}'': {2}")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            deploy         | deploy       | true
            deploy         | deplo        | false
            deploy         | deploy*      | true
            deploy         | *            | true
            ''             | *            | true
            ''             | ?            | false
            ''             | ''           | true
            deploy         | ''           | false
            deploy         | d?p?o?       | true
            deploy         | ??????       | true
            deploy         | ???????      | false
            aXbYbZc        | a*b*c        | true
            aXbYbZ         | a*b*c        | false
            a.example.com  | *.example.com| true
            example.com    | *.example.com| false
            abc            | a**c         | true
            ab             | *b*b*        | false
            """)
    void wildcardMatchesLikeOpenSshMatchPattern(String text, String pattern, boolean expected) {
        assertThat(Patterns.wildcard(text, pattern)).isEqualTo(expected);
    }

    @Test
    void patternListNeedsAPositiveHitAndNoNegatedOne() {
        assertThat(Patterns.patternList("deploy", "alice,deploy", false)).isTrue();
        assertThat(Patterns.patternList("deploy", " alice , deploy ", false)).isTrue();
        assertThat(Patterns.patternList("deploy", "!deploy,*", false)).isFalse();
        assertThat(Patterns.patternList("deploy", "*,!deploy", false)).isFalse();
        assertThat(Patterns.patternList("deploy", "!root", false)).isFalse();
        assertThat(Patterns.patternList("Deploy", "deploy", false)).isFalse();
        assertThat(Patterns.patternList("Deploy", "deploy", true)).isTrue();
        assertThat(Patterns.patternList("deploy", "!DEPLOY,*", true)).isFalse();
    }

    @Test
    void addressListMatchesCidrEntriesByValueAndOtherEntriesAsText() {
        assertThat(Patterns.addressList("10.1.2.3", "10.0.0.0/8")).isTrue();
        assertThat(Patterns.addressList("10.1.2.3", "192.168.0.0/16,10.0.0.0/8")).isTrue();
        assertThat(Patterns.addressList("10.1.2.3", "10.1.*")).isTrue();
        assertThat(Patterns.addressList("10.1.2.3", "!10.1.2.3,10.0.0.0/8")).isFalse();
        assertThat(Patterns.addressList("10.1.2.3", "10.0.0.0/8,!10.1.0.0/16")).isFalse();
        assertThat(Patterns.addressList("2001:DB8::1", "2001:db8::/32")).isTrue();
        assertThat(Patterns.addressList("2001:DB8::1", "2001:db8::*")).isTrue();
        assertThat(Patterns.addressList("not-an-address", "10.0.0.0/8")).isFalse();
    }

    @Test
    void aMalformedNetworkInAnAddressListIsAnError() {
        assertThatThrownBy(() -> Patterns.addressList("10.1.2.3", "10.0.0.0/33"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.0.0.0/33");
    }

    @Test
    void positivesAreTheNonNegatedEntries() {
        assertThat(Patterns.positives("!root, deploy,,ci-*,!ci-old")).containsExactly("deploy", "ci-*");
        assertThat(Patterns.positives("!root")).isEmpty();
    }

    @Test
    void instanceFillsWildcardsSoThePatternMatches() {
        for (String pattern : new String[] {"web-*", "db??", "*.example.com", "a*b?c", "plain"}) {
            String instance = Patterns.instance(pattern, "x");
            assertThat(Patterns.wildcard(instance, pattern)).as(pattern + " -> " + instance).isTrue();
        }
        assertThat(Patterns.instance("web-*", "x")).isEqualTo("web-x");
        assertThat(Patterns.instance("10.?.*", "1")).isEqualTo("10.1.1");
    }
}
