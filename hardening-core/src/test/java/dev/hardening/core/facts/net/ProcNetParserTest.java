package dev.hardening.core.facts.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hardening.core.Fixtures;

class ProcNetParserTest {

    private static List<ListeningSocket> lab(String table, Transport transport, IpFamily family) {
        return ProcNetParser.parse(Fixtures.read("net/lab." + table), transport, family);
    }

    @Test
    void labTcpTableGivesEveryListenerWithItsAddressPortAndInode() {
        assertThat(lab("tcp", Transport.TCP, IpFamily.IPV4)).extracting(ListeningSocket::endpoint, ListeningSocket::inode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("127.0.0.1:6379", 166683L),
                        org.assertj.core.groups.Tuple.tuple("172.17.0.2:8081", 166684L),
                        org.assertj.core.groups.Tuple.tuple("0.0.0.0:5432", 167314L),
                        org.assertj.core.groups.Tuple.tuple("198.18.0.10:8443", 166685L));
    }

    @Test
    void ipv6WildcardIsReadFromTcp6() {
        assertThat(lab("tcp6", Transport.TCP, IpFamily.IPV6)).singleElement().satisfies(s -> {
            assertThat(s.endpoint()).isEqualTo("[::]:8080");
            assertThat(s.address().isAnyLocalAddress()).isTrue();
            assertThat(s.portLabel()).isEqualTo("8080/tcp");
        });
    }

    @Test
    void unconnectedUdpSocketListens() {
        assertThat(lab("udp", Transport.UDP, IpFamily.IPV4)).singleElement()
                .satisfies(s -> assertThat(s.endpoint()).isEqualTo("0.0.0.0:161"));
        assertThat(lab("udp6", Transport.UDP, IpFamily.IPV6)).isEmpty();
    }

    @Test
    void connectedTcpSocketsAreNotListeners() {
        String table = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
                + "   0: 020011AC:0016 010011AC:D2F4 01 00000000:00000000 02:000A7B3C 00000000     0        0 171234 4 0 20 4 30 10 -1\n";
        assertThat(ProcNetParser.parse(table, Transport.TCP, IpFamily.IPV4)).isEmpty();
    }

    @Test
    void thisMachinesTablesParse() {
        for (String t : List.of("tcp", "tcp6", "udp", "udp6")) {
            Transport transport = t.startsWith("tcp") ? Transport.TCP : Transport.UDP;
            IpFamily family = t.endsWith("6") ? IpFamily.IPV6 : IpFamily.IPV4;
            assertThat(ProcNetParser.parse(Fixtures.read("net/machine." + t), transport, family))
                    .allSatisfy(s -> assertThat(s.port()).isBetween(0, 65535));
        }
    }

    @Test
    void ipv4MappedAddressInTcp6IsClassifiedAsItsIpv4Part() {
        String table = "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
                + "   0: 0000000000000000FFFF00000100007F:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 100 0 0 10 0\n";
        ListeningSocket socket = ProcNetParser.parse(table, Transport.TCP, IpFamily.IPV6).get(0);

        assertThat(socket.endpoint()).isEqualTo("[::ffff:127.0.0.1]:80");
        assertThat(socket.address().isLoopbackAddress()).isTrue();
    }

    @Test
    void garbageIsRejectedNamingTheLine() {
        assertThatThrownBy(() -> ProcNetParser.parse("cat: /proc/net/tcp: Permission denied\n", Transport.TCP, IpFamily.IPV4))
                .hasMessageContaining("header line").hasMessageContaining("Permission denied");
        assertThatThrownBy(() -> ProcNetParser.parse("  sl  local_address\n   0: XYZ:0016 00000000:0000 0A a b c d e 5\n",
                Transport.TCP, IpFamily.IPV4)).hasMessageContaining("bad address 'XYZ:0016'");
    }
}
