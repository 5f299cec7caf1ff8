package dev.hardening.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.core.family.FamilyRegistry;

/**
 * Inventory hosts take host fields from the policy's defaults and groups, and from their Ansible
 * variables with Ansible's precedence: inventory file group vars (all, parent, child) &lt; group_vars/all
 * &lt; group_vars/GROUP &lt; the host's inventory vars &lt; host_vars/HOST.
 */
class InventoryVarsTest {
    private static final String INVENTORY = """
            [web]
            web1 ansible_host=198.18.0.11
            web2 ansible_host=198.18.0.12 ansible_user=inline

            [db]
            db1 ansible_host=198.18.0.21

            [prod:children]
            web
            db

            [prod:vars]
            ansible_user=from-prod-ini
            hardening_sudo=false

            [web:vars]
            ansible_port=2201
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void writeInventory() throws IOException {
        Files.writeString(dir.resolve("inventory.ini"), INVENTORY);
    }

    private Policy load(String policy) throws Exception {
        return PolicyLoader.load(Files.writeString(dir.resolve("policy.yml"), policy), FamilyRegistry.discover());
    }

    private String error(String policy) throws IOException {
        Path file = Files.writeString(dir.resolve("policy.yml"), policy);
        PolicyException e = catchThrowableOfType(PolicyException.class, () -> PolicyLoader.load(file, FamilyRegistry.discover()));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n", "Exception");
        return e.getMessage();
    }

    private void write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static HostSpec host(Policy policy, String name) {
        return policy.hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void groupVarsFilesBeatTheInventoryFileAndHostVarsBeatEverything() throws Exception {
        write("group_vars/all.yml", "ansible_user: from-all-file\nhardening_knownHosts: keys/fleet_known_hosts\n");
        write("group_vars/prod.yaml", "hardening_sudo: true\n");
        write("group_vars/web/10-ssh.yml", "ansible_port: 2202\n");
        write("group_vars/web/20-ssh.yml", "ansible_port: 2203\n");
        write("host_vars/web2.yml", "ansible_port: 2299\nhardening_hostKey: \"SHA256:abc\"\n");

        Policy policy = load("inventory: inventory.ini\n");

        HostSpec web1 = host(policy, "web1");
        assertThat(web1.user()).as("group_vars/all beats [prod:vars] of the inventory file").isEqualTo("from-all-file");
        assertThat(web1.sudo()).as("group_vars/prod beats [prod:vars]").isTrue();
        assertThat(web1.port()).as("the files of group_vars/web/ in name order, the later winning").isEqualTo(2203);
        assertThat(web1.knownHosts()).as("relative to the inventory").isEqualTo(dir.resolve("keys/fleet_known_hosts").toString());
        HostSpec web2 = host(policy, "web2");
        assertThat(web2.user()).as("the host's inventory vars beat group_vars files").isEqualTo("inline");
        assertThat(web2.port()).as("host_vars beats them all").isEqualTo(2299);
        assertThat(web2.hostKey()).isEqualTo("SHA256:abc");
        assertThat(host(policy, "db1").port()).isEqualTo(22);
    }

    @Test
    void aChildGroupsInventoryVarsBeatItsParentsAndSameDepthGroupsGoByName() throws Exception {
        Files.writeString(dir.resolve("inventory.ini"), """
                [web]
                web1
                [beta]
                web1
                [prod:children]
                web
                [prod:vars]
                ansible_port=2001
                [web:vars]
                ansible_port=2002
                ansible_user=web
                [beta:vars]
                ansible_user=beta
                """);

        HostSpec web1 = load("inventory: inventory.ini\n").hosts().get(0);

        assertThat(web1.port()).as("child web beats parent prod").isEqualTo(2002);
        // beta is top level (depth 0) and web a child (depth 1): the deeper group wins, whatever the names
        assertThat(web1.user()).isEqualTo("web");
    }

    @Test
    void sameDepthGroupsMergeByNameTheLaterWinningUnlessAPriorityIsGiven() throws Exception {
        Files.writeString(dir.resolve("inventory.ini"), "[zeta]\nweb1\n[alpha]\nweb1\n[zeta:vars]\nansible_user=zeta\n"
                + "[alpha:vars]\nansible_user=alpha\n");

        assertThat(load("inventory: inventory.ini\n").hosts().get(0).user()).isEqualTo("zeta");

        Files.writeString(dir.resolve("inventory.ini"), "[zeta]\nweb1\n[alpha]\nweb1\n[zeta:vars]\nansible_user=zeta\n"
                + "[alpha:vars]\nansible_user=alpha\nansible_group_priority=10\n");

        assertThat(load("inventory: inventory.ini\n").hosts().get(0).user()).isEqualTo("alpha");
    }

    @Test
    void inventoryHostsTakeDefaultsAndPolicyGroupsBelowTheirOwnVariables() throws Exception {
        Policy policy = load("""
                inventory: inventory.ini
                defaults:
                  identity: keys/deploy
                  knownHosts: keys/known_hosts
                groups:
                  web:
                    hosts: [web*]
                    sudo: true
                    checks:
                      ports: { publicAllowed: ["22/tcp", "443/tcp"] }
                  db:
                    hosts: [db*]
                    user: never-used
                """);

        HostSpec web1 = host(policy, "web1");
        assertThat(web1.identity()).isEqualTo(dir.resolve("keys/deploy").toString());
        assertThat(web1.knownHosts()).isEqualTo(dir.resolve("keys/known_hosts").toString());
        assertThat(web1.sudo()).as("hardening_sudo=false of the inventory beats the policy group").isFalse();
        assertThat(host(policy, "db1").user()).as("ansible_user of the inventory beats the policy group")
                .isEqualTo("from-prod-ini");
        assertThat(policy.checksFor(web1).get(PortsChecksConfig.KEY).publicAllowed()).contains("443/tcp");
        assertThat(policy.checksFor(host(policy, "db1")).get(PortsChecksConfig.KEY).publicAllowed()).isEmpty();
    }

    @Test
    void anInventoryGivenBesideThePolicyTakesItsGroupsToo() throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yml"), """
                groups:
                  web:
                    hosts: [web*]
                    checks:
                      ports: { publicAllowed: ["443/tcp"] }
                hosts:
                  - name: local
                    address: local
                """);

        PolicyException unmatched = catchThrowableOfType(PolicyException.class,
                () -> PolicyLoader.load(policy, FamilyRegistry.discover()));
        Policy withInventory = PolicyLoader.load(policy, FamilyRegistry.discover(), dir.resolve("inventory.ini"), "web");

        assertThat(unmatched).hasMessageContaining("pattern 'web*' matches no host (the hosts are local)");
        assertThat(withInventory.hosts()).extracting(HostSpec::name).containsExactly("local", "web1", "web2");
        assertThat(withInventory.checksFor(host(withInventory, "web2")).get(PortsChecksConfig.KEY).publicAllowed())
                .containsExactly("443/tcp");
        assertThat(withInventory.groupSettings(host(withInventory, "web2"), "ports")).singleElement().asString()
                .startsWith("checks.ports.publicAllowed from group web (" + policy + ":5:16)");
    }

    @Test
    void hostsAddedToALoadedPolicyTakeItsDefaults() throws Exception {
        Policy policy = load("defaults:\n  knownHosts: keys/known_hosts\nhosts:\n  - address: local\n");

        Policy added = PolicyLoader.withInventory(policy, dir.resolve("inventory.ini"), "db");

        assertThat(host(added, "db1").knownHosts()).isEqualTo(dir.resolve("keys/known_hosts").toString());
    }

    @Test
    void anInventoryWithoutAPolicyGivesItsHostsWithTheirVarsFiles() throws Exception {
        write("group_vars/db.yml", "hardening_knownHosts: keys/db_known_hosts\n");
        Policy none = new Policy(Optional.empty(), List.of(), ChecksConfig.DEFAULT, List.of());

        Policy db = PolicyLoader.withInventory(none, dir.resolve("inventory.ini"), "db");

        assertThat(db.hosts()).extracting(HostSpec::name).containsExactly("db1");
        assertThat(db.hosts().get(0).knownHosts()).isEqualTo(dir.resolve("keys/db_known_hosts").toString());
        assertThat(db.checksFor(db.hosts().get(0))).isSameAs(db.checks());
    }

    @Test
    void aVarsFileThatIsNotAMappingIsAnErrorAtItsFirstLine() throws Exception {
        write("group_vars/web.yml", "- ansible_user: x\n");

        assertThat(error("inventory: inventory.ini\n")).isEqualTo(dir.resolve("group_vars/web.yml")
                + ":1:1: a vars file must be a mapping of variable names to values (name: value), not a list");
    }

    @Test
    void aVarsFileWithBrokenYamlNamesLineAndColumn() throws Exception {
        write("host_vars/web1.yml", "ansible_port: 22\n  bad: [\n");

        assertThat(error("inventory: inventory.ini\n")).startsWith(dir.resolve("host_vars/web1.yml") + ":2:");
    }

    @Test
    void aVaultEncryptedVarsFileSaysTheGateCannotReadIt() throws Exception {
        write("group_vars/all.yml", "$ANSIBLE_VAULT;1.1;AES256\n6231356565\n");

        assertThat(error("inventory: inventory.ini\n")).contains("group_vars/all.yml:1:1: the file is encrypted with "
                + "ansible-vault");
    }

    @Test
    void aHardeningVariableThatNamesNoFieldSuggestsTheFieldMeant() throws Exception {
        write("group_vars/web.yml", "hardening_knowHosts: k\n");

        assertThat(error("inventory: inventory.ini\n")).isEqualTo(dir.resolve("inventory.ini") + ": inventory host web1: "
                + "variable 'hardening_knowHosts' names no host field (did you mean 'hardening_knownHosts'?)");
    }

    @Test
    void aWrongHardeningValueNamesTheHostAndTheField() throws Exception {
        write("host_vars/db1.yml", "hardening_port: 70000\n");

        assertThat(error("inventory: inventory.ini\n")).isEqualTo(dir.resolve("inventory.ini") + ": host 'db1': port must "
                + "be 1-65535, got 70000");
    }

    @Test
    void varsFilesOfGroupsAndHostsNotInTheInventoryAreNotRead() throws Exception {
        write("group_vars/other.yml", "- not even a mapping\n");
        write("host_vars/ghost.yml", "- not even a mapping\n");

        assertThat(load("inventory: inventory.ini\n").hosts()).hasSize(3);
    }
}
