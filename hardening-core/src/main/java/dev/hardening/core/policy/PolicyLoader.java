package dev.hardening.core.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

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
            .enable(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /**
     * @param inventory an Ansible inventory (INI or YAML) whose {@code group} adds hosts; entries under
     *     {@code hosts:} with the same name take precedence
     * @param sshConfig an OpenSSH client config file completing the hosts' connection settings
     */
    record Document(List<HostSpec> hosts, String inventory, String group, String sshConfig, ChecksConfig checks,
            List<Waiver> waivers) {
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
        return parse(readBounded(file, "policy"), file, sections);
    }

    /** The file's text, refused unread when it is larger than a policy or an inventory can sensibly be. */
    private static String readBounded(Path file, String what) throws PolicyException {
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
        if (text.length() > MAX_POLICY_BYTES) {
            throw new PolicyException(tooLarge(file, "policy", text.length() + " characters"));
        }
        if (text.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"))) {
            throw new PolicyException(file + ": the policy file is empty (it needs at least hosts:)");
        }
        Document doc;
        try {
            doc = YAML.readerFor(Document.class).withAttribute(PolicySections.class, sections).readValue(text);
        } catch (JsonProcessingException e) {
            throw new PolicyException(describe(file, text, e));
        }
        if (doc == null) {
            throw new PolicyException(file + ": the policy file is empty (it needs at least hosts:)");
        }
        List<HostSpec> declared = doc.hosts() == null ? List.of() : doc.hosts();
        if (declared.isEmpty() && doc.inventory() == null) {
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
        List<HostSpec> hosts = declared.stream().map(h -> h.withPaths(
                resolve(base, h.identity()), resolve(base, h.knownHosts()))).toList();
        if (doc.inventory() != null) {
            hosts = withInventory(hosts, Path.of(resolve(base, doc.inventory())), doc.group());
            hosts.forEach(h -> names.add(h.name()));
        }
        Optional<SshClientConfig> sshConfig = Optional.empty();
        if (doc.sshConfig() != null) {
            sshConfig = Optional.of(SshClientConfig.read(Path.of(resolve(base, doc.sshConfig()))));
            hosts = sshConfig.get().applyTo(hosts);
        }
        hosts = withJumpsResolved(hosts, sshConfig, i -> i < declared.size()
                ? file + at(text, "/hosts/" + i + "/jump", false) : file.toString());
        ChecksConfig checks = doc.checks() == null ? ChecksConfig.DEFAULT : doc.checks();
        for (String section : checks.givenSections()) {
            checks = withResolvedPaths(checks, sections.section(section).orElseThrow(), sections, base);
        }
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
        return new Policy(Optional.of(file.toString()), hosts, checks, doc.waivers());
    }

    /** Each host with its {@code jump} entries resolved against the names of the others. */
    private static List<HostSpec> withJumpsResolved(List<HostSpec> hosts, Optional<SshClientConfig> sshConfig,
            IntFunction<String> where) throws PolicyException {
        UnaryOperator<HostSpec> complete = hop -> sshConfig.map(c -> {
            try {
                return c.complete(hop);
            } catch (PolicyException e) {
                throw new IllegalArgumentException("bastion " + hop.name() + ": " + e.getMessage(), e);
            }
        }).orElse(hop);
        Map<String, HostSpec> byName = new LinkedHashMap<>();
        hosts.forEach(h -> byName.put(h.name(), h));
        List<HostSpec> resolved = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            HostSpec host = hosts.get(i);
            try {
                resolved.add(host.jump().isEmpty() ? host : host.withVia(JumpChains.resolve(host, byName, complete)));
            } catch (IllegalArgumentException e) {
                throw new PolicyException(where.apply(i) + ": host " + host.name() + ": " + e.getMessage());
            }
        }
        return resolved;
    }

    /**
     * The policy with {@code jump} given to every SSH host that sets none (and is not itself one of the
     * bastions), e.g. from the Maven parameter {@code hardening.jump}.
     */
    public static Policy withDefaultJump(Policy policy, String jump) throws PolicyException {
        List<String> entries;
        try {
            entries = JumpChains.entries(List.of(jump));
        } catch (IllegalArgumentException e) {
            throw new PolicyException("hardening.jump: " + e.getMessage());
        }
        List<HostSpec> hosts = policy.hosts().stream()
                .map(h -> h.isLocal() || !h.jump().isEmpty() || entries.contains(h.name()) ? h : h.withJump(entries))
                .toList();
        return new Policy(policy.source(), withJumpsResolved(hosts, Optional.empty(), i -> "hardening.jump"),
                policy.checks(),
                policy.waivers());
    }

    /**
     * The policy's SSH hosts completed from an OpenSSH client config file ({@code ssh -F}), e.g. from the
     * Maven parameter {@code hardening.sshConfig}; what a host sets itself wins over the file.
     */
    public static Policy withSshConfig(Policy policy, Path sshConfig) throws PolicyException {
        SshClientConfig config = SshClientConfig.read(sshConfig);
        List<HostSpec> hosts = config.applyTo(policy.hosts().stream().map(h -> h.withJump(h.jump())).toList());
        return new Policy(policy.source(), withJumpsResolved(hosts, Optional.of(config), i -> sshConfig.toString()),
                policy.checks(), policy.waivers());
    }

    private static <C> ChecksConfig withResolvedPaths(ChecksConfig checks, ConfigKey<C> key, PolicySections sections,
            Path base) {
        return checks.with(key, sections.resolvePaths(key, checks.get(key), path -> resolve(base, path)));
    }

    /**
     * The policy with the hosts of an inventory group added (all hosts when {@code group} is null);
     * a policy entry of the same name wins over the inventory's.
     */
    public static Policy withInventory(Policy policy, Path inventory, String group) throws PolicyException {
        return new Policy(policy.source(), withInventory(policy.hosts(), inventory, group), policy.checks(),
                policy.waivers());
    }

    private static List<HostSpec> withInventory(List<HostSpec> declared, Path inventory, String group)
            throws PolicyException {
        String text = readBounded(inventory, "inventory");
        List<HostSpec> fromInventory;
        try {
            AnsibleInventory parsed = AnsibleInventory.parse(text, inventory.toString());
            fromInventory = InventoryHosts.of(parsed, group == null ? "all" : group,
                    Optional.ofNullable(inventory.toAbsolutePath().getParent()).orElse(Path.of(".")));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new PolicyException(message.startsWith(inventory.toString()) ? message : inventory + ": " + message);
        }
        Set<String> explicit = declared.stream().map(HostSpec::name).collect(Collectors.toSet());
        List<HostSpec> merged = new java.util.ArrayList<>(declared);
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
        if (e instanceof PropertyBindingException u) {
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

    private static String suggestion(String unknown, Collection<Object> known) {
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
