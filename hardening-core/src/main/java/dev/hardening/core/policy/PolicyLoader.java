package dev.hardening.core.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import dev.hardening.core.util.Glob;

/**
 * Reads a policy file (YAML, schema v1). Unknown keys, wrong types and missing required fields are
 * errors naming file, line and column; relative paths resolve against the policy file's folder.
 */
public final class PolicyLoader {
    /** A policy is a few KiB; anything this large is refused before the parser sees it. */
    public static final int MAX_POLICY_BYTES = 1 << 20;
    /**
     * Enough for anchors shared by a few host groups, far too few for an alias bomb. Jackson's YAML
     * parser reads an alias as its anchor's name and never expands it, so this bounds SnakeYAML's own
     * composer, should anything ever build a node tree from the same options.
     */
    static final int MAX_ALIASES_FOR_COLLECTIONS = 50;
    /** A policy nests about six levels; the bound is applied by SnakeYAML and by Jackson's parser. */
    static final int MAX_NESTING_DEPTH = 40;
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().loaderOptions(yamlBounds())
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /** Fields of a host that hold a path on the gate's machine: resolved against the file that sets them. */
    private static final List<String> PATH_FIELDS = List.of("identity", "knownHosts");
    /** Fields that say which host an entry is: never shared by defaults or a group. */
    private static final Set<String> IDENTIFYING_FIELDS = Set.of("name", "address");

    /**
     * @param defaults host fields every host takes unless a group or the host sets them (read as a tree,
     *     so any host field may be given)
     * @param groups named groups in file order: member patterns, host fields and {@code checks:} overrides
     * @param inventory an Ansible inventory (INI or YAML) whose {@code group} adds hosts; entries under
     *     {@code hosts:} with the same name take precedence
     */
    record Document(List<HostSpec> hosts, ObjectNode defaults, Map<String, JsonNode> groups, String inventory,
            String group, ChecksConfig checks, List<Waiver> waivers) {
    }

    private PolicyLoader() {
    }

    private static LoaderOptions yamlBounds() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_POLICY_BYTES);
        options.setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    public static Policy load(Path file, PolicySections sections) throws PolicyException {
        return parse(readBounded(file, "policy"), file, sections, null, null);
    }

    /**
     * Reads the policy with the hosts of an inventory group added (all hosts when {@code group} is null),
     * as if the policy named the inventory: its defaults and groups apply to them too.
     */
    public static Policy load(Path file, PolicySections sections, Path inventory, String group) throws PolicyException {
        return parse(readBounded(file, "policy"), file, sections, inventory, group);
    }

    /** The file's text, refused unread when it is larger than a policy or an inventory can sensibly be. */
    static String readBounded(Path file, String what) throws PolicyException {
        try {
            long size = Files.size(file);
            if (size > MAX_POLICY_BYTES) {
                throw new PolicyException(tooLarge(file, what, size + " bytes"));
            }
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new PolicyException(file + ": " + what + " file does not exist");
        } catch (IOException e) {
            throw new PolicyException(file + ": cannot read " + what + " file: " + e.getMessage());
        }
    }

    private static String tooLarge(Path file, String what, String size) {
        return file + ": the " + what + " file has " + size + ", more than the " + (MAX_POLICY_BYTES >> 20)
                + " MiB a " + what + " may have; it was not parsed";
    }

    /**
     * Parses policy text; {@code file} names it in errors and anchors relative paths. Each section under
     * {@code checks:} binds to the settings type of the family that registers it.
     */
    public static Policy parse(String text, Path file, PolicySections sections) throws PolicyException {
        return parse(text, file, sections, null, null);
    }

    private static Policy parse(String text, Path file, PolicySections sections, Path extraInventory,
            String extraGroup) throws PolicyException {
        if (text.length() > MAX_POLICY_BYTES) {
            throw new PolicyException(tooLarge(file, "policy", text.length() + " characters"));
        }
        if (text.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"))) {
            throw new PolicyException(file + ": the policy file is empty (it needs at least hosts:)");
        }
        Document doc;
        JsonNode root;
        try {
            doc = YAML.readerFor(Document.class).withAttribute(PolicySections.class, sections).readValue(text);
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new PolicyException(describe(file, text, e));
        }
        if (doc == null) {
            throw new PolicyException(file + ": the policy file is empty (it needs at least hosts:)");
        }
        List<HostSpec> declared = doc.hosts() == null ? List.of() : doc.hosts();
        if (declared.isEmpty() && doc.inventory() == null && extraInventory == null) {
            throw new PolicyException(file + ": no hosts: list the hosts to check under hosts: (address: local "
                    + "for this machine), or name an Ansible inventory with inventory:");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < declared.size(); i++) {
            HostSpec host = declared.get(i);
            if (host == null) {
                throw new PolicyException(file + at(text, "/hosts/" + i, false) + ": hosts: has an empty entry");
            }
            if (!names.add(host.name())) {
                String where = at(text, "/hosts/" + i + "/name", false);
                throw new PolicyException(file + (where.isEmpty() ? at(text, "/hosts/" + i, false) : where)
                        + ": two hosts are named '" + host.name() + "'; host names label the reports and must be unique");
            }
        }
        Path base = Optional.ofNullable(file.toAbsolutePath().getParent()).orElse(Path.of("."));
        HostRules.Locator where = locator(file, text);
        ChecksConfig checks = doc.checks() == null ? ChecksConfig.DEFAULT : doc.checks();
        for (String section : checks.givenSections()) {
            checks = withResolvedPaths(checks, sections.section(section).orElseThrow(), sections, base);
        }
        HostRules rules = readRules(root, where, sections, base);
        List<HostRules.Entry> entries = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) {
            String pointer = "/hosts/" + i;
            entries.add(new HostRules.Entry(declared.get(i).name(), new HostRules.Layer("host " + declared.get(i).name(),
                    withResolvedPaths((ObjectNode) root.at(pointer), base), (p, key) -> where.at(pointer + p, key))));
        }
        if (doc.inventory() != null) {
            entries = withInventory(entries, Path.of(resolve(base, doc.inventory())), doc.group());
        }
        if (extraInventory != null) {
            entries = withInventory(entries, extraInventory, extraGroup);
        }
        HostRules.Resolved resolved = rules.resolve(entries, List.of(), PolicyLoader::bindHost);
        resolved.hosts().forEach(h -> names.add(h.name()));
        List<Waiver> waivers = doc.waivers() == null ? List.of() : doc.waivers();
        for (int i = 0; i < waivers.size(); i++) {
            Waiver waiver = waivers.get(i);
            if (waiver == null) {
                throw new PolicyException(file + at(text, "/waivers/" + i, false) + ": waivers: has an empty entry");
            }
            if (!sections.checkIds().contains(waiver.check())) {
                throw new PolicyException(file + at(text, "/waivers/" + i + "/check", false) + ": waiver check must be one "
                        + "of " + sections.checkIds() + ", got '" + waiver.check() + "'");
            }
            if (!waiver.host().equals("*") && !names.contains(waiver.host())) {
                throw new PolicyException(file + at(text, "/waivers/" + i + "/host", false) + ": waiver for unknown host '"
                        + waiver.host() + "' (hosts are " + names.stream().sorted().toList() + ", or * for all)");
            }
        }
        return new Policy(Optional.of(file.toString()), resolved.hosts(), checks, doc.waivers(), resolved.rules());
    }

    /** {@code FILE:LINE:COL} of what stands at a pointer of the text, or of the nearest thing above it that does. */
    private static HostRules.Locator locator(Path file, String text) {
        return (pointer, key) -> {
            String p = pointer;
            boolean asKey = key;
            while (true) {
                String found = at(text, p, asKey);
                if (!found.isEmpty() || p.isEmpty()) {
                    return file + found;
                }
                p = p.substring(0, p.lastIndexOf('/'));
                asKey = false;
            }
        };
    }

    /** {@code defaults:} and {@code groups:}, each checked for keys a host does not have and for values. */
    private static HostRules readRules(JsonNode root, HostRules.Locator where, PolicySections sections, Path base)
            throws PolicyException {
        HostRules.ChecksBinder binder = (tree, at) -> bindChecks(tree, at, sections, base);
        ObjectNode defaults = sharedFields(root.get("defaults"), "/defaults", "defaults", where, Set.of(), base);
        List<HostRules.Group> groups = new ArrayList<>();
        JsonNode declared = root.get("groups");
        if (declared != null && declared.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = declared.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> group = it.next();
                groups.add(readGroup(group.getKey(), group.getValue(), where, binder, base));
            }
        }
        return new HostRules(new HostRules.Layer("defaults", defaults, (p, key) -> where.at("/defaults" + p, key)),
                groups, root.path("checks"), binder, Map.of());
    }

    private static HostRules.Group readGroup(String name, JsonNode node, HostRules.Locator where,
            HostRules.ChecksBinder binder, Path base) throws PolicyException {
        String pointer = "/groups/" + escape(name);
        if (node == null || node.isNull() || node.isEmpty()) {
            throw new PolicyException(where.at(pointer, true) + ": group '" + name + "' is empty: give it hosts: (the "
                    + "names or globs of its members, e.g. [web*]) and the host fields or checks: its members share");
        }
        if (!node.isObject()) {
            throw new PolicyException(where.at(pointer, false) + ": group '" + name + "' must be a mapping of hosts: "
                    + "and what its members share, e.g. {hosts: [web*], user: deploy}");
        }
        String what = "group '" + name + "'";
        ObjectNode fields = sharedFields(node, pointer, what, where, Set.of("hosts", "checks"), base);
        JsonNode patterns = fields.remove("hosts");
        if (patterns == null || patterns.isNull() || (patterns.isArray() && patterns.isEmpty())) {
            throw new PolicyException(where.at(patterns == null ? pointer : pointer + "/hosts", patterns == null)
                    + ": " + what + " has no members: give it hosts: with the names or globs of its hosts, e.g. [web*, api1]");
        }
        if (!patterns.isArray()) {
            throw new PolicyException(where.at(pointer + "/hosts", false) + ": " + what + ": hosts: must be a list of "
                    + "host names or globs, e.g. [web*, api1]");
        }
        List<HostRules.Member> members = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            JsonNode pattern = patterns.get(i);
            String at = where.at(pointer + "/hosts/" + i, false);
            if (!pattern.isTextual() || pattern.asText().isBlank()) {
                throw new PolicyException(at + ": " + what + ": a member must be a host name or a glob such as web*, got "
                        + (pattern.isValueNode() ? "'" + pattern.asText() + "'" : pattern.isArray() ? "a list" : "a mapping"));
            }
            members.add(new HostRules.Member(pattern.asText(), Glob.of(pattern.asText()), at));
        }
        HostRules.Locator checksAt = (p, key) -> where.at(pointer + "/checks" + p, key);
        JsonNode checks = fields.remove("checks");
        ObjectNode overrides = JsonNodeFactory.instance.objectNode();
        if (checks != null && !checks.isNull()) {
            if (!checks.isObject()) {
                throw new PolicyException(where.at(pointer + "/checks", false) + ": " + what + ": checks: must be a "
                        + "mapping of check sections, e.g. {ports: {publicAllowed: [443/tcp]}}");
            }
            binder.bind(checks, checksAt);
            checks.fields().forEachRemaining(s -> {
                if (s.getValue().isObject()) {
                    overrides.set(s.getKey(), s.getValue());
                }
            });
        }
        return new HostRules.Group(name, members, new HostRules.Layer(what, fields,
                (p, key) -> where.at(pointer + p, key)), overrides, checksAt);
    }

    /** Host fields that defaults or a group give: any field a host has, except those naming one host. */
    private static ObjectNode sharedFields(JsonNode node, String pointer, String what, HostRules.Locator where,
            Set<String> ownKeys, Path base) throws PolicyException {
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        List<Object> allowed = new ArrayList<>(ownKeys);
        hostFieldNames().stream().filter(f -> !IDENTIFYING_FIELDS.contains(f)).forEach(allowed::add);
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            String at = where.at(pointer + "/" + escape(key), true);
            if (IDENTIFYING_FIELDS.contains(key)) {
                throw new PolicyException(at + ": " + what + " cannot set " + key + ": it says which host an entry is; "
                        + "set it on each host");
            }
            if (!allowed.contains(key)) {
                throw new PolicyException(at + ": unknown key '" + key + "' in " + what + suggestion(key, allowed));
            }
        }
        return withResolvedPaths(((ObjectNode) node).deepCopy(), base);
    }

    /** The names of a host's fields, as the policy writes them. */
    static List<String> hostFieldNames() {
        return YAML.getDeserializationConfig().introspect(YAML.constructType(HostSpec.class)).findProperties().stream()
                .map(p -> p.getName()).toList();
    }

    /** The fields with the paths they hold resolved against {@code base} ({@code ~/} against the home folder). */
    static ObjectNode withResolvedPaths(ObjectNode fields, Path base) {
        ObjectNode out = fields.deepCopy();
        for (String field : PATH_FIELDS) {
            JsonNode value = out.get(field);
            if (value != null && value.isTextual()) {
                out.put(field, resolve(base, value.asText()));
            }
        }
        return out;
    }

    /** A host from its merged fields; a wrong value is a PolicyException at the place of the layer that wrote it. */
    static HostSpec bindHost(String host, ObjectNode fields, List<HostRules.Layer> layers) throws PolicyException {
        try {
            return YAML.readerFor(HostSpec.class).readValue(fields);
        } catch (IOException e) {
            TreeProblem problem = TreeProblem.of(e, fields);
            String field = problem.pointer().isEmpty() ? "" : problem.pointer().substring(1).split("/", 2)[0];
            HostRules.Layer own = layers.get(layers.size() - 1);
            HostRules.Layer from = own;
            for (HostRules.Layer layer : layers) {
                if (!field.isEmpty() && layer.fields().has(field)) {
                    from = layer;
                }
            }
            throw new PolicyException(from.locator().at(problem.pointer(), problem.key()) + ": host '" + host + "': "
                    + problem.message() + (from == own ? "" : " (" + field + " from " + from.label() + ")"));
        }
    }

    private static ChecksConfig bindChecks(JsonNode tree, HostRules.Locator where, PolicySections sections, Path base)
            throws PolicyException {
        ChecksConfig checks;
        try {
            checks = YAML.readerFor(ChecksConfig.class).withAttribute(PolicySections.class, sections).readValue(tree);
        } catch (IOException e) {
            TreeProblem problem = TreeProblem.of(e, tree);
            throw new PolicyException(where.at(problem.pointer(), problem.key()) + ": " + problem.message());
        }
        for (String section : checks.givenSections()) {
            checks = withResolvedPaths(checks, sections.section(section).orElseThrow(), sections, base);
        }
        return checks;
    }

    /** What a binding error of a tree says, and the pointer (within the tree) of the key or value it is about. */
    private record TreeProblem(String pointer, boolean key, String message) {
        /** A tree is read from memory: its only IOExceptions are Jackson's binding errors. */
        static TreeProblem of(IOException e, JsonNode tree) {
            String pointer = e instanceof JsonMappingException m ? PolicyLoader.pointer(m) : "";
            String path = e instanceof JsonMappingException m ? PolicyLoader.path(m) : "";
            String prefix = path.isEmpty() ? "" : path + ": ";
            if (e instanceof UnrecognizedPropertyException u) {
                String name = "/" + u.getPropertyName().replace("~", "~0").replace("/", "~1");
                return new TreeProblem(pointer.endsWith(name) ? pointer : pointer + name, true, "unknown key '"
                        + u.getPropertyName() + "'" + suggestion(u.getPropertyName(), u.getKnownPropertyIds())
                        + (path.contains(".") ? " in " + path.substring(0, path.lastIndexOf('.')) : ""));
            }
            if (e instanceof ValueInstantiationException v && v.getCause() != null) {
                String problem = v.getCause().getMessage() == null ? "invalid value" : v.getCause().getMessage();
                JsonNode object = tree.at(pointer);
                for (Iterator<String> fields = object.fieldNames(); fields.hasNext();) {
                    String field = fields.next();
                    if (problem.contains(field + " must") || problem.contains(field + " entry")) {
                        return new TreeProblem(pointer + "/" + field, false, problem);
                    }
                }
                return new TreeProblem(pointer, false, problem);
            }
            if (e instanceof InvalidFormatException f) {
                return new TreeProblem(pointer, false, prefix + "'" + f.getValue() + "' is not " + typeName(f.getTargetType()));
            }
            if (e instanceof MismatchedInputException m) {
                return new TreeProblem(pointer, false, prefix + "expected " + typeName(m.getTargetType()) + " here");
            }
            String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            return new TreeProblem(pointer, false, message == null ? "invalid value"
                    : message.lines().findFirst().orElse("invalid value"));
        }
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** The text as a YAML tree, read with the policy's bounds. */
    static JsonNode yamlTree(String text) throws JsonProcessingException {
        return YAML.readTree(text);
    }

    private static <C> ChecksConfig withResolvedPaths(ChecksConfig checks, ConfigKey<C> key, PolicySections sections,
            Path base) {
        return checks.with(key, sections.resolvePaths(key, checks.get(key), path -> resolve(base, path)));
    }

    /**
     * The policy with the hosts of an inventory group added (all hosts when {@code group} is null);
     * a policy entry of the same name wins over the inventory's. The policy's defaults and groups apply
     * to the added hosts.
     */
    public static Policy withInventory(Policy policy, Path inventory, String group) throws PolicyException {
        List<String> declared = policy.hosts().stream().map(HostSpec::name).toList();
        List<HostRules.Entry> added = withInventory(List.of(), inventory, group).stream()
                .filter(e -> !declared.contains(e.name())).toList();
        HostRules.Resolved resolved = policy.rules().resolve(added, declared, PolicyLoader::bindHost);
        List<HostSpec> hosts = new ArrayList<>(policy.hosts());
        hosts.addAll(resolved.hosts());
        if (hosts.isEmpty()) {
            throw new PolicyException(inventory + ": group '" + group + "' has no hosts");
        }
        return new Policy(policy.source(), hosts, policy.checks(), policy.waivers(), resolved.rules());
    }

    private static List<HostRules.Entry> withInventory(List<HostRules.Entry> declared, Path inventory, String group)
            throws PolicyException {
        String text = readBounded(inventory, "inventory");
        Path dir = Optional.ofNullable(inventory.toAbsolutePath().getParent()).orElse(Path.of("."));
        List<HostRules.Entry> fromInventory = new ArrayList<>();
        try {
            AnsibleInventory parsed = AnsibleInventory.parse(text, inventory.toString());
            InventoryVarsFiles.addTo(parsed, dir);
            for (AnsibleInventory.InventoryHost host : parsed.hostsOf(group == null ? "all" : group)) {
                fromInventory.add(new HostRules.Entry(host.name(), new HostRules.Layer("inventory host " + host.name(),
                        InventoryHosts.fields(host, dir), (p, key) -> inventory.toString())));
            }
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new PolicyException(message.startsWith(inventory.toString()) || message.startsWith(dir.toString())
                    ? message : inventory + ": " + message);
        }
        Set<String> explicit = declared.stream().map(HostRules.Entry::name).collect(Collectors.toSet());
        List<HostRules.Entry> merged = new ArrayList<>(declared);
        fromInventory.stream().filter(h -> !explicit.contains(h.name())).forEach(merged::add);
        if (merged.isEmpty()) {
            throw new PolicyException(inventory + ": group '" + group + "' has no hosts");
        }
        return merged;
    }

    /** {@code ~/x} is under the user's home; a relative path is under the policy's folder. */
    static String resolve(Path base, String path) {
        if (path == null) {
            return null;
        }
        if (path.equals("~") || path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(path.substring(Math.min(2, path.length())))
                    .normalize().toString();
        }
        return base.resolve(path).normalize().toString();
    }

    private static String describe(Path file, String text, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr());
        String path = e instanceof JsonMappingException m ? path(m) : "";
        String pointer = e instanceof JsonMappingException m ? pointer(m) : "";
        MarkedYAMLException syntax = syntaxError(e);
        if (syntax != null) {
            // SnakeYAML's mark is where the problem is; Jackson's location is where it was reading
            return file + (syntax.getProblemMark() == null ? "" : ":" + (syntax.getProblemMark().getLine() + 1) + ":"
                    + (syntax.getProblemMark().getColumn() + 1)) + ": YAML syntax error: "
                    + (syntax.getContext() == null ? "" : syntax.getContext() + ", ") + syntax.getProblem();
        }
        if (e instanceof UnrecognizedPropertyException u) {
            // Jackson reports unknown keys of records where the mapping ends; the key itself is more useful
            String key = at(text, pointer, true);
            return (key.isEmpty() ? where : file + key) + ": unknown key '" + u.getPropertyName() + "'"
                    + suggestion(u.getPropertyName(), u.getKnownPropertyIds())
                    + (path.contains(".") ? " in " + path.substring(0, path.lastIndexOf('.')) : "");
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            // Jackson builds a record before it reports the record's unknown keys; a misspelt required key
            // (adress:) explains the failure better than the missing one does
            Optional<String> misspelt = unknownKey(file, text, pointer, path, v);
            if (misspelt.isPresent()) {
                return misspelt.get();
            }
            String problem = v.getCause().getMessage() == null ? "invalid value" : v.getCause().getMessage();
            String value = at(text, pointer, problem);
            return (value.isEmpty() ? where : file + value) + ": " + problem;
        }
        if (e instanceof InvalidFormatException f) {
            return where + ": " + path + ": '" + f.getValue() + "' is not " + typeName(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m) {
            return where + ": " + (path.isEmpty() ? "" : path + ": ") + "expected " + typeName(m.getTargetType())
                    + " here";
        }
        return where + ": " + e.getOriginalMessage().lines().findFirst().orElse("invalid YAML");
    }

    private static Optional<String> unknownKey(Path file, String text, String pointer, String path,
            ValueInstantiationException e) {
        if (e.getType() == null) {
            return Optional.empty();
        }
        List<Object> known = YAML.getDeserializationConfig().introspect(e.getType()).findProperties().stream()
                .map(p -> (Object) p.getName()).toList();
        if (known.isEmpty()) {
            return Optional.empty();
        }
        try (JsonParser p = YAML.getFactory().createParser(text)) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && !known.contains(p.currentName())
                        && p.getParsingContext().pathAsPointer().toString().equals(pointer + "/"
                                + p.currentName().replace("~", "~0").replace("/", "~1"))) {
                    return Optional.of(file + lineCol(p.currentTokenLocation()) + ": unknown key '" + p.currentName()
                            + "'" + suggestion(p.currentName(), known) + (path.isEmpty() ? "" : " in " + path));
                }
            }
        } catch (IOException ignored) {
            // the text was read once already
        }
        return Optional.empty();
    }

    private static MarkedYAMLException syntaxError(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarkedYAMLException m) {
                return m;
            }
        }
        return null;
    }

    /** The JSON pointer of an error's path, e.g. {@code /hosts/0/port}, as the YAML parser names positions. */
    private static String pointer(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append('/').append(ref.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else if (ref.getIndex() >= 0) {
                out.append('/').append(ref.getIndex());
            }
        }
        return out.toString();
    }

    /**
     * {@code :line:col} of what stands at {@code pointer}: the key itself ({@code key}), or its value; empty
     * when the text has nothing there.
     */
    private static String at(String text, String pointer, boolean key) {
        return at(text, pointer, key, null);
    }

    /** Like {@link #at(String, String, boolean)} for a value, preferring a key of it that {@code problem} names. */
    private static String at(String text, String pointer, String problem) {
        return at(text, pointer, false, problem);
    }

    private static String at(String text, String pointer, boolean key, String problem) {
        if (pointer.isEmpty()) {
            return "";
        }
        try (JsonParser p = YAML.getFactory().createParser(text)) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                if (!p.getParsingContext().pathAsPointer().toString().equals(pointer)) {
                    continue;
                }
                if (token == JsonToken.FIELD_NAME && !key) {
                    p.nextToken();
                }
                String found = lineCol(p.currentTokenLocation());
                if (problem != null && p.currentToken() == JsonToken.START_OBJECT) {
                    return keyNamedIn(p, problem).orElse(found);
                }
                return found;
            }
        } catch (IOException e) {
            // the text was read once already; a position is a help, not a must
        }
        return "";
    }

    /** Within the object at the parser, the value of a key the problem is about ({@code port must be ...}). */
    private static Optional<String> keyNamedIn(JsonParser p, String problem) throws IOException {
        int depth = 0;
        JsonToken token;
        while ((token = p.nextToken()) != null) {
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                depth++;
            } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                if (depth-- == 0) {
                    break;
                }
            } else if (token == JsonToken.FIELD_NAME && depth == 0) {
                String name = p.currentName();
                if (problem.contains(name + " must") || problem.contains(name + " entry")) {
                    p.nextToken();
                    return Optional.of(lineCol(p.currentTokenLocation()));
                }
            }
        }
        return Optional.empty();
    }

    private static String lineCol(JsonLocation location) {
        return ":" + location.getLineNr() + ":" + location.getColumnNr();
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping (key: value)";
    }

    static String suggestion(String unknown, Collection<Object> known) {
        String closest = known.stream().map(String::valueOf)
                .min(Comparator.comparingInt(k -> distance(k.toLowerCase(), unknown.toLowerCase()))).orElse(null);
        String list = known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
        if (closest != null && distance(closest.toLowerCase(), unknown.toLowerCase()) <= 3) {
            return " (did you mean '" + closest + "'?)";
        }
        return " (known keys: " + list + ")";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
