package dev.hardening.core.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * An Ansible inventory, INI or YAML form: groups (with {@code children}), hosts, and their variables
 * merged as Ansible merges them: the inventory file's group vars (all, then groups from outer to inner,
 * same-depth groups by {@code ansible_group_priority} then name, the later winning), then the
 * {@code group_vars/} files in that order, then the host's own vars from the file, then its
 * {@code host_vars/} file.
 */
public final class AnsibleInventory {
    private static final String ALL = "all";
    private static final String UNGROUPED = "ungrouped";
    /** More hosts than one gate run checks in its host deadline; a range this wide is a typo or an attack. */
    static final int MAX_HOSTS_PER_PATTERN = 10_000;
    private static final Pattern RANGE = Pattern.compile("\\[(\\d+):(\\d+)]");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private static final String GROUP_PRIORITY = "ansible_group_priority";
    private final Map<String, Map<String, JsonNode>> hostVars = new LinkedHashMap<>();
    private final Map<String, Map<String, JsonNode>> hostFileVars = new LinkedHashMap<>();

    /** A host as the inventory describes it: its inventory name and its merged variables. */
    public record InventoryHost(String name, Map<String, JsonNode> vars) {
        public InventoryHost {
            vars = Map.copyOf(vars);
        }

        /** A variable as text (numbers and booleans as YAML writes them); empty when unset, null or blank. */
        public Optional<String> text(String name) {
            JsonNode value = vars.get(name);
            return value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank()
                    ? Optional.empty() : Optional.of(value.asText().strip());
        }
    }

    private static final class Group {
        final Set<String> hosts = new LinkedHashSet<>();
        final Set<String> children = new LinkedHashSet<>();
        final Map<String, JsonNode> vars = new LinkedHashMap<>();
        final Map<String, JsonNode> fileVars = new LinkedHashMap<>();
    }

    private AnsibleInventory() {
        group(ALL);
    }

    /** Parses either form; YAML when the text is a YAML mapping, INI otherwise. */
    public static AnsibleInventory parse(String text, String fileName) {
        String trimmed = text.strip();
        boolean yaml = fileName.endsWith(".yml") || fileName.endsWith(".yaml")
                || (!trimmed.startsWith("[") && trimmed.lines().anyMatch(l -> l.matches("^[A-Za-z0-9_.-]+:\\s*$")));
        AnsibleInventory inventory = new AnsibleInventory();
        if (yaml) {
            inventory.readYaml(text, fileName);
        } else {
            inventory.readIni(text, fileName);
        }
        return inventory;
    }

    /** The hosts of a group and of its child groups, in inventory order. */
    public List<InventoryHost> hostsOf(String groupName) {
        if (!groups.containsKey(groupName)) {
            throw new IllegalArgumentException("group '" + groupName + "' is not in the inventory (groups: "
                    + String.join(", ", groups.keySet()) + ")");
        }
        Set<String> names = new LinkedHashSet<>();
        collectHosts(groupName, names, new LinkedHashSet<>());
        List<InventoryHost> out = new ArrayList<>();
        for (String name : names) {
            out.add(new InventoryHost(name, varsOf(name)));
        }
        return out;
    }

    private void collectHosts(String groupName, Set<String> out, Set<String> visiting) {
        if (!visiting.add(groupName)) {
            return;
        }
        Group g = groups.get(groupName);
        if (groupName.equals(ALL)) {
            out.addAll(hostVars.keySet());
            return;
        }
        out.addAll(g.hosts);
        for (String child : g.children) {
            collectHosts(child, out, visiting);
        }
    }

    private Map<String, JsonNode> varsOf(String host) {
        List<String> memberOf = new ArrayList<>();
        groups.forEach((name, g) -> {
            if (!name.equals(ALL) && containsHost(name, host, new LinkedHashSet<>())) {
                memberOf.add(name);
            }
        });
        // as Ansible sorts a host's groups: outer before inner, then by priority, then by name; later wins
        memberOf.sort(Comparator.<String>comparingInt(g -> depth(g, new LinkedHashSet<>()))
                .thenComparingInt(this::priority).thenComparing(Comparator.naturalOrder()));
        Map<String, JsonNode> merged = new LinkedHashMap<>(groups.get(ALL).vars);
        memberOf.forEach(name -> merged.putAll(groups.get(name).vars));
        merged.putAll(groups.get(ALL).fileVars);
        memberOf.forEach(name -> merged.putAll(groups.get(name).fileVars));
        merged.putAll(hostVars.get(host));
        merged.putAll(hostFileVars.getOrDefault(host, Map.of()));
        return merged;
    }

    /** {@code ansible_group_priority} of the group's inventory vars (Ansible reads it there only), default 1. */
    private int priority(String groupName) {
        JsonNode value = groups.get(groupName).vars.get(GROUP_PRIORITY);
        if (value == null) {
            return 1;
        }
        try {
            return Integer.parseInt(value.asText().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("group '" + groupName + "': " + GROUP_PRIORITY + " '" + value.asText()
                    + "' is not a whole number");
        }
    }

    /** Every group name of the inventory, {@code all} first. */
    public Set<String> groupNames() {
        return Collections.unmodifiableSet(groups.keySet());
    }

    /** Every host name of the inventory, in inventory order. */
    public Set<String> hostNames() {
        return Collections.unmodifiableSet(hostVars.keySet());
    }

    /** This inventory with the variables of a {@code group_vars/} file of the group (files added later win). */
    void addGroupFileVars(String groupName, Map<String, JsonNode> vars) {
        groups.get(groupName).fileVars.putAll(vars);
    }

    /** This inventory with the variables of a {@code host_vars/} file of the host (files added later win). */
    void addHostFileVars(String host, Map<String, JsonNode> vars) {
        hostFileVars.computeIfAbsent(host, h -> new LinkedHashMap<>()).putAll(vars);
    }

    /**
     * The variables of a {@code group_vars/} or {@code host_vars/} file: a YAML mapping (an empty file has
     * none). Anything else is refused naming the file, line and column.
     */
    static Map<String, JsonNode> parseVarsFile(String text, String fileName) {
        if (text.stripLeading().startsWith("$ANSIBLE_VAULT")) {
            throw new IllegalArgumentException(fileName + ":1:1: the file is encrypted with ansible-vault, which the "
                    + "gate cannot read; keep the variables the gate needs in a file that is not encrypted");
        }
        JsonNode root;
        try {
            root = PolicyLoader.yamlTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new IllegalArgumentException(fileName + (at == null ? "" : ":" + at.getLineNr() + ":"
                    + at.getColumnNr()) + ": " + e.getOriginalMessage().lines().findFirst().orElse("invalid YAML"));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Map.of();
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(fileName + ":1:1: a vars file must be a mapping of variable names to "
                    + "values (name: value), not " + (root.isArray() ? "a list" : "a single value"));
        }
        Map<String, JsonNode> vars = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> vars.put(e.getKey(), e.getValue()));
        return vars;
    }

    private boolean containsHost(String groupName, String host, Set<String> visiting) {
        if (!visiting.add(groupName)) {
            return false;
        }
        Group g = groups.get(groupName);
        return g.hosts.contains(host) || g.children.stream().anyMatch(c -> containsHost(c, host, visiting));
    }

    /** How deep the group nests below {@code all}: a top-level group is 0, its child 1. */
    private int depth(String groupName, Set<String> visiting) {
        if (!visiting.add(groupName)) {
            return 0;
        }
        int deepest = 0;
        for (Map.Entry<String, Group> e : groups.entrySet()) {
            if (!e.getKey().equals(ALL) && e.getValue().children.contains(groupName) && !e.getKey().equals(groupName)) {
                deepest = Math.max(deepest, 1 + depth(e.getKey(), visiting));
            }
        }
        visiting.remove(groupName);
        return deepest;
    }

    private Group group(String name) {
        return groups.computeIfAbsent(name, n -> new Group());
    }

    private void addHost(String groupName, String host, Map<String, JsonNode> vars) {
        group(groupName).hosts.add(host);
        hostVars.computeIfAbsent(host, h -> new LinkedHashMap<>()).putAll(vars);
    }

    private void readIni(String text, String fileName) {
        String section = UNGROUPED;
        String kind = "hosts";
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            String where = fileName + ":" + (i + 1) + ": ";
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw new IllegalArgumentException(where + "section header without a closing ]: " + line);
                }
                String header = line.substring(1, line.length() - 1).strip();
                int colon = header.indexOf(':');
                section = colon < 0 ? header : header.substring(0, colon);
                kind = colon < 0 ? "hosts" : header.substring(colon + 1);
                if (!List.of("hosts", "vars", "children").contains(kind)) {
                    throw new IllegalArgumentException(where + "unknown section kind ':" + kind
                            + "' (expected :vars or :children)");
                }
                group(section);
                continue;
            }
            List<String> words = words(line, where);
            switch (kind) {
                case "vars" -> group(section).vars.putAll(assignments(words, where));
                case "children" -> {
                    group(words.get(0));
                    group(section).children.add(words.get(0));
                }
                default -> {
                    Map<String, JsonNode> vars = assignments(words.subList(1, words.size()), where);
                    for (String host : expandRanges(words.get(0))) {
                        addHost(section, host, vars);
                    }
                }
            }
        }
        for (Map.Entry<String, Group> e : groups.entrySet()) {
            for (String child : e.getValue().children) {
                if (groups.get(child).hosts.isEmpty() && groups.get(child).children.isEmpty()) {
                    throw new IllegalArgumentException(fileName + ": group '" + e.getKey() + "' lists child group '"
                            + child + "', which has no hosts");
                }
            }
        }
    }

    private static List<String> words(String line, String where) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (Character.isWhitespace(c)) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else if (c == '#' && word.length() == 0) {
                break;
            } else {
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException(where + "unterminated quote");
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    private static Map<String, JsonNode> assignments(List<String> words, String where) {
        Map<String, JsonNode> vars = new LinkedHashMap<>();
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(where + "expected key=value, got '" + w + "'");
            }
            vars.put(w.substring(0, eq), TextNode.valueOf(w.substring(eq + 1)));
        }
        return vars;
    }

    /** {@code web[01:03].example.com} is web01, web02 and web03; a pattern naming a whole fleet and more is refused. */
    static List<String> expandRanges(String pattern) {
        long hosts = 1;
        for (Matcher range = RANGE.matcher(pattern); range.find();) {
            if (range.group(1).length() > 9 || range.group(2).length() > 9) {
                throw new IllegalArgumentException("host range in '" + pattern + "' has numbers too long to be a range");
            }
            hosts *= Math.max(1, Long.parseLong(range.group(2)) - Long.parseLong(range.group(1)) + 1);
            if (hosts > MAX_HOSTS_PER_PATTERN) {
                throw new IllegalArgumentException("host pattern '" + pattern + "' names more than "
                        + MAX_HOSTS_PER_PATTERN + " hosts");
            }
        }
        return expand(pattern);
    }

    private static List<String> expand(String pattern) {
        Matcher m = RANGE.matcher(pattern);
        if (!m.find()) {
            return List.of(pattern);
        }
        String from = m.group(1);
        int start = Integer.parseInt(from);
        int end = Integer.parseInt(m.group(2));
        List<String> out = new ArrayList<>();
        for (int n = start; n <= end; n++) {
            String number = from.length() > 1 && from.startsWith("0")
                    ? String.format(Locale.ROOT, "%0" + from.length() + "d", n) : String.valueOf(n);
            out.addAll(expand(pattern.substring(0, m.start()) + number + pattern.substring(m.end())));
        }
        return out;
    }

    private void readYaml(String text, String fileName) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new IllegalArgumentException(fileName + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": " + e.getOriginalMessage().lines().findFirst().orElse("invalid YAML"));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(fileName + ": a YAML inventory is a mapping of groups (e.g. all:)");
        }
        root.fields().forEachRemaining(e -> readYamlGroup(e.getKey(), e.getValue(), fileName));
    }

    private void readYamlGroup(String name, JsonNode node, String fileName) {
        Group g = group(name);
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(fileName + ": group '" + name + "' must be a mapping with hosts:, vars: "
                    + "or children:");
        }
        node.fields().forEachRemaining(e -> {
            switch (e.getKey()) {
                case "hosts" -> e.getValue().fields().forEachRemaining(h -> {
                    for (String host : expandRanges(h.getKey())) {
                        addHost(name, host, mapping(h.getValue()));
                    }
                });
                case "vars" -> g.vars.putAll(mapping(e.getValue()));
                case "children" -> e.getValue().fields().forEachRemaining(c -> {
                    g.children.add(c.getKey());
                    readYamlGroup(c.getKey(), c.getValue(), fileName);
                });
                default -> throw new IllegalArgumentException(fileName + ": group '" + name + "' has unknown key '"
                        + e.getKey() + "' (expected hosts, vars or children)");
            }
        });
    }

    private static Map<String, JsonNode> mapping(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }
}
