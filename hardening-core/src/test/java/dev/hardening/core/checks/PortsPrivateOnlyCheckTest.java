package dev.hardening.core.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.firewall.FirewallShapes;
import dev.hardening.core.families.ports.PortsPrivateOnlyCheck;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.core.model.Subject;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.PortsChecksConfig;

class PortsPrivateOnlyCheckTest {
    private final PortsPrivateOnlyCheck check = new PortsPrivateOnlyCheck();

    private static ChecksConfig allowing(String... ports) {
        return ChecksConfig.DEFAULT.with(PortsChecksConfig.KEY, new PortsChecksConfig(true, List.of(ports), null));
    }

    @Test
    void eachSocketIsClassifiedByItsBindAddress() {
        List<Finding> findings = check.evaluate(NetworkFacts.sockets(NetworkFacts.labInventory("lab.fd-listing.txt")),
                ChecksConfig.DEFAULT);

        // public: 0.0.0.0:5432, 198.18.0.10:8443, [::]:8080, udp 0.0.0.0:161; private: 127.0.0.1:6379, 172.17.0.2:8081
        assertThat(findings).filteredOn(f -> f.status() == Status.FAIL).extracting(Finding::message).containsExactly(
                "5432/tcp is reachable from outside: postgres (pid 39) listens on 0.0.0.0:5432, every IPv4 address of "
                        + "every interface (wildcard bind)",
                "8443/tcp is reachable from outside: listeners (pid 41) listens on 198.18.0.10:8443, public address "
                        + "198.18.0.10 on veth-pub",
                "8080/tcp is reachable from outside: listeners (pid 41) listens on [::]:8080, every IPv6 address of "
                        + "every interface, and every IPv4 address too unless the socket sets IPV6_V6ONLY (wildcard bind)",
                "161/udp is reachable from outside: listeners (pid 41) listens on 0.0.0.0:161, every IPv4 address of "
                        + "every interface (wildcard bind)");
        Finding inventory = findings.get(findings.size() - 1);
        assertThat(inventory.status()).isEqualTo(Status.PASS);
        assertThat(inventory.message()).startsWith("socket inventory, for information: 6 listening socket(s), 4 public");
        assertThat(inventory.evidence()).anySatisfy(e -> assertThat(e).contains("127.0.0.1:6379")
                .contains("users:((\"listeners\",pid=41,fd=3))").contains("[private: loopback]"));
        assertThat(inventory.evidence()).anySatisfy(e -> assertThat(e).contains("172.17.0.2:8081")
                .contains("[private: private network 172.16.0.0/12 on eth0]"));
    }

    @Test
    void remediationNamesThePrivateAddressesAndTheAllowlistEntry() {
        Finding postgres = check.evaluate(NetworkFacts.sockets(NetworkFacts.labInventory("lab.fd-listing.txt")),
                ChecksConfig.DEFAULT).get(0);

        assertThat(postgres.evidence().get(0)).contains("0.0.0.0:5432").contains("users:((\"postgres\",pid=39,fd=3))");
        assertThat(postgres.remediation()).isEqualTo("bind postgres to a private address such as 127.0.0.1 (lo), "
                + "172.17.0.2 (eth0) instead of 0.0.0.0:5432 in its configuration and restart it; or, if 5432/tcp must "
                + "be reachable from the internet, add \"5432/tcp\" to checks.ports.publicAllowed");
    }

    @Test
    void allowlistedPortsAndRangesPass() {
        List<Finding> findings = check.evaluate(NetworkFacts.sockets(NetworkFacts.labInventory("lab.fd-listing.txt")),
                allowing("5432/tcp", "8000-8999/tcp", "161/udp"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.PASS);
            assertThat(f.message()).isEqualTo("no socket is public outside the allowlist (6 listening socket(s), 4 public)");
            assertThat(f.evidence()).anySatisfy(e -> assertThat(e).contains("allowed by publicAllowed \"8000-8999/tcp\""));
        });
    }

    @Test
    void allowlistIsPerProtocol() {
        List<Finding> findings = check.evaluate(NetworkFacts.sockets(NetworkFacts.labInventory("lab.fd-listing.txt")),
                allowing("5432/tcp", "8000-8999/tcp", "161/tcp"));

        assertThat(findings).filteredOn(f -> f.status() == Status.FAIL).extracting(Finding::message)
                .singleElement().satisfies(m -> assertThat(m).startsWith("161/udp is reachable from outside"));
    }

    @Test
    void ownersThatCannotBeReadAreSaidToBeNotPermitted() {
        Finding postgres = check.evaluate(NetworkFacts.sockets(NetworkFacts.labInventory("lab-nonroot.fd-listing.txt")),
                ChecksConfig.DEFAULT).get(0);

        assertThat(postgres.message()).contains("an unknown process (process unknown: not permitted");
        assertThat(postgres.remediation()).startsWith("bind the service to a private address");
    }

    @Test
    void unknownSocketTableIsAnErrorNeverAPass() {
        NetworkFacts facts = new NetworkFacts(Fact.unknown("cannot read the socket table /proc/net/tcp: Permission denied",
                List.of()), Fact.unknown("x", List.of()), Fact.notApplicable("off"));

        assertThat(check.evaluate(facts, ChecksConfig.DEFAULT)).singleElement()
                .satisfies(f -> assertThat(f.status()).isEqualTo(Status.ERROR));
    }

    @Test
    void aPortDockerPublishesByDnatIsPublicThoughNothingListensOnTheHost() {
        List<Finding> findings = check.evaluate(NetworkFacts.withFirewall(NetworkFacts.labInventory("lab.fd-listing.txt"),
                Fact.known(FirewallShapes.shape("docker-dnat-open"))), allowing("5432/tcp", "8443/tcp", "161/udp"));

        assertThat(findings).filteredOn(f -> f.status() == Status.FAIL).extracting(f -> f.subject().key())
                .containsExactly("port:8080/tcp|[::]", "port:8080/tcp|dnat 172.17.0.2:80");
        assertThat(findings).filteredOn(f -> f.subject().key().contains("dnat")).singleElement().satisfies(f -> {
            assertThat(f.message()).startsWith("8080/tcp is reachable from outside: the firewall publishes it to "
                    + "172.17.0.2:80 by destination NAT (").contains("chain DOCKER");
            assertThat(f.subject()).isEqualTo(new Subject.Port(8080, "tcp", "dnat 172.17.0.2:80"));
            assertThat(f.remediation()).contains("DOCKER-USER").contains("checks.ports.publicAllowed");
        });
        assertThat(findings.get(findings.size() - 1).message()).startsWith("socket inventory, for information");
        assertThat(check.evaluate(NetworkFacts.withFirewall(NetworkFacts.labInventory("lab.fd-listing.txt"),
                Fact.known(FirewallShapes.shape("docker-dnat-open"))), allowing("5432/tcp", "8443/tcp", "8080/tcp",
                        "161/udp"))).as("publicAllowed covers a published port like a listening one")
                .extracting(Finding::status).containsOnly(Status.PASS);
    }

    @Test
    void aPublishedPortDroppedInDockerUserIsNotReachable() {
        List<Finding> findings = check.evaluate(NetworkFacts.withFirewall(NetworkFacts.labInventory("lab.fd-listing.txt"),
                Fact.known(FirewallShapes.shape("docker-dnat-user-drop"))), allowing("5432/tcp", "8443/tcp", "8080/tcp",
                        "161/udp"));

        assertThat(findings).extracting(Finding::status).containsOnly(Status.PASS);
    }

    @Test
    void aFirewallThatCannotBeReadMayPublishAnythingSoItIsAnError() {
        List<Finding> findings = check.evaluate(NetworkFacts.withFirewall(NetworkFacts.labInventory("lab.fd-listing.txt"),
                Fact.unknown("nft: Operation not permitted", List.of())), allowing("5432/tcp", "8443/tcp", "8080/tcp",
                        "161/udp"));

        assertThat(findings).filteredOn(f -> f.status() != Status.PASS).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.message()).isEqualTo("cannot tell whether the firewall publishes ports to containers or VMs by "
                    + "destination NAT: nft: Operation not permitted");
        });
    }
}
