package dev.hardening.core.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Policy host entries made from the hosts of an Ansible inventory group. */
public final class InventoryHosts {
    private InventoryHosts() {
    }

    /**
     * @param inventoryDir the inventory file's folder, which relative key paths resolve against
     */
    public static List<HostSpec> of(AnsibleInventory inventory, String group, Path inventoryDir) {
        return inventory.hostsOf(group).stream().map(h -> toHostSpec(h, inventoryDir)).toList();
    }

    static HostSpec toHostSpec(AnsibleInventory.InventoryHost host, Path inventoryDir) {
        Map<String, String> vars = host.vars();
        boolean local = "local".equals(vars.get("ansible_connection"));
        String address = local ? HostSpec.LOCAL : first(vars, "ansible_host", "ansible_ssh_host").orElse(host.name());
        Integer port = first(vars, "ansible_port", "ansible_ssh_port").map(p -> parsePort(host.name(), p)).orElse(null);
        String user = first(vars, "ansible_user", "ansible_ssh_user").orElse(null);
        String identity = first(vars, "ansible_ssh_private_key_file", "ansible_private_key_file")
                .map(k -> PolicyLoader.resolve(inventoryDir, k)).orElse(null);
        boolean sudo = first(vars, "ansible_become").map(InventoryHosts::truthy).orElse(false);
        return new HostSpec(host.name(), address, port, user, identity, null, null, null, sudo, null);
    }

    private static Optional<String> first(Map<String, String> vars, String... keys) {
        for (String key : keys) {
            String value = vars.get(key);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.strip());
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
        return List.of("true", "yes", "1", "on").contains(value.toLowerCase(java.util.Locale.ROOT));
    }
}
