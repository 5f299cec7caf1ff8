package dev.hardening.core.facts.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hardening.core.Fixtures;

class InterfaceParsersTest {

    @Test
    void ipJsonGivesEveryInterfaceWithItsAddresses() {
        List<HostInterface> interfaces = InterfaceParsers.parseIpJson(Fixtures.read("net/lab.ip-addr.json"));

        assertThat(interfaces).extracting(HostInterface::describe)
                .contains("lo 127.0.0.1/8", "veth-pub 198.18.0.10/24", "eth0 172.17.0.2/16");
    }

    @Test
    void procFilesGiveIpv4FromFibTrieAndNamedIpv6FromIfInet6() {
        List<HostInterface> interfaces = InterfaceParsers.parseProc(Fixtures.read("net/machine.if_inet6"),
                Fixtures.read("net/lab.fib_trie"));

        assertThat(interfaces.get(0).describe()).isEqualTo("? 127.0.0.1/32 172.17.0.2/32 198.18.0.10/32");
        assertThat(interfaces).extracting(HostInterface::describe).contains("lo ::1/128");
    }

    @Test
    void errorTextIsNotInterfaces() {
        assertThatThrownBy(() -> InterfaceParsers.parseIpJson("Error: unknown command\n"))
                .hasMessageContaining("no JSON");
    }
}
