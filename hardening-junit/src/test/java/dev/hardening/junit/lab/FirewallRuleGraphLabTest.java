package dev.hardening.junit.lab;

import static dev.hardening.junit.lab.GateRuns.findings;
import static dev.hardening.junit.lab.GateRuns.gate;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.core.model.Subject;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.PortsChecksConfig;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/** firewall.default-deny on real nftables and iptables rule graphs that a summary of the input chain gets wrong. */
@RequiresLab
class FirewallRuleGraphLabTest {
    private static final String IPTABLES_BASE = "for t in iptables ip6tables; do $t -A INPUT -i lo -j ACCEPT"
            + " && $t -A INPUT -p tcp --dport 22 -j ACCEPT";

    private static List<Finding> withNft(String extraRules, String extraChains) {
        String ruleset = NetLab.INET_DROP.replace("tcp dport 22 accept\n", "tcp dport 22 accept\n    " + extraRules + "\n")
                .replaceFirst("\n}\n$", "\n  " + extraChains + "\n}\n");
        try (LabHost lab = NetLab.withNftRuleset(LabHost.builder(), ruleset).start()) {
            return findings(gate(ChecksConfig.DEFAULT, lab.hostSpec("fw")), CheckId.FIREWALL_DEFAULT_DENY);
        }
    }

    private static List<Finding> withSetup(String setup) {
        try (LabHost lab = LabHost.builder().netAdmin().setup(setup).start()) {
            return findings(gate(ChecksConfig.DEFAULT, lab.hostSpec("fw")), CheckId.FIREWALL_DEFAULT_DENY);
        }
    }

    @Test
    void nftDropPolicyThatJumpsToAnAcceptAllChainFailsNamingTheRuleAndTheJump() {
        assertThat(withNft("jump allow_all", "chain allow_all { accept; }")).hasSize(2).allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).contains(" on eth0 to port 31337 is accepted by nftables table inet filter chain "
                    + "allow_all rule handle ").contains("`accept` (reached by jump from chain input rule handle ");
        });
    }

    @Test
    void iptablesDropPolicyThatJumpsToAnAcceptAllChainFailsNamingTheRule() {
        assertThat(withSetup(IPTABLES_BASE + " && $t -N ALLOW && $t -A ALLOW -j ACCEPT && $t -A INPUT -j ALLOW"
                + " && $t -P INPUT DROP; done")).hasSize(2).allSatisfy(f -> {
                    assertThat(f.status()).isEqualTo(Status.FAIL);
                    assertThat(f.message()).contains("table filter chain ALLOW rule line ")
                            .contains("`-A ALLOW -j ACCEPT` (reached by jump from chain INPUT rule line ");
                });
    }

    @Test
    void acceptingEveryNewConnectionFailsNamingTheRule() {
        assertThat(withNft("ct state new accept", "")).hasSize(2).allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).contains("`ct state new accept`");
        });
    }

    @Test
    void acceptingThePublicInterfaceFailsForPacketsArrivingThere() {
        assertThat(withNft("iifname \"eth0\" accept", "")).hasSize(2).allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).contains("packet from ").contains(" on eth0 ").contains("`iifname eth0 accept`");
        });
    }

    @Test
    void acceptingAWholeProtocolFailsNamingTheRule() {
        assertThat(withSetup(IPTABLES_BASE + " && $t -A INPUT -p udp -j ACCEPT && $t -P INPUT DROP; done")).hasSize(2)
                .allSatisfy(f -> {
                    assertThat(f.status()).isEqualTo(Status.FAIL);
                    assertThat(f.message()).contains("a NEW udp packet").contains("`-A INPUT -p udp -j ACCEPT`");
                });
    }

    @Test
    void anAcceptWithAMatchTheCheckDoesNotUnderstandIsAnErrorNamingTheRule() {
        assertThat(withNft("meta mark 0x1 accept", "")).hasSize(2).allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.message()).contains("may be accepted").contains("`meta mark 1 accept`");
        });
    }

    @Test
    void gotoDoesNotComeBackSoTheAcceptAfterItIsNeverReached() {
        assertThat(withNft("goto public\n    accept", "chain public { tcp dport 80 accept; }")).singleElement()
                .satisfies(f -> {
                    assertThat(f.status()).isEqualTo(Status.PASS);
                    assertThat(f.evidence()).contains("IPv4 ports accepted plainly: 22/tcp (tcp dport 22 accept), "
                            + "80/tcp (tcp dport 80 accept)");
                });
    }

    @Test
    void returnResumesTheCallerSoTheAcceptAfterTheJumpOpensTheHost() {
        assertThat(withNft("jump checks\n    accept", "chain checks { ip saddr 10.0.0.0/8 drop; }")).hasSize(2)
                .allSatisfy(f -> assertThat(f.status()).isEqualTo(Status.FAIL));
    }

    @Test
    void acceptPolicyWhoseJumpTargetEndsInADropPassesWithTheDropAsEvidence() {
        String ruleset = NetLab.INET_DROP.replace("policy drop", "policy accept")
                .replace("tcp dport 22 accept\n", "tcp dport 22 accept\n    jump deny\n")
                .replaceFirst("\n}\n$", "\n  chain deny { counter drop; }\n}\n");
        try (LabHost lab = NetLab.withNftRuleset(LabHost.builder(), ruleset).start()) {
            assertThat(findings(gate(ChecksConfig.DEFAULT, lab.hostSpec("fw")), CheckId.FIREWALL_DEFAULT_DENY))
                    .singleElement().satisfies(f -> {
                        assertThat(f.status()).isEqualTo(Status.PASS);
                        assertThat(f.evidence()).anySatisfy(e -> assertThat(e).startsWith("IPv4 denied by nftables table "
                                + "inet filter chain deny rule handle ").contains("`counter drop` (reached by jump from chain input"));
                    });
        }
    }

    @Test
    void anAcceptAllInAnEarlierBaseChainDoesNotOpenALaterDropPolicyChain() {
        String early = "table inet early {\n  chain input {\n    type filter hook input priority -10; policy accept;\n"
                + "    accept\n  }\n}\n";
        try (LabHost lab = NetLab.withNftRuleset(LabHost.builder(), early + NetLab.INET_DROP).start()) {
            assertThat(findings(gate(ChecksConfig.DEFAULT, lab.hostSpec("fw")), CheckId.FIREWALL_DEFAULT_DENY))
                    .singleElement().satisfies(f -> {
                        assertThat(f.status()).isEqualTo(Status.PASS);
                        assertThat(f.evidence()).contains("nftables table inet early chain input: type filter hook input "
                                + "priority -10; policy accept;").anySatisfy(e -> assertThat(e)
                                        .startsWith("IPv6 denied by nftables table inet filter chain input policy drop"));
                    });
        }
    }

    private static final String DOCKER = "iptables -A INPUT -p tcp --dport 22 -j ACCEPT && iptables -P INPUT DROP"
            + " && ip6tables -P INPUT DROP"
            + " && iptables -t nat -N DOCKER && iptables -t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER"
            + " && iptables -t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80"
            + " && iptables -N DOCKER && iptables -N DOCKER-USER && iptables -P FORWARD DROP"
            + " && iptables -A FORWARD -j DOCKER-USER && iptables -A FORWARD -o docker0 -j DOCKER"
            + " && iptables -A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT";

    @Test
    void aPortPublishedByDnatFailsPortsPrivateOnlyUnlessDockerUserDropsIt() {
        ChecksConfig sshInPublic = ChecksConfig.DEFAULT.with(PortsChecksConfig.KEY,
                new PortsChecksConfig(null, List.of("22/tcp"), null));
        try (LabHost lab = LabHost.builder().netAdmin().setup(DOCKER + " && iptables -A DOCKER-USER -j RETURN").start()) {
            List<Finding> ports = findings(gate("ports", sshInPublic, lab.hostSpec("published")), CheckId.PORTS_PRIVATE_ONLY);

            assertThat(ports).filteredOn(f -> f.status() == Status.FAIL).singleElement().satisfies(f -> {
                assertThat(f.message()).startsWith("8080/tcp is reachable from outside: the firewall publishes it to "
                        + "172.17.0.2:80 by destination NAT (iptables-nft table nat chain DOCKER rule line ");
                assertThat(f.subject()).isEqualTo(new Subject.Port(8080, "tcp", "dnat 172.17.0.2:80"));
            });
        }
        try (LabHost lab = LabHost.builder().netAdmin().setup(DOCKER + " && iptables -A DOCKER-USER -j DROP").start()) {
            List<Finding> ports = findings(gate("ports", sshInPublic, lab.hostSpec("filtered")), CheckId.PORTS_PRIVATE_ONLY);

            assertThat(ports).extracting(Finding::status).containsOnly(Status.PASS);
        }
    }

    @Test
    void dockerStyleDnatIsListedAsPublishedWithTheForwardVerdictAndADockerUserDropIsRecognised() {
        String docker = "iptables -A INPUT -p tcp --dport 22 -j ACCEPT && iptables -P INPUT DROP && ip6tables -P INPUT DROP"
                + " && iptables -t nat -N DOCKER && iptables -t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER"
                + " && iptables -t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80"
                + " && iptables -N DOCKER && iptables -N DOCKER-USER && iptables -P FORWARD DROP"
                + " && iptables -A FORWARD -j DOCKER-USER && iptables -A FORWARD -o docker0 -j DOCKER"
                + " && iptables -A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT";
        assertThat(withSetup(docker + " && iptables -A DOCKER-USER -j RETURN")).singleElement().satisfies(f -> {
            assertThat(f.status()).as(f.message()).isEqualTo(Status.PASS);
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e).startsWith("published by DNAT (ports.private-only judges "
                    + "it): 8080/tcp -> 172.17.0.2:80 (iptables-nft table nat chain DOCKER rule line "));
        });
        assertThat(withSetup(docker + " && iptables -A DOCKER-USER -j DROP")).singleElement().satisfies(f -> {
            assertThat(f.status()).as(f.message()).isEqualTo(Status.PASS);
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e).contains("8080/tcp -> 172.17.0.2:80")
                    .containsAnyOf("is dropped by iptables-nft table filter chain DOCKER-USER rule line ",
                            "not forwarded (IPv4 forwarding is off)"));
        });
    }

    /** firewalld as a host runs it, without systemd: its D-Bus, then the daemon, then a zone. */
    private static String firewalld(String zoneCommands) {
        return "mkdir -p /run/dbus && dbus-daemon --system --fork && (firewalld --nofork --nopid >/var/log/firewalld.lab 2>&1 &)"
                + " && for i in $(seq 1 30); do firewall-cmd --state >/dev/null 2>&1 && break; sleep 1; done && " + zoneCommands;
    }

    @Test
    void firewalldWithTheDropZonePassesNamingFirewalldAndTheSshServiceItAllows() {
        assertThat(withSetup(firewalld("firewall-cmd --set-default-zone=drop && firewall-cmd --zone=drop --add-service=ssh")))
                .singleElement().satisfies(f -> {
                    assertThat(f.status()).as(f.message()).isEqualTo(Status.PASS);
                    assertThat(f.message()).contains("rules managed by firewalld");
                    assertThat(f.evidence()).anySatisfy(e -> assertThat(e).contains("22/tcp"));
                });
    }

    @Test
    void firewalldsStockPublicZoneFailsOnItsAcceptOfEveryIcmpPacketNamingTheRule() {
        assertThat(withSetup(firewalld("firewall-cmd --state"))).isNotEmpty().allSatisfy(f -> {
            assertThat(f.status()).as(f.message()).isEqualTo(Status.FAIL);
            assertThat(f.message()).contains("chain filter_IN_public rule handle ")
                    .contains("`meta l4proto { icmp, ipv6-icmp } accept`");
        });
    }
}
