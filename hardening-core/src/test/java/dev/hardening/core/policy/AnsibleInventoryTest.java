package dev.hardening.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.core.family.FamilyRegistry;

class AnsibleInventoryTest {
    private static final String INI = """
            # production
            bastion ansible_host=198.18.0.2

            [web]
            web[01:02].example.com ansible_user=deploy
            web03.example.com ansible_host=198.18.0.13 ansible_port=2222 ansible_user='ops user'

            [db]
            db1 ansible_host=198.18.0.21 ansible_ssh_private_key_file=keys/db.pem

            [prod:children]
            web
            db

            [prod:vars]
            ansible_user=admin
            ansible_become=true

            [web:vars]
            ansible_port=22
            """;

    private static final String YAML = """
            all:
              vars:
                ansible_user: admin
              children:
                web:
                  hosts:
                    web1:
                      ansible_host: 198.18.0.11
                    web2:
                  vars:
                    ansible_become: yes
                db:
                  hosts:
                    db1:
                      ansible_host: 198.18.0.21
                      ansible_port: 2200
                      ansible_user: postgres
            """;

    @Test
    void iniGroupsChildrenRangesAndVarsMergeAsAnsibleMergesThem(@TempDir Path dir) {
        AnsibleInventory inventory = AnsibleInventory.parse(INI, "inventory.ini");

        List<HostSpec> web = InventoryHosts.of(inventory, "web", dir);

        assertThat(web).extracting(HostSpec::name)
                .containsExactly("web01.example.com", "web02.example.com", "web03.example.com");
        HostSpec web01 = web.get(0);
        assertThat(web01.address()).isEqualTo("web01.example.com");
        assertThat(web01.user()).as("host var beats group var").isEqualTo("deploy");
        assertThat(web01.port()).isEqualTo(22);
        assertThat(web01.sudo()).as("ansible_become from the parent group").isTrue();
        HostSpec web03 = web.get(2);
        assertThat(web03.address()).isEqualTo("198.18.0.13");
        assertThat(web03.port()).as("host var beats the web:vars port").isEqualTo(2222);
        assertThat(web03.user()).isEqualTo("ops user");
    }

    @Test
    void parentGroupIncludesItsChildrenAndKeyPathsResolveAgainstTheInventory(@TempDir Path dir) {
        AnsibleInventory inventory = AnsibleInventory.parse(INI, "inventory.ini");

        List<HostSpec> prod = InventoryHosts.of(inventory, "prod", dir);
        List<HostSpec> all = InventoryHosts.of(inventory, "all", dir);

        assertThat(prod).extracting(HostSpec::name).containsExactly("web01.example.com", "web02.example.com",
                "web03.example.com", "db1");
        HostSpec db1 = prod.get(3);
        assertThat(db1.user()).isEqualTo("admin");
        assertThat(db1.identity()).isEqualTo(dir.resolve("keys/db.pem").toString());
        assertThat(all).extracting(HostSpec::name).startsWith("bastion").hasSize(5);
    }

    @Test
    void yamlFormGivesTheSameShape(@TempDir Path dir) {
        AnsibleInventory inventory = AnsibleInventory.parse(YAML, "hosts.yml");

        List<HostSpec> all = InventoryHosts.of(inventory, "all", dir);

        assertThat(all).extracting(HostSpec::name).containsExactly("web1", "web2", "db1");
        assertThat(all.get(0).address()).isEqualTo("198.18.0.11");
        assertThat(all.get(0).user()).isEqualTo("admin");
        assertThat(all.get(0).sudo()).isTrue();
        assertThat(all.get(1).address()).isEqualTo("web2");
        assertThat(all.get(2).port()).isEqualTo(2200);
        assertThat(all.get(2).user()).isEqualTo("postgres");
        assertThat(all.get(2).sudo()).isFalse();
    }

    @Test
    void unknownGroupNamesTheGroupsThereAre() {
        AnsibleInventory inventory = AnsibleInventory.parse(INI, "inventory.ini");

        assertThatThrownBy(() -> inventory.hostsOf("webs"))
                .hasMessage("group 'webs' is not in the inventory (groups: all, ungrouped, web, db, prod)");
    }

    @Test
    void malformedIniNamesFileAndLine() {
        assertThatThrownBy(() -> AnsibleInventory.parse("[web]\nweb1 ansible_port\n", "inv.ini"))
                .hasMessage("inv.ini:2: expected key=value, got 'ansible_port'");
        assertThatThrownBy(() -> AnsibleInventory.parse("[web:hostvars]\nweb1\n", "inv.ini"))
                .hasMessage("inv.ini:1: unknown section kind ':hostvars' (expected :vars or :children)");
        assertThatThrownBy(() -> AnsibleInventory.parse("[web\nweb1\n", "inv.ini"))
                .hasMessage("inv.ini:1: section header without a closing ]: [web");
    }

    @Test
    void policyAddsInventoryHostsAndItsOwnEntriesWin(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("inventory.ini"), INI);
        Path policy = Files.writeString(dir.resolve("hardening.yml"), """
                inventory: inventory.ini
                group: web
                hosts:
                  - name: web03.example.com
                    address: 198.18.0.99
                    user: override
                waivers:
                  - check: ssh.root-login
                    host: web01.example.com
                    match: PermitRootLogin
                    reason: "inventory hosts can be waived"
                    expires: 2027-01-31
                """);

        Policy loaded = PolicyLoader.load(policy, FamilyRegistry.discover());

        assertThat(loaded.hosts()).extracting(HostSpec::name)
                .containsExactly("web03.example.com", "web01.example.com", "web02.example.com");
        assertThat(loaded.hosts().get(0).address()).isEqualTo("198.18.0.99");
        assertThat(loaded.hosts().get(0).user()).isEqualTo("override");
    }

    @Test
    void missingInventoryFileIsAPolicyError(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("hardening.yml"), "inventory: nowhere.ini\n");

        assertThatThrownBy(() -> PolicyLoader.load(policy, FamilyRegistry.discover())).isInstanceOf(PolicyException.class)
                .hasMessage(dir.resolve("nowhere.ini") + ": inventory file does not exist");
    }
}
