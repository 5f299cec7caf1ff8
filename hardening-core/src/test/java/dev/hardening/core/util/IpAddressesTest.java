package dev.hardening.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    @Test
    void ipv4LiteralsParse() {
        assertThat(IpAddresses.parse("10.0.0.1")).hasValueSatisfying(a -> {
            assertThat(a).isInstanceOf(Inet4Address.class);
            assertThat(a.getHostAddress()).isEqualTo("10.0.0.1");
        });
        assertThat(IpAddresses.parse(" 255.255.255.255 ")).map(a -> a.getHostAddress()).contains("255.255.255.255");
    }

    @Test
    void ipv6LiteralsParseWithOrWithoutBrackets() {
        assertThat(IpAddresses.parse("::1")).hasValueSatisfying(a -> assertThat(a).isInstanceOf(Inet6Address.class));
        assertThat(IpAddresses.parse("[2001:db8::1]")).map(a -> a.getHostAddress()).contains("2001:db8:0:0:0:0:0:1");
        assertThat(IpAddresses.parse("FC00::A")).map(a -> a.getHostAddress()).contains("fc00:0:0:0:0:0:0:a");
        assertThat(IpAddresses.parse("::ffff:10.0.0.1")).map(a -> a.getHostAddress()).contains("10.0.0.1");
    }

    /** None of these is an IP literal; a resolver would turn several into addresses, this never does. */
    @ParameterizedTest
    @ValueSource(strings = {"example.com", "localhost", "ip6-localhost", "gw.example", "", "   ", "256.0.0.1",
            "1.2.3", "1.2.3.4.5", "127.1", "0x7f.0.0.1", "2130706433", "10.0.0.1/8", "abc:xyz", "deploy",
            "not-an-address"})
    void namesAndMalformedLiteralsGiveNothingAndAreNeverResolved(String text) {
        assertThat(IpAddresses.parse(text)).isEmpty();
    }

    @Test
    void parsingAThousandNamesTakesNoTimeBecauseNothingIsLookedUp() {
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            assertThat(IpAddresses.parse("host" + i + ".invalid")).isEmpty();
        }
        // a thousand lookups would take minutes here; parsing takes milliseconds even on a loaded machine
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
    }

    @ParameterizedTest
    @CsvSource({"::, ::", "::1, ::1", "fd00:0:0:0:0:0:0:2, fd00::2", "fe80::fc:ff:fe00:1, fe80::fc:ff:fe00:1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1", "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "10.0.0.1, 10.0.0.1"})
    void formatsAddressesTheWayPeopleWriteThem(String input, String expected) {
        assertThat(IpAddresses.format(IpAddresses.parse(input).orElseThrow())).isEqualTo(expected);
    }
}
