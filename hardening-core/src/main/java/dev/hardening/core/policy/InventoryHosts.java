package dev.hardening.core.policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Policy host entries made from the hosts of an Ansible inventory group: Ansible's connection variables
 * ({@code ansible_host}, {@code ansible_port}, {@code ansible_user}, {@code ansible_ssh_private_key_file},
 * {@code ansible_become}) and {@code hardening_FIELD} for any host field ({@code hardening_knownHosts},
 * {@code hardening_sudo}), which wins over the Ansible variable for the same field.
 */
public final class InventoryHosts {
    /** The prefix of an inventory variable that sets the host field named by the rest of it. */
    static final String FIELD_PREFIX = "hardening_";

    private InventoryHosts() {
    }

    /**
     * @param inventoryDir the inventory file's folder, which relative key paths resolve against
     */
    public static List<HostSpec> of(AnsibleInventory inventory, String group, Path inventoryDir) {
        List<HostSpec> hosts = new ArrayList<>();
        for (AnsibleInventory.InventoryHost host : inventory.hostsOf(group)) {
            ObjectNode fields = fields(host, inventoryDir);
            try {
                hosts.add(PolicyLoader.bindHost(host.name(), fields,
                        List.of(new HostRules.Layer("inventory host " + host.name(), fields, (p, key) -> "inventory"))));
            } catch (PolicyException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return hosts;
    }

    /** The host fields the host's variables give, as a policy entry would write them; paths resolved. */
    static ObjectNode fields(AnsibleInventory.InventoryHost host, Path inventoryDir) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("name", host.name());
        boolean local = host.text("ansible_connection").filter("local"::equals).isPresent();
        fields.put("address", local ? HostSpec.LOCAL : first(host, "ansible_host", "ansible_ssh_host").orElse(host.name()));
        first(host, "ansible_port", "ansible_ssh_port").ifPresent(p -> fields.put("port", parsePort(host.name(), p)));
        first(host, "ansible_user", "ansible_ssh_user").ifPresent(u -> fields.put("user", u));
        first(host, "ansible_ssh_private_key_file", "ansible_private_key_file").ifPresent(k -> fields.put("identity", k));
        host.text("ansible_become").ifPresent(b -> fields.put("sudo", truthy(b)));
        List<Object> known = PolicyLoader.hostFieldNames().stream().filter(f -> !f.equals("name"))
                .map(f -> (Object) (FIELD_PREFIX + f)).toList();
        for (Map.Entry<String, JsonNode> var : host.vars().entrySet()) {
            if (!var.getKey().startsWith(FIELD_PREFIX)) {
                continue;
            }
            if (!known.contains(var.getKey())) {
                throw new IllegalArgumentException("inventory host " + host.name() + ": variable '" + var.getKey()
                        + "' names no host field" + PolicyLoader.suggestion(var.getKey(), known));
            }
            fields.set(var.getKey().substring(FIELD_PREFIX.length()), var.getValue());
        }
        return PolicyLoader.withResolvedPaths(fields, inventoryDir);
    }

    private static Optional<String> first(AnsibleInventory.InventoryHost host, String... keys) {
        for (String key : keys) {
            Optional<String> value = host.text(key);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    private static int parsePort(String host, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("inventory host " + host + ": ansible_port '" + value + "' is not a number");
        }
    }

    private static boolean truthy(String value) {
        return List.of("true", "yes", "1", "on").contains(value.toLowerCase(Locale.ROOT));
    }
}
