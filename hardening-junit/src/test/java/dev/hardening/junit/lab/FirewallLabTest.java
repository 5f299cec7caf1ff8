package dev.hardening.junit.lab;

import static dev.hardening.junit.lab.GateRuns.findings;
import static dev.hardening.junit.lab.GateRuns.gate;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

@RequiresLab
class FirewallLabTest {

    private static List<Finding> firewall(LabHost lab) {
        return findings(gate(ChecksConfig.DEFAULT, lab.hostSpec("fw")), CheckId.FIREWALL_DEFAULT_DENY);
    }

    private static List<Finding> withRuleset(String ruleset) {
        try (LabHost lab = NetLab.withNftRuleset(LabHost.builder(), ruleset).start()) {
            return firewall(lab);
        }
    }

    @Test
    void inetDropPolicyPasses() {
        assertThat(withRuleset(NetLab.INET_DROP)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.PASS);
            assertThat(f.evidence()).contains("nftables table inet filter chain input: type filter hook input priority 0; "
                    + "policy drop;").anySatisfy(e -> assertThat(e).contains("22/tcp (tcp dport 22 accept)"));
        });
    }

    @Test
    void acceptPolicyFails() {
        assertThat(withRuleset(NetLab.INET_DROP.replace("policy drop", "policy accept")))
                .extracting(Finding::status).containsOnly(Status.FAIL).hasSize(2);
    }

    @Test
    void ipOnlyDropTableFailsForIpv6() {
        assertThat(withRuleset(NetLab.INET_DROP.replace("table inet", "table ip"))).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).isEqualTo("inbound IPv6 is not default-deny: no input chain sees IPv6 packets, "
                    + "although IPv4 is (nftables table ip filter chain input)");
        });
    }

    @Test
    void acceptPolicyWithAFinalDropRulePasses() {
        assertThat(withRuleset(NetLab.INET_DROP.replace("policy drop", "policy accept")
                .replace("tcp dport 22 accept\n", "tcp dport 22 accept\n    counter drop\n"))).singleElement()
                .satisfies(f -> {
                    assertThat(f.status()).isEqualTo(Status.PASS);
                    assertThat(f.evidence()).contains("nftables table inet filter chain input ends with: counter drop");
                });
    }

    @Test
    void noRulesetAtAllFails() {
        try (LabHost lab = LabHost.builder().netAdmin().start()) {
            assertThat(firewall(lab)).singleElement().satisfies(f ->
                    assertThat(f.message()).startsWith("there is no firewall ruleset at all"));
        }
    }

    @Test
    void iptablesRulesPassOnBothBackends() {
        for (String backend : List.of("nft", "legacy")) {
            String rules = "for t in iptables-" + backend + " ip6tables-" + backend + "; do "
                    + "$t -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT && $t -A INPUT -i lo -j ACCEPT && "
                    + "$t -A INPUT -p tcp --dport 22 -j ACCEPT && $t -P INPUT DROP; done";
            try (LabHost lab = LabHost.builder().netAdmin().setup(rules).start()) {
                assertThat(firewall(lab)).singleElement().satisfies(f -> {
                    assertThat(f.status()).isEqualTo(Status.PASS);
                    assertThat(f.evidence()).contains("iptables-" + backend + " table filter chain INPUT: :INPUT DROP",
                            "ip6tables-" + backend + " table filter chain INPUT: :INPUT DROP");
                });
            }
        }
    }

    @Test
    void iptablesWithoutIp6tablesRulesFailsForIpv6() {
        try (LabHost lab = LabHost.builder().netAdmin()
                .setup("iptables -A INPUT -p tcp --dport 22 -j ACCEPT && iptables -P INPUT DROP").start()) {
            assertThat(firewall(lab)).singleElement().satisfies(f -> {
                assertThat(f.message()).startsWith("inbound IPv6 is not default-deny")
                        .endsWith("although IPv4 is (iptables-nft table filter chain INPUT)");
                assertThat(f.remediation()).startsWith("give IPv6 the same rules: `ip6tables -P INPUT DROP`");
            });
        }
    }

    @Test
    void ufwManagedRulesAreRecognised() {
        try (LabHost lab = LabHost.builder().netAdmin()
                .setup("ufw allow 22/tcp >/dev/null && ufw --force enable >/dev/null").start()) {
            assertThat(firewall(lab)).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.PASS);
                assertThat(f.message()).isEqualTo("inbound default-deny holds for IPv4 and IPv6 (rules managed by ufw)");
                assertThat(f.evidence()).anySatisfy(e -> assertThat(e)
                        .contains("-A ufw-user-input -p tcp -m tcp --dport 22 -j ACCEPT"));
            });
        }
    }

    @Test
    void ufwWithIpv6OffStillDropsEveryIpv6Packet() {
        // IPV6=no makes ufw drop all of IPv6 rather than leave it open; the check reads that from ip6tables
        try (LabHost lab = LabHost.builder().netAdmin()
                .setup("sed -i 's/^IPV6=.*/IPV6=no/' /etc/default/ufw && ufw allow 22/tcp >/dev/null "
                        + "&& ufw --force enable >/dev/null").start()) {
            assertThat(firewall(lab)).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.PASS);
                assertThat(f.evidence()).contains("ip6tables-nft table filter chain INPUT: :INPUT DROP");
            });
        }
    }

    @Test
    void userWithoutSudoGetsAnErrorNotAPass() {
        try (LabHost lab = NetLab.withNftRuleset(LabHost.builder().withoutSudo(), NetLab.INET_DROP).start()) {
            assertThat(firewall(lab)).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.ERROR);
                assertThat(f.message()).contains("Operation not permitted");
            });
        }
    }

    @Test
    void probeThroughTheMappedPortCatchesAPortTheFirewallLetsThrough() {
        try (LabHost lab = NetLab.withListenerScripts(NetLab.withNftRuleset(LabHost.builder().exposePort(5432),
                NetLab.INET_DROP.replace("policy drop", "policy accept")))
                .setup(NetLab.start("postgres 5432 0.0.0.0")).start()) {
            GateOptions options = GateOptions.DEFAULT.withProbeRoutes(lab.mappedPortRoutes());
            List<Finding> findings = findings(gate(NetLab.firewallWithProbe(), options, lab.hostSpec("open")),
                    CheckId.FIREWALL_DEFAULT_DENY);

            assertThat(findings).anySatisfy(f -> {
                assertThat(f.status()).isEqualTo(Status.FAIL);
                assertThat(f.message()).startsWith("the firewall does not block 5432/tcp: postgres (pid ")
                        .contains("answered at 127.0.0.1:" + lab.mappedPort(5432));
            });
        }
    }

    @Test
    void probeToTheHostsAddressPassesAPortTheFirewallBlocks() {
        try (LabHost lab = NetLab.withListenerScripts(NetLab.withNftRuleset(LabHost.builder(), NetLab.INET_DROP))
                .setup(NetLab.start("postgres 5432 0.0.0.0")).start()) {
            GateOptions options = GateOptions.DEFAULT.withProbeRoutes(lab.containerRoutes());
            List<Finding> findings = findings(gate(NetLab.firewallWithProbe(), options, lab.hostSpec("closed")),
                    CheckId.FIREWALL_DEFAULT_DENY);

            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.status()).isEqualTo(Status.PASS);
                assertThat(f.evidence())
                        .anySatisfy(e -> assertThat(e).startsWith("probe: 5432/tcp (bound to 0.0.0.0:5432) probed at "
                                + lab.containerAddress() + ":5432: no answer"))
                        .anySatisfy(e -> assertThat(e).isEqualTo("probe: 22/tcp answers and is accepted by "
                                + "`tcp dport 22 accept`"));
            });
        }
    }
}
