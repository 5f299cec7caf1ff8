package dev.hardening.core.policy;

import static dev.hardening.core.HostileInput.parsedOrRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.hardening.core.HostileInput;

/** Ansible inventories (INI and YAML) as a careless or hostile author could write them. */
class AnsibleInventoryPropertiesTest {
    private static final String INI = """
            [web]
            web[01:03].example.com ansible_user=deploy ansible_port=2222
            [db]
            db1 ansible_host=198.18.0.9
            [prod:children]
            web
            db
            """;
    private static final String YAML = """
            all:
              children:
                web:
                  hosts:
                    web1.example.com:
                      ansible_user: deploy
                db:
                  hosts:
                    db1: {ansible_host: 198.18.0.9}
            """;

    @Property(tries = 300)
    void anyTextGivenAsAnInventoryParsesOrIsAParseError(@ForAll("text") String text) {
        parsedOrRefused(() -> AnsibleInventory.parse(text, "inventory"));
    }

    @Property(tries = 300)
    void aDamagedInventoryParsesOrIsAParseError(@ForAll("damaged") String text) {
        parsedOrRefused(() -> AnsibleInventory.parse(text, "inventory"));
    }

    @Property(tries = 300)
    void theVarsOfEveryHostOfADamagedInventoryMergeOrAreAnError(@ForAll("damaged") String text) {
        parsedOrRefused(() -> AnsibleInventory.parse(text, "inventory").hostsOf("all"));
    }

    @Property(tries = 300)
    void anyTextGivenAsAVarsFileIsAMappingOrAnErrorNamingTheFile(@ForAll("text") String text) {
        parsedOrRefused(() -> AnsibleInventory.parseVarsFile(text, "group_vars/web.yml"));
    }

    @Property(tries = 300)
    void aDamagedVarsFileIsAMappingOrAnErrorNamingTheFile(@ForAll("damagedVars") String text) {
        parsedOrRefused(() -> AnsibleInventory.parseVarsFile(text, "group_vars/web.yml"));
    }

    @Example
    void aHostInGroupsThatAreEachOthersChildrenGetsItsVarsQuickly() {
        assertThat(parsedOrRefused(() -> AnsibleInventory.parse("[a:children]\nb\n[b:children]\na\n[a]\nweb1\n"
                + "[b:vars]\nansible_user=b\n", "inventory").hostsOf("all"))).hasValueSatisfying(hosts ->
                        assertThat(hosts).singleElement().satisfies(h -> assertThat(h.text("ansible_user")).contains("b")));
    }

    @Example
    void aHostRangeOfTenMillionHostsIsRefusedInsteadOfExpanded() {
        assertThat(parsedOrRefused(() -> AnsibleInventory.parse("[web]\nweb[0000000:9999999].example.com\n",
                "inventory"))).isEmpty();
    }

    @Example
    void groupsThatAreEachOthersChildrenEndQuickly() {
        assertThat(parsedOrRefused(() -> AnsibleInventory.parse("[a:children]\nb\n[b:children]\na\n", "inventory")))
                .isNotNull();
    }

    @Provide
    Arbitrary<String> text() {
        return HostileInput.anyText();
    }

    @Provide
    Arbitrary<String> damagedVars() {
        return HostileInput.damaged(List.of("ansible_user: deploy\nhardening_knownHosts: k\nhardening_tls:\n"
                + "  - {port: 443, serverName: web1.example.com}\n"));
    }

    @Provide
    Arbitrary<String> damaged() {
        return HostileInput.damaged(List.of(INI, YAML));
    }
}
