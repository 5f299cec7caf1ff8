package dev.hardening.core.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.hardening.core.util.Glob;

/**
 * A policy's {@code defaults:} and {@code groups:}, applied to each host as YAML trees before the host
 * is bound, so every host field takes them, whichever fields {@link HostSpec} has.
 *
 * <p>Precedence, lowest first: {@code defaults}, the groups the host is in, the host's own fields (for an
 * inventory host: what its Ansible variables give). A field replaces the one below it whole (lists and
 * mappings are not merged, as Ansible's default {@code hash_behaviour=replace}); an explicit null drops it.
 * Two groups of one host may not set the same host field or the same check field: the policy would not
 * say which one is meant, so loading fails naming both. A group's {@code checks:} overrides the policy's
 * {@code checks:} field by field for its members; what a group set is named in the evidence of those
 * checks' findings.
 */
public final class HostRules {
    /** No defaults and no groups: every host as it is written, every host with the policy's checks. */
    public static final HostRules NONE = new HostRules(new Layer("defaults", JsonNodeFactory.instance.objectNode(),
            (pointer, key) -> ""), List.of(), JsonNodeFactory.instance.objectNode(), null, Map.of());

    private final Layer defaults;
    private final List<Group> groups;
    private final JsonNode globalChecks;
    private final ChecksBinder binder;
    private final Map<String, HostChecks> byHost;

    /** Where something is written: {@code FILE:LINE:COL} of the key or the value at a JSON pointer. */
    interface Locator {
        String at(String pointer, boolean key);
    }

    /** Host fields from one place (defaults, a group, a host entry, an inventory host), and where each is written. */
    record Layer(String label, ObjectNode fields, Locator locator) {
    }

    /** A member pattern of a group: a host name or a glob ({@code web*}). */
    record Member(String pattern, Glob glob, String location) {
        boolean matches(String host) {
            return glob.matches(host);
        }
    }

    /** A group: its members, the host fields it gives them and the fields of {@code checks:} it overrides. */
    record Group(String name, List<Member> members, Layer fields, ObjectNode checks, Locator checksAt) {
        boolean contains(String host) {
            return members.stream().anyMatch(m -> m.matches(host));
        }
    }

    /** A host to resolve: its name and its own fields. */
    record Entry(String name, Layer own) {
    }

    /** The hosts as the rules make them, and the rules knowing each one's checks. */
    record Resolved(List<HostSpec> hosts, HostRules rules) {
    }

    /** What a host's checks are when groups change them, and which group set which field. */
    record HostChecks(ChecksConfig checks, Map<String, List<String>> originsBySection) {
    }

    /** Binds a merged {@code checks:} tree; a problem is a PolicyException located through {@code where}. */
    interface ChecksBinder {
        ChecksConfig bind(JsonNode checks, Locator where) throws PolicyException;
    }

    /** Binds a merged host tree; a problem is a PolicyException naming the layer that wrote the field. */
    interface HostBinder {
        HostSpec bind(String host, ObjectNode fields, List<Layer> layers) throws PolicyException;
    }

    HostRules(Layer defaults, List<Group> groups, JsonNode globalChecks, ChecksBinder binder,
            Map<String, HostChecks> byHost) {
        this.defaults = defaults;
        this.groups = List.copyOf(groups);
        this.globalChecks = globalChecks;
        this.binder = binder;
        this.byHost = Map.copyOf(byHost);
    }

    /** The checks of this host when a group changes them; empty when it has the policy's checks. */
    Optional<ChecksConfig> checksFor(String host) {
        return Optional.ofNullable(byHost.get(host)).map(HostChecks::checks);
    }

    /** One evidence line per field of the section a group set for this host, e.g. which group allowed 443/tcp. */
    List<String> origins(String host, String section) {
        HostChecks checks = byHost.get(host);
        return checks == null ? List.of() : checks.originsBySection().getOrDefault(section, List.of());
    }

    /** Every checks configuration a group made, for the local files they name. */
    Collection<ChecksConfig> groupChecks() {
        return byHost.values().stream().map(HostChecks::checks).distinct().toList();
    }

    /** The names of the groups that contain this host, in file order. */
    public List<String> groupsOf(String host) {
        return groups.stream().filter(g -> g.contains(host)).map(Group::name).toList();
    }

    /**
     * The entries with defaults and groups applied. Every member pattern must match one of the entries
     * or of {@code otherHosts} (hosts resolved before): a pattern that matches nothing is a typo.
     */
    Resolved resolve(List<Entry> entries, Collection<String> otherHosts, HostBinder hostBinder) throws PolicyException {
        List<String> names = new ArrayList<>(otherHosts);
        entries.forEach(e -> names.add(e.name()));
        for (Group group : groups) {
            for (Member member : group.members()) {
                if (names.stream().noneMatch(member::matches)) {
                    throw new PolicyException(member.location() + ": group '" + group.name() + "': pattern '"
                            + member.pattern() + "' matches no host (the hosts are " + String.join(", ", names) + ")");
                }
            }
        }
        List<HostSpec> hosts = new ArrayList<>();
        Map<String, HostChecks> checks = new HashMap<>(byHost);
        Map<List<String>, HostChecks> byGroups = new HashMap<>();
        for (Entry entry : entries) {
            List<Group> in = groups.stream().filter(g -> g.contains(entry.name())).toList();
            refuseConflicts(entry.name(), in);
            List<Layer> layers = new ArrayList<>();
            layers.add(defaults);
            in.forEach(g -> layers.add(g.fields()));
            layers.add(entry.own());
            hosts.add(hostBinder.bind(entry.name(), merge(layers.stream().map(Layer::fields).toList()), layers));
            List<Group> overriding = in.stream().filter(g -> !g.checks().isEmpty()).toList();
            if (!overriding.isEmpty()) {
                List<String> key = overriding.stream().map(Group::name).toList();
                HostChecks made = byGroups.get(key);
                if (made == null) {
                    made = checksOf(overriding);
                    byGroups.put(key, made);
                }
                checks.put(entry.name(), made);
            }
        }
        return new Resolved(hosts, new HostRules(defaults, groups, globalChecks, binder, checks));
    }

    private HostChecks checksOf(List<Group> overriding) throws PolicyException {
        ChecksConfig bound = binder.bind(mergeChecks(globalChecks, overriding.stream().map(Group::checks).toList()),
                overriding.get(overriding.size() - 1).checksAt());
        Map<String, List<String>> origins = new LinkedHashMap<>();
        for (Group group : overriding) {
            for (Iterator<Map.Entry<String, JsonNode>> sections = group.checks().fields(); sections.hasNext();) {
                Map.Entry<String, JsonNode> section = sections.next();
                for (Iterator<String> fields = section.getValue().fieldNames(); fields.hasNext();) {
                    String field = fields.next();
                    String where = group.checksAt().at("/" + section.getKey() + "/" + field, true);
                    origins.computeIfAbsent(section.getKey(), s -> new ArrayList<>()).add("checks." + section.getKey()
                            + "." + field + " from group " + group.name() + (where.isEmpty() ? "" : " (" + where + ")"));
                }
            }
        }
        return new HostChecks(bound, origins);
    }

    /** Two groups of the host that set the same host field or check field leave it open which is meant. */
    private static void refuseConflicts(String host, List<Group> in) throws PolicyException {
        Map<String, Group> hostFields = new HashMap<>();
        Map<String, Group> checkFields = new HashMap<>();
        for (Group group : in) {
            for (String field : fieldNames(group.fields().fields())) {
                Group other = hostFields.putIfAbsent(field, group);
                if (other != null) {
                    throw conflict(host, other, group, field, group.fields().locator().at("/" + field, true),
                            other.fields().locator().at("/" + field, true));
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> sections = group.checks().fields(); sections.hasNext();) {
                Map.Entry<String, JsonNode> section = sections.next();
                for (String field : fieldNames(section.getValue())) {
                    String path = section.getKey() + "/" + field;
                    Group other = checkFields.putIfAbsent(path, group);
                    if (other != null) {
                        throw conflict(host, other, group, "checks." + section.getKey() + "." + field,
                                group.checksAt().at("/" + path, true), other.checksAt().at("/" + path, true));
                    }
                }
            }
        }
    }

    private static PolicyException conflict(String host, Group first, Group second, String field, String at,
            String firstAt) {
        return new PolicyException(at + ": host '" + host + "' is in groups '" + first.name() + "' and '" + second.name()
                + "', which both set " + field + " (also at " + firstAt + "); set it in one of them, in defaults:, "
                + "or on the host itself");
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Host fields layered lowest first: each field is the one of the last layer that sets it, nulls included. */
    static ObjectNode merge(List<ObjectNode> layers) {
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        layers.forEach(merged::setAll);
        return merged;
    }

    /**
     * The policy's {@code checks:} with each override's fields put over it, section by section and field by
     * field (a list or mapping value replaces the one below it whole).
     */
    static ObjectNode mergeChecks(JsonNode global, List<ObjectNode> overrides) {
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        if (global != null && global.isObject()) {
            global.fields().forEachRemaining(s -> merged.set(s.getKey(), s.getValue().deepCopy()));
        }
        for (ObjectNode override : overrides) {
            override.fields().forEachRemaining(s -> {
                JsonNode below = merged.get(s.getKey());
                ObjectNode section = below != null && below.isObject() ? (ObjectNode) below
                        : JsonNodeFactory.instance.objectNode();
                section.setAll((ObjectNode) s.getValue());
                merged.set(s.getKey(), section);
            });
        }
        return merged;
    }

    @Override
    public String toString() {
        return "HostRules" + groups.stream().map(Group::name).collect(Collectors.toList());
    }
}
