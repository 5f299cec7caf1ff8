package dev.hardening.core.facts.firewall;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hardening.core.facts.net.IpFamily;
import dev.hardening.core.util.Cidr;

/**
 * Parses {@code nft -j list ruleset} into tables of chains and rules. Every expression the model does
 * not understand becomes an {@link Match.Unknown} match or an unknown verdict, never nothing, so that a
 * rule's meaning is never narrowed by not reading it.
 */
public final class NftJsonParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Statements printed by their name alone in the evidence. */
    private static final Set<String> BARE = Set.of("counter", "log", "comment");
    /** Statements that change nothing about which packets a rule matches or whether it decides. */
    private static final Set<String> NO_CONDITION = Set.of("counter", "log", "comment", "mangle", "notrack", "set",
            "map");
    private static final Map<String, Integer> NAMED_PRIORITIES = Map.of("raw", -300, "mangle", -150, "dstnat", -100,
            "filter", 0, "security", 50, "srcnat", 100);

    private NftJsonParser() {
    }

    private record Key(String family, String table) {
    }

    private record ChainKey(Key table, String name) {
    }

    /** A named set or map: its elements as nft lists them, and whether the ruleset changes it at run time. */
    private record NamedSet(List<JsonNode> elements, boolean changesAtRuntime) {
    }

    /** @throws IllegalArgumentException when the text is not nft's JSON ruleset */
    public static ParsedRuleset parse(String json) {
        JsonNode items;
        try {
            items = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("nft -j list ruleset printed no JSON: " + e.getOriginalMessage());
        }
        items = items == null ? null : items.path("nftables");
        if (items == null || !items.isArray()) {
            throw new IllegalArgumentException("nft -j list ruleset printed JSON without an \"nftables\" list");
        }
        Map<Key, List<String>> tables = new LinkedHashMap<>();
        Map<ChainKey, JsonNode> chains = new LinkedHashMap<>();
        Map<ChainKey, List<JsonNode>> rules = new LinkedHashMap<>();
        Map<ChainKey, NamedSet> sets = new LinkedHashMap<>();
        Set<String> updatedSets = updatedSets(items);
        for (JsonNode item : items) {
            if (item.has("table")) {
                tables.putIfAbsent(key(item.get("table")), new ArrayList<>());
            } else if (item.has("chain")) {
                JsonNode c = item.get("chain");
                chains.put(new ChainKey(key(c), c.path("name").asText()), c);
            } else if (item.has("rule")) {
                JsonNode r = item.get("rule");
                rules.computeIfAbsent(new ChainKey(key(r), r.path("chain").asText()), k -> new ArrayList<>()).add(r);
            } else if (item.has("set") || item.has("map")) {
                JsonNode s = item.has("set") ? item.get("set") : item.get("map");
                List<JsonNode> elements = new ArrayList<>();
                s.path("elem").forEach(e -> elements.add(e.has("elem") ? e.get("elem").path("val") : e));
                boolean dynamic = s.has("timeout") || textsOf(s.path("flags")).stream()
                        .anyMatch(f -> f.equals("dynamic") || f.equals("timeout"))
                        || updatedSets.contains(s.path("name").asText());
                sets.put(new ChainKey(key(s), s.path("name").asText()), new NamedSet(elements, dynamic));
            }
        }
        rules.keySet().forEach(k -> chains.putIfAbsent(k, JSON.createObjectNode()));
        List<Table> out = new ArrayList<>();
        for (Key table : tables.keySet()) {
            Optional<TableFamily> family = TableFamily.of(table.family());
            if (family.isEmpty()) {
                continue;
            }
            List<Chain> tableChains = new ArrayList<>();
            chains.forEach((key, chain) -> {
                if (key.table().equals(table)) {
                    List<Rule> parsed = new ArrayList<>();
                    rules.getOrDefault(key, List.of()).forEach(r -> parsed.addAll(rules(family.get(), r, table, sets)));
                    tableChains.add(new Chain(key.name(), hook(chain), parsed));
                }
            });
            out.add(new Table("nftables", family.get(), table.table(), tableChains));
        }
        return new ParsedRuleset("nftables", out);
    }

    private static Key key(JsonNode node) {
        return new Key(node.path("family").asText(), node.path("table").asText(node.path("name").asText()));
    }

    /** The sets rules add elements to from the packet path ({@code update @blocklist { ip saddr }}). */
    private static Set<String> updatedSets(JsonNode items) {
        Set<String> names = new HashSet<>();
        for (JsonNode item : items) {
            for (JsonNode expr : item.path("rule").path("expr")) {
                JsonNode set = expr.path("set");
                if (set.isObject() && set.has("op")) {
                    names.add(set.path("set").asText().replaceFirst("^@", ""));
                }
            }
        }
        return names;
    }

    private static Optional<Hook> hook(JsonNode chain) {
        if (!chain.has("hook")) {
            return Optional.empty();
        }
        JsonNode prio = chain.path("prio");
        int priority = prio.isInt() ? prio.asInt() : NAMED_PRIORITIES.getOrDefault(prio.asText(), 0);
        String policy = chain.path("policy").asText("accept");
        String header = "type " + chain.path("type").asText() + " hook " + chain.path("hook").asText() + " priority "
                + prio.asText() + "; policy " + policy + ";";
        return Optional.of(new Hook(chain.path("type").asText(), chain.path("hook").asText(), priority,
                policy.equals("drop") ? Policy.DROP : Policy.ACCEPT, header));
    }

    /**
     * The rule in the model's terms; a verdict map ({@code tcp dport vmap { 22 : accept }}) becomes one rule
     * per element, which is what it does: the element matching the key decides.
     */
    private static List<Rule> rules(TableFamily family, JsonNode rule, Key table, Map<ChainKey, NamedSet> sets) {
        String location = "handle " + rule.path("handle").asText("?");
        String text = render(rule);
        List<Match> matches = new ArrayList<>();
        List<JsonNode> expressions = new ArrayList<>();
        rule.path("expr").forEach(expressions::add);
        for (int i = 0; i < expressions.size(); i++) {
            JsonNode expr = expressions.get(i);
            String name = expr.fieldNames().hasNext() ? expr.fieldNames().next() : "";
            JsonNode value = expr.path(name);
            if (name.equals("match")) {
                matches.addAll(match(family, value.path("left"), value.path("right"), value.path("op").asText("=="),
                        table, sets));
            } else if (name.equals("vmap")) {
                return verdictMap(family, location, text, matches, value, table, sets);
            } else if (!NO_CONDITION.contains(name)) {
                Optional<Verdict> verdict = verdict(name, value);
                if (verdict.isPresent()) {
                    return List.of(new Rule(location, text, matches, verdict.get()));
                }
                String statement = renderExpression(name, value);
                if (i == expressions.size() - 1) {
                    return List.of(new Rule(location, text, matches, Verdict.unknown(statement)));
                }
                // limit, quota, meters, xt matches: conditions the model does not know
                matches.add(new Match.Unknown(statement));
            }
        }
        return List.of(new Rule(location, text, matches, Verdict.CONTINUE));
    }

    private static List<Rule> verdictMap(TableFamily family, String location, String text, List<Match> before,
            JsonNode vmap, Key table, Map<ChainKey, NamedSet> sets) {
        JsonNode data = vmap.path("data");
        List<JsonNode> entries = new ArrayList<>();
        if (data.path("set").isArray()) {
            data.path("set").forEach(entries::add);
        } else if (data.isTextual() && sets.containsKey(new ChainKey(table, data.asText().replaceFirst("^@", "")))) {
            entries.addAll(sets.get(new ChainKey(table, data.asText().replaceFirst("^@", ""))).elements());
        } else {
            return List.of(new Rule(location, text, before, Verdict.unknown("vmap " + data)));
        }
        List<Rule> out = new ArrayList<>();
        for (JsonNode entry : entries) {
            JsonNode verdict = entry.path(1);
            String name = verdict.fieldNames().hasNext() ? verdict.fieldNames().next() : "";
            List<Match> matches = new ArrayList<>(before);
            matches.addAll(match(family, vmap.path("key"), entry.path(0), "==", table, sets));
            out.add(new Rule(location, text, matches, verdict(name, verdict.path(name))
                    .orElse(Verdict.unknown("vmap element " + entry))));
        }
        return out;
    }

    private static Optional<Verdict> verdict(String name, JsonNode value) {
        return Optional.ofNullable(switch (name) {
            case "accept" -> Verdict.ACCEPT;
            case "drop" -> Verdict.DROP;
            case "reject" -> Verdict.REJECT;
            case "return" -> Verdict.RETURN;
            case "continue" -> Verdict.CONTINUE;
            case "queue" -> Verdict.QUEUE;
            case "jump" -> Verdict.jump(value.path("target").asText());
            case "goto" -> Verdict.goTo(value.path("target").asText());
            case "dnat" -> new Verdict(Verdict.Kind.DNAT, natTarget(value));
            case "snat", "masquerade", "redirect" -> new Verdict(Verdict.Kind.NAT, name);
            case "xt" -> value.path("type").asText().equals("target")
                    ? Names.target(value.path("name").asText(), "") : null;
            default -> null;
        });
    }

    /** {@code 172.17.0.2:80}, {@code [fd00::2]:80}, {@code 172.17.0.2}. */
    private static String natTarget(JsonNode dnat) {
        String addr = operand(dnat.path("addr"));
        boolean v6 = addr.contains(":");
        return dnat.has("port") ? (v6 ? "[" + addr + "]" : addr) + ":" + operand(dnat.path("port")) : addr;
    }

    private static List<Match> match(TableFamily family, JsonNode left, JsonNode right, String op, Key table,
            Map<ChainKey, NamedSet> sets) {
        String text = operand(left) + (op.equals("==") || op.equals("in") ? " " : " " + op + " ") + operand(right);
        try {
            List<Match> parts = new ArrayList<>();
            Match main;
            if (right.isTextual() && right.asText().startsWith("@")) {
                String set = right.asText().substring(1);
                NamedSet named = sets.get(new ChainKey(table, set));
                if (named == null) {
                    return List.of(new Match.Unknown(text));
                }
                JsonNode elements = JSON.createObjectNode().set("set", JSON.valueToTree(named.elements()));
                Match inner = condition(family, left, elements, parts).orElse(null);
                main = inner == null ? new Match.Unknown(text) : new Match.SetLookup(set, inner, named.changesAtRuntime());
            } else if (Set.of("<", ">", "<=", ">=").contains(op) && right.canConvertToInt()) {
                int n = right.asInt();
                JsonNode range = JSON.valueToTree(Map.of("range", switch (op) {
                    case "<" -> List.of(0, n - 1);
                    case "<=" -> List.of(0, n);
                    case ">" -> List.of(n + 1, 65535);
                    default -> List.of(n, 65535);
                }));
                main = condition(family, left, range, parts).orElse(new Match.Unknown(text));
            } else if (op.equals("==") || op.equals("in") || op.equals("!=")) {
                main = condition(family, left, right, parts).orElse(new Match.Unknown(text));
            } else {
                main = new Match.Unknown(text);
            }
            if (main instanceof Match.Unknown) {
                return List.of(main);
            }
            parts.add(op.equals("!=") ? new Match.Not(main) : main);
            return parts;
        } catch (IllegalArgumentException e) {
            return List.of(new Match.Unknown(text));
        }
    }

    /**
     * The condition {@code left == right}, adding to {@code implied} what the left side implies (an
     * {@code ip saddr} in an inet table matches IPv4 packets only, a {@code tcp dport} tcp packets only).
     */
    private static Optional<Match> condition(TableFamily family, JsonNode left, JsonNode right, List<Match> implied) {
        List<JsonNode> values = values(right);
        if (left.has("meta")) {
            String key = left.path("meta").path("key").asText();
            return switch (key) {
                case "iifname", "iif" -> Optional.of(new Match.Interface(true, texts(values)));
                case "oifname", "oif" -> Optional.of(new Match.Interface(false, texts(values)));
                case "l4proto" -> Optional.of(new Match.Protocol(protocols(values)));
                case "nfproto" -> families(values);
                default -> Optional.empty();
            };
        }
        if (left.has("payload")) {
            String protocol = left.path("payload").path("protocol").asText();
            String field = left.path("payload").path("field").asText();
            Optional<IpFamily> ipFamily = switch (protocol) {
                case "ip", "icmp" -> Optional.of(IpFamily.IPV4);
                case "ip6", "icmpv6" -> Optional.of(IpFamily.IPV6);
                default -> Optional.empty();
            };
            if (ipFamily.isPresent() && family == TableFamily.INET) {
                implied.add(new Match.Family(ipFamily.get()));
            }
            switch (protocol + " " + field) {
                case "ip saddr", "ip6 saddr" -> {
                    return Optional.of(new Match.Source(cidrs(values)));
                }
                case "ip daddr", "ip6 daddr" -> {
                    return Optional.of(new Match.Destination(cidrs(values)));
                }
                case "ip protocol", "ip6 nexthdr" -> {
                    return Optional.of(new Match.Protocol(protocols(values)));
                }
                case "icmp type", "icmpv6 type" -> {
                    implied.add(new Match.Protocol(Set.of(protocol)));
                    return Optional.of(new Match.IcmpType(icmpTypes(ipFamily.orElseThrow(), values)));
                }
                default -> {
                }
            }
            if (field.equals("dport") || field.equals("sport")) {
                if (!protocol.equals("th")) {
                    implied.add(new Match.Protocol(Set.of(protocol)));
                }
                List<PortRange> ports = ports(values);
                return Optional.of(new Match.Port(field.equals("dport"), ports));
            }
            return Optional.empty();
        }
        if (left.has("ct") && left.path("ct").path("key").asText().equals("state")) {
            return Optional.of(new Match.CtState(Set.copyOf(texts(values))));
        }
        if (left.has("ct") && left.path("ct").path("key").asText().equals("status")) {
            return Optional.of(new Match.CtStatus(Set.copyOf(texts(values))));
        }
        if (left.has("fib") && left.path("fib").path("result").asText().equals("type")
                && textsOf(left.path("fib").path("flags")).equals(List.of("daddr"))) {
            return Optional.of(new Match.DestinationType(Set.copyOf(texts(values))));
        }
        return Optional.empty();
    }

    /** The single values a right-hand side stands for: a set's elements, a list's items, or itself. */
    private static List<JsonNode> values(JsonNode right) {
        List<JsonNode> out = new ArrayList<>();
        if (right.has("set") && right.get("set").isArray()) {
            right.get("set").forEach(out::add);
        } else if (right.isArray()) {
            right.forEach(out::add);
        } else {
            out.add(right);
        }
        return out;
    }

    private static List<String> texts(List<JsonNode> values) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : values) {
            if (!v.isValueNode()) {
                throw new IllegalArgumentException("not a plain value: " + v);
            }
            out.add(v.asText());
        }
        return out;
    }

    private static List<String> textsOf(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (node.isTextual()) {
            out.add(node.asText());
        }
        return out;
    }

    private static Set<String> protocols(List<JsonNode> values) {
        Set<String> out = new HashSet<>();
        for (String v : texts(values)) {
            out.add(Names.protocol(v).orElseThrow(() -> new IllegalArgumentException("no protocol")));
        }
        return out;
    }

    private static Optional<Match> families(List<JsonNode> values) {
        List<String> names = texts(values);
        if (names.size() != 1 || !Set.of("ipv4", "ipv6").contains(names.get(0))) {
            return Optional.empty();
        }
        return Optional.of(new Match.Family(names.get(0).equals("ipv4") ? IpFamily.IPV4 : IpFamily.IPV6));
    }

    private static Set<Integer> icmpTypes(IpFamily family, List<JsonNode> values) {
        Set<Integer> out = new HashSet<>();
        for (String v : texts(values)) {
            OptionalInt type = Names.icmpType(family, v);
            out.add(type.orElseThrow(() -> new IllegalArgumentException("unknown icmp type " + v)));
        }
        return out;
    }

    private static List<Cidr> cidrs(List<JsonNode> values) {
        List<Cidr> out = new ArrayList<>();
        for (JsonNode v : values) {
            if (v.has("prefix")) {
                out.add(Cidr.parse(v.get("prefix").path("addr").asText() + "/" + v.get("prefix").path("len").asText()));
            } else if (v.isTextual()) {
                out.add(Cidr.parse(v.asText()));
            } else {
                throw new IllegalArgumentException("not an address: " + v);
            }
        }
        return out;
    }

    private static List<PortRange> ports(List<JsonNode> values) {
        List<PortRange> out = new ArrayList<>();
        for (JsonNode v : values) {
            if (v.canConvertToInt() && v.isNumber()) {
                out.add(new PortRange(v.asInt(), v.asInt()));
            } else if (v.has("range") && v.get("range").path(0).isInt() && v.get("range").path(1).isInt()) {
                out.add(new PortRange(v.get("range").get(0).asInt(), v.get("range").get(1).asInt()));
            } else {
                throw new IllegalArgumentException("not a port: " + v);
            }
        }
        return out;
    }

    private static String renderExpression(String name, JsonNode value) {
        return switch (name) {
            case "match" -> operand(value.path("left")) + operatorOf(value) + operand(value.path("right"));
            case "jump", "goto" -> name + " " + value.path("target").asText();
            case "reject" -> value.isNull() || value.isEmpty() ? "reject"
                    : "reject with " + value.path("expr").asText(value.toString());
            case "xt" -> "xt " + value.path("type").asText() + " " + value.path("name").asText();
            default -> value == null || value.isNull() || value.isMissingNode() || BARE.contains(name) ? name
                    : name + " " + value;
        };
    }

    /** The rule in nft's own words, as far as they can be rebuilt: {@code tcp dport { 80, 443 } accept}. */
    static String render(JsonNode rule) {
        List<String> words = new ArrayList<>();
        for (JsonNode expr : rule.path("expr")) {
            String name = expr.fieldNames().hasNext() ? expr.fieldNames().next() : "?";
            words.add(renderExpression(name, expr.path(name)));
        }
        return String.join(" ", words);
    }

    private static String operatorOf(JsonNode match) {
        String op = match.path("op").asText("==");
        return op.equals("==") || op.equals("in") ? " " : " " + op + " ";
    }

    private static String operand(JsonNode node) {
        if (node.has("payload")) {
            return node.get("payload").path("protocol").asText() + " " + node.get("payload").path("field").asText();
        }
        if (node.has("meta")) {
            String key = node.get("meta").path("key").asText();
            return Set.of("iif", "iifname", "oif", "oifname").contains(key) ? key : "meta " + key;
        }
        if (node.has("ct")) {
            return "ct " + node.get("ct").path("key").asText();
        }
        if (node.has("set")) {
            List<String> values = new ArrayList<>();
            node.get("set").forEach(v -> values.add(operand(v)));
            return "{ " + String.join(", ", values) + " }";
        }
        if (node.has("range")) {
            return operand(node.get("range").get(0)) + "-" + operand(node.get("range").get(1));
        }
        if (node.has("prefix")) {
            return node.get("prefix").path("addr").asText() + "/" + node.get("prefix").path("len").asText();
        }
        if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(v -> values.add(operand(v)));
            return String.join(",", values);
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
