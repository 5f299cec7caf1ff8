package dev.hardening.core.facts.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hardening.core.Fixtures;

class SocketOwnersTest {

    private static ListeningSocket socket(long inode) {
        return ProcNetParser.parse(Fixtures.read("net/lab.tcp"), Transport.TCP, IpFamily.IPV4).stream()
                .filter(s -> s.inode() == inode).findFirst().orElseThrow();
    }

    @Test
    void rootListingNamesTheProcessAndDescriptorOfEachSocket() {
        SocketOwners owners = SocketOwners.parse(Fixtures.read("net/lab.fd-listing.txt"))
                .withNames(Fixtures.read("net/lab.comm.txt"));

        assertThat(owners.pids()).containsExactly(39, 41);
        assertThat(owners.attach(socket(167314)).owners()).isEqualTo("users:((\"postgres\",pid=39,fd=3))");
        assertThat(owners.attach(socket(166684)).ownerNames()).isEqualTo("listeners (pid 41)");
        assertThat(owners.unreadable()).isEmpty();
    }

    @Test
    void unprivilegedListingSaysNotPermitted() {
        SocketOwners owners = SocketOwners.parse(Fixtures.read("net/lab-nonroot.fd-listing.txt"));

        assertThat(owners.unreadable()).contains(1, 39, 41);
        assertThat(owners.attach(socket(167314)).owners()).startsWith("process unknown: not permitted");
    }

    @Test
    void socketNoReadableProcessHoldsIsSaidToBeHeldByNone() {
        SocketOwners owners = SocketOwners.parse("/proc/7/fd:\ntotal 0\nlrwx------ 1 root root 64 Nov 25 20:37 0 -> /dev/null\n");

        assertThat(owners.attach(socket(167314)).processes()).isEqualTo(List.of());
        assertThat(owners.attach(socket(167314)).owners()).startsWith("process unknown: no process holds it");
    }
}
