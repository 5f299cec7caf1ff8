package dev.hardening.junit.lab;

import static dev.hardening.junit.lab.GateRuns.findings;
import static dev.hardening.junit.lab.GateRuns.gate;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.hardening.core.gate.GateResult;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/** The acceptance: an exposed database and an IPv4-only firewall fail both checks; the hardened host passes. */
@RequiresLab
class NetworkExposureLabTest {

    @Test
    void exposedDatabaseAndOpenIpv6FailBothChecksWithEvidence() {
        try (LabHost lab = NetLab.withListenerScripts(NetLab.withNftRuleset(LabHost.builder(),
                NetLab.INET_DROP.replace("table inet", "table ip"))).setup(NetLab.start("postgres 5432 0.0.0.0")).start()) {
            GateResult result = gate(NetLab.portsAllowing("22/tcp"), lab.hostSpec("db1"));
            String pid = PortsLabTest.pid(lab, "postgres 5432");

            assertThat(result.passed()).isFalse();
            assertThat(findings(result, CheckId.PORTS_PRIVATE_ONLY)).filteredOn(f -> f.status() == Status.FAIL)
                    .singleElement().satisfies(f -> {
                        assertThat(f.message()).isEqualTo("5432/tcp is reachable from outside: postgres (pid " + pid
                                + ") listens on 0.0.0.0:5432, every IPv4 address of every interface (wildcard bind)");
                        assertThat(f.evidence().get(0)).contains("0.0.0.0:5432")
                                .contains("users:((\"postgres\",pid=" + pid + ",fd=3))");
                        assertThat(f.remediation()).startsWith("bind postgres to a private address such as 127.0.0.1 (lo), "
                                + lab.containerAddress() + " (eth0) instead of 0.0.0.0:5432");
                    });
            assertThat(findings(result, CheckId.FIREWALL_DEFAULT_DENY)).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.message()).isEqualTo("inbound IPv6 is not default-deny: no input chain sees IPv6 packets, "
                        + "although IPv4 is (nftables table ip filter chain input)");
                assertThat(f.evidence()).contains("no input chain sees IPv6 packets",
                        "nftables table ip filter chain input: type filter hook input priority 0; policy drop;");
            });
        }
    }

    @Test
    void hardenedHostPassesEveryCheck() {
        try (LabHost lab = NetLab.withListenerScripts(LabHost.builder().hardened())
                .setup(NetLab.start("postgres 5432 127.0.0.1")).start()) {
            GateResult result = gate(NetLab.portsAllowing("22/tcp"), lab.hostSpec("hardened"));

            // every check passes but TLS, which has no endpoint listed to check
            assertThat(result.findings()).filteredOn(f -> !f.check().prefix().equals("tls"))
                    .extracting(Finding::status).containsOnly(Status.PASS);
            assertThat(result.findings()).filteredOn(f -> f.check().prefix().equals("tls"))
                    .extracting(Finding::status).containsOnly(Status.SKIPPED);
            assertThat(result.passed()).isTrue();
            assertThat(findings(result, CheckId.PORTS_PRIVATE_ONLY)).singleElement().satisfies(f -> assertThat(f.evidence())
                    .anySatisfy(e -> assertThat(e).contains("127.0.0.1:5432").contains("[private: loopback]")));
        }
    }
}
