package dev.hardening.junit.lab;

import static dev.hardening.junit.lab.GateRuns.findings;
import static dev.hardening.junit.lab.GateRuns.gate;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

@RequiresLab
class PortsLabTest {

    @Test
    void eachBindAddressIsClassifiedAndNamedWithItsProcess() {
        try (LabHost lab = NetLab.withListenerScripts(LabHost.builder().netAdmin())
                .setup(NetLab.PUBLIC_VETH)
                .setup(NetLab.start("postgres 6379 127.0.0.1"))
                .setup(NetLab.start("postgres 8081 \"$(ip -4 -o addr show eth0 | awk '{print $4}' | cut -d/ -f1)\""))
                .setup(NetLab.start("postgres 8443 198.18.0.10"))
                .setup(NetLab.start("postgres 5432 0.0.0.0"))
                .setup(NetLab.start("postgres 8080 ::"))
                .setup(NetLab.start("snmpd"))
                .start()) {
            List<Finding> ports = findings(gate(NetLab.portsAllowing("22/tcp"), lab.hostSpec("listeners")),
                    CheckId.PORTS_PRIVATE_ONLY);

            assertThat(ports).filteredOn(f -> f.status() == Status.FAIL).extracting(Finding::message)
                    .containsExactlyInAnyOrder(
                            "8443/tcp is reachable from outside: postgres (pid " + pid(lab, "postgres 8443") + ") listens on "
                                    + "198.18.0.10:8443, public address 198.18.0.10 on veth-pub",
                            "5432/tcp is reachable from outside: postgres (pid " + pid(lab, "postgres 5432") + ") listens on "
                                    + "0.0.0.0:5432, every IPv4 address of every interface (wildcard bind)",
                            "8080/tcp is reachable from outside: postgres (pid " + pid(lab, "postgres 8080") + ") listens on "
                                    + "[::]:8080, every IPv6 address of every interface, and every IPv4 address too "
                                    + "unless the socket sets IPV6_V6ONLY (wildcard bind)",
                            "161/udp is reachable from outside: snmpd (pid " + pid(lab, "snmpd") + ") listens on "
                                    + "0.0.0.0:161, every IPv4 address of every interface (wildcard bind)");
            Finding inventory = ports.get(ports.size() - 1);
            assertThat(inventory.status()).isEqualTo(Status.PASS);
            assertThat(inventory.evidence())
                    .anySatisfy(e -> assertThat(e).contains("127.0.0.1:6379").contains("\"postgres\"")
                            .contains("[private: loopback]"))
                    .anySatisfy(e -> assertThat(e).contains(lab.containerAddress() + ":8081")
                            .contains("[private: private network 172.16.0.0/12 on eth0]"))
                    .anySatisfy(e -> assertThat(e).contains("0.0.0.0:22").contains("\"sshd\"")
                            .contains("allowed by publicAllowed \"22/tcp\""))
                    .anySatisfy(e -> assertThat(e).isEqualTo("interface veth-pub 198.18.0.10/24"));
        }
    }

    @Test
    void withoutSudoTheOwnersOfOtherUsersSocketsAreNotPermitted() {
        try (LabHost lab = NetLab.withListenerScripts(LabHost.builder().withoutSudo())
                .setup(NetLab.start("postgres 5432 0.0.0.0")).start()) {
            Finding postgres = findings(gate(NetLab.portsAllowing("22/tcp"), lab.hostSpec("nosudo")),
                    CheckId.PORTS_PRIVATE_ONLY).get(0);

            assertThat(postgres.status()).isEqualTo(Status.FAIL);
            assertThat(postgres.message()).startsWith("5432/tcp is reachable from outside: an unknown process "
                    + "(process unknown: not permitted");
        }
    }

    /** The pid of the listener script started with the argument, read inside the host. */
    static String pid(LabHost lab, String script) {
        return lab.exec("pgrep -o -f '^/usr/bin/python3 /usr/local/bin/" + script + "'").strip();
    }
}
