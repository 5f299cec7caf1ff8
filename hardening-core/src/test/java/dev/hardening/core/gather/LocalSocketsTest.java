package dev.hardening.core.gather;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.net.ListeningSocket;
import dev.hardening.core.facts.net.ProcessRef;
import dev.hardening.core.facts.net.SocketInventory;
import dev.hardening.core.host.LocalHost;

/** On this machine: OSHI (the local path) and /proc read through a Host (the remote path) give the same records. */
@EnabledOnOs(OS.LINUX)
class LocalSocketsTest {

    private static SocketInventory known(Fact<SocketInventory> fact) {
        assertThat(fact).isInstanceOf(Fact.Known.class);
        return ((Fact.Known<SocketInventory>) fact).value();
    }

    private static Set<String> endpoints(SocketInventory inventory) {
        return inventory.sockets().stream().map(s -> s.transport() + " " + s.endpoint()).collect(Collectors.toSet());
    }

    @Test
    void oshiAndProcThroughAHostAgreeOnSocketsOwnersAndInterfaces() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket tcp = new ServerSocket(0, 1, loopback);
                DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            long pid = ProcessHandle.current().pid();
            SocketInventory viaOshi = known(LocalSocketsReader.collect());
            SocketInventory viaProc = known(NetFactsCollector.collect(LocalHost.create()));

            for (SocketInventory inventory : new SocketInventory[] {viaOshi, viaProc}) {
                // a dual-stack JVM opens them in the IPv6 tables as ::ffff:127.0.0.1, which is loopback all the same
                assertThat(inventory.sockets()).anySatisfy(s -> {
                    assertThat(s.port()).isEqualTo(tcp.getLocalPort());
                    assertThat(s.address().isLoopbackAddress()).isTrue();
                    assertThat(s.processes()).extracting(ProcessRef::pid).contains((int) pid);
                });
                assertThat(inventory.sockets()).anySatisfy(s -> assertThat(s.port()).isEqualTo(udp.getLocalPort()));
            }
            // other processes on this machine open and close sockets meanwhile; ours are stable
            Set<String> ours = endpoints(viaProc).stream().filter(e -> e.endsWith(":" + tcp.getLocalPort())
                    || e.endsWith(":" + udp.getLocalPort())).collect(Collectors.toSet());
            assertThat(ours).hasSize(2);
            assertThat(endpoints(viaOshi)).containsAll(ours);
            assertThat(viaOshi.sockets().stream().filter(s -> s.port() == tcp.getLocalPort()).map(ListeningSocket::ownerNames))
                    .isEqualTo(viaProc.sockets().stream().filter(s -> s.port() == tcp.getLocalPort())
                            .map(ListeningSocket::ownerNames).toList());
            assertThat(viaOshi.interfacesOf(loopback)).isEqualTo(viaProc.interfacesOf(loopback)).isEqualTo("lo");
        }
    }
}
