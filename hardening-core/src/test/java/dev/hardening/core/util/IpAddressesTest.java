package dev.hardening.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressesTest {

    @ParameterizedTest
    @CsvSource({"::, ::", "::1, ::1", "fd00:0:0:0:0:0:0:2, fd00::2", "fe80::fc:ff:fe00:1, fe80::fc:ff:fe00:1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1", "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "10.0.0.1, 10.0.0.1"})
    void formatsAddressesTheWayPeopleWriteThem(String input, String expected) {
        assertThat(IpAddresses.format(IpAddresses.parse(input).orElseThrow())).isEqualTo(expected);
    }
}
