package dev.hardening.core.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code group_vars/} and {@code host_vars/} folders next to an inventory file, read into the
 * inventory as Ansible's host_group_vars plugin finds them: {@code group_vars/web.yml} (or {@code .yaml},
 * {@code .json}, no extension) and every such file under {@code group_vars/web/}, in name order.
 */
final class InventoryVarsFiles {
    /** More files than a fleet's vars need; a folder with this many is not a vars folder. */
    static final int MAX_FILES = 1000;
    private static final List<String> EXTENSIONS = List.of("", ".yml", ".yaml", ".json");
    /** Ansible's own rule for group names; a name with a slash or dots could point outside the folder. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private InventoryVarsFiles() {
    }

    static void addTo(AnsibleInventory inventory, Path inventoryDir) throws PolicyException {
        for (String group : inventory.groupNames()) {
            for (Path file : filesFor(inventoryDir.resolve("group_vars"), group)) {
                inventory.addGroupFileVars(group, AnsibleInventory.parseVarsFile(
                        PolicyLoader.readBounded(file, "group_vars"), file.toString()));
            }
        }
        for (String host : inventory.hostNames()) {
            for (Path file : filesFor(inventoryDir.resolve("host_vars"), host)) {
                inventory.addHostFileVars(host, AnsibleInventory.parseVarsFile(
                        PolicyLoader.readBounded(file, "host_vars"), file.toString()));
            }
        }
    }

    private static List<Path> filesFor(Path folder, String name) throws PolicyException {
        List<Path> files = new ArrayList<>();
        if (!SAFE_NAME.matcher(name).matches() || name.contains("..") || !Files.isDirectory(folder)) {
            return files;
        }
        for (String extension : EXTENSIONS) {
            Path file = folder.resolve(name + extension);
            if (Files.isRegularFile(file)) {
                files.add(file);
            }
        }
        Path dir = folder.resolve(name);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> found = Files.walk(dir, 8)) {
                List<Path> inDir = found.filter(Files::isRegularFile)
                        .filter(f -> EXTENSIONS.stream().skip(1).anyMatch(e -> f.getFileName().toString().endsWith(e)))
                        .sorted().limit(MAX_FILES + 1L).toList();
                if (inDir.size() > MAX_FILES) {
                    throw new PolicyException(dir + ": more than " + MAX_FILES + " vars files; this is not a vars folder");
                }
                files.addAll(inDir);
            } catch (IOException e) {
                throw new PolicyException(dir + ": cannot read the vars folder: " + e.getMessage());
            }
        }
        return files;
    }
}
