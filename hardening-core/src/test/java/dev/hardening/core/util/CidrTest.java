package dev.hardening.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

    private static InetAddress ip(String literal) {
        return IpAddresses.parse(literal).orElseThrow(() -> new AssertionError("not an IP literal: " + literal));
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.0/8          | 10.0.0.0          | true
            10.0.0.0/8          | 10.255.255.255    | true
            10.0.0.0/8          | 11.0.0.0          | false
            10.0.0.0/8          | 9.255.255.255     | false
            172.16.0.0/12       | 172.16.0.1        | true
            172.16.0.0/12       | 172.31.255.255    | true
            172.16.0.0/12       | 172.32.0.0        | false
            172.16.0.0/12       | 172.15.255.255    | false
            100.64.0.0/10       | 100.127.0.1       | true
            100.64.0.0/10       | 100.128.0.1       | false
            192.168.0.0/16      | 192.168.77.1      | true
            192.0.2.10/32       | 192.0.2.10        | true
            192.0.2.10/32       | 192.0.2.11        | false
            192.0.2.10          | 192.0.2.10        | true
            0.0.0.0/0           | 203.0.113.9       | true
            0.0.0.0/0           | ::1               | false
            10.0.0.0/8          | ::ffff:10.0.0.1   | true
            fc00::/7            | fd12:3456::1      | true
            fc00::/7            | fe80::1           | false
            fe80::/10           | febf::1           | true
            fe80::/10           | fec0::1           | false
            2001:db8::/32       | 2001:db8:ffff::1  | true
            2001:db8::/32       | 2001:db9::        | false
            ::/0                | ::1               | true
            ::/0                | 127.0.0.1         | false
            ::1/128             | ::1               | true
            """)
    void containsComparesThePrefixBits(String network, String address, boolean expected) {
        assertThat(Cidr.parse(network).contains(ip(address))).isEqualTo(expected);
    }

    @Test
    void hostBitsInTheNetworkAddressAreIgnored() {
        assertThat(Cidr.parse("10.1.2.3/8").contains(ip("10.200.0.1"))).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.0/8           | 10.0.0.1
            192.168.1.77/24      | 192.168.1.1
            255.255.255.0/24     | 255.255.255.1
            128.0.0.0/1          | 128.0.0.1
            0.0.0.0/0            | 0.0.0.1
            10.0.0.4/30          | 10.0.0.5
            10.0.0.4/31          | 10.0.0.4
            192.0.2.10/32        | 192.0.2.10
            fc00::/7             | fc00:0:0:0:0:0:0:1
            ffff::/16            | ffff:0:0:0:0:0:0:1
            ::/0                 | 0:0:0:0:0:0:0:1
            2001:db8::5/128      | 2001:db8:0:0:0:0:0:5
            """)
    void sampleAddressIsInsideTheNetworkAndNotItsNetworkAddressWhereThereIsRoom(String network, String sample) {
        Cidr cidr = Cidr.parse(network);

        InetAddress address = cidr.sampleAddress();

        assertThat(address.getHostAddress()).isEqualTo(sample);
        assertThat(cidr.contains(address)).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            10.0.0.0/33          | not an IP network: '10.0.0.0/33' (prefix length 0-32)
            10.0.0.0/-1          | not an IP network: '10.0.0.0/-1' (prefix length 0-32)
            fc00::/129           | not an IP network: 'fc00::/129' (prefix length 0-128)
            10.0.0.0/x           | not an IP network: '10.0.0.0/x' (bad prefix length)
            10.0.0.0/            | not an IP network: '10.0.0.0/' (bad prefix length)
            10.0.0.0/8/8         | not an IP network: '10.0.0.0/8/8'
            example.com/8        | not an IP network: 'example.com/8'
            256.0.0.0/8          | not an IP network: '256.0.0.0/8'
            10.0.0/8             | not an IP network: '10.0.0/8'
            ''                   | not an IP network: ''
            """)
    void badInputSaysWhatIsWrong(String text, String message) {
        assertThatThrownBy(() -> Cidr.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void theConstructorRejectsAPrefixLongerThanTheAddress() {
        assertThatThrownBy(() -> new Cidr(ip("10.0.0.0"), 40))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prefix length 40 out of range 0-32");
    }

    @Test
    void toStringIsTheUsualNotation() {
        assertThat(Cidr.parse(" 10.0.0.0/8 ")).hasToString("10.0.0.0/8");
        assertThat(Cidr.parse("192.0.2.1")).hasToString("192.0.2.1/32");
        assertThat(Cidr.parse("fc00::/7").prefixLength()).isEqualTo(7);
    }
}
