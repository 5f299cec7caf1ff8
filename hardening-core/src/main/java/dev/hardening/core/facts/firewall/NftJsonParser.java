package dev.hardening.core.facts.firewall;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hardening.core.facts.net.IpFamily;
import dev.hardening.core.facts.net.Transport;

/**
 * Parses {@code nft -j list ruleset}: the base chains on the {@code input} hook of the families
 * {@code ip}, {@code ip6} and {@code inet}, their policies, their last rules and the ports their
 * accept rules (and those of the chains they jump to) name plainly.
 */
public final class NftJsonParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VERDICTS = Set.of("accept", "drop", "reject", "jump", "goto", "return");
    /** Statements that change nothing about which packets a rule matches. */
    private static final Set<String> NO_CONDITION = Set.of("counter", "log", "comment");

    private NftJsonParser() {
    }

    private record ChainKey(String family, String table, String name) {
    }

    /** @throws IllegalArgumentException when the text is not nft's JSON ruleset */
    public static ParsedRuleset parse(String json) {
        JsonNode items;
        try {
            items = JSON.readTree(json).path("nftables");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("nft -j list ruleset printed no JSON: " + e.getOriginalMessage());
        }
        if (!items.isArray()) {
            throw new IllegalArgumentException("nft -j list ruleset printed JSON without an \"nftables\" list");
        }
        List<String> tables = new ArrayList<>();
        Map<ChainKey, JsonNode> chains = new LinkedHashMap<>();
        Map<ChainKey, List<JsonNode>> rules = new HashMap<>();
        for (JsonNode item : items) {
            if (item.has("table")) {
                tables.add(item.get("table").path("family").asText() + " " + item.get("table").path("name").asText());
            } else if (item.has("chain")) {
                JsonNode c = item.get("chain");
                chains.put(key(c, "name"), c);
            } else if (item.has("rule")) {
                rules.computeIfAbsent(key(item.get("rule"), "chain"), k -> new ArrayList<>()).add(item.get("rule"));
            }
        }
        List<InputChain> input = new ArrayList<>();
        chains.forEach((key, chain) -> {
            Set<IpFamily> families = families(key.family());
            if (chain.path("hook").asText().equals("input") && !families.isEmpty()) {
                input.add(inputChain(key, chain, families, rules));
            }
        });
        return new ParsedRuleset("nftables", tables, input,
                chains.keySet().stream().map(ChainKey::name).collect(Collectors.toSet()));
    }

    private static ChainKey key(JsonNode node, String nameField) {
        return new ChainKey(node.path("family").asText(), node.path("table").asText(), node.path(nameField).asText());
    }

    private static Set<IpFamily> families(String nftFamily) {
        return switch (nftFamily) {
            case "ip" -> EnumSet.of(IpFamily.IPV4);
            case "ip6" -> EnumSet.of(IpFamily.IPV6);
            case "inet" -> EnumSet.allOf(IpFamily.class);
            default -> EnumSet.noneOf(IpFamily.class);
        };
    }

    private static InputChain inputChain(ChainKey key, JsonNode chain, Set<IpFamily> families,
            Map<ChainKey, List<JsonNode>> rules) {
        String policy = chain.path("policy").asText("accept");
        String header = "type " + chain.path("type").asText() + " hook input priority " + chain.path("prio").asText()
                + "; policy " + policy + ";";
        List<JsonNode> own = rules.getOrDefault(key, List.of());
        Optional<String> acceptAll = own.stream().filter(r -> unconditional(r) && verdict(r).equals("accept"))
                .findFirst().map(NftJsonParser::render);
        Optional<String> finalRule = own.isEmpty() ? Optional.empty() : Optional.of(own.get(own.size() - 1))
                .filter(r -> unconditional(r) && (verdict(r).equals("drop") || verdict(r).equals("reject")))
                .map(NftJsonParser::render);
        List<PortRule> ports = new ArrayList<>();
        collectPorts(key, rules, new HashSet<>(), ports);
        return new InputChain("nftables", key.family() + " " + key.table(), key.name(), families, header, policy,
                finalRule, acceptAll, ports);
    }

    /** The accept rules naming ports in the chain and, through jumps and gotos, the chains it reaches. */
    private static void collectPorts(ChainKey key, Map<ChainKey, List<JsonNode>> rules, Set<ChainKey> seen,
            List<PortRule> out) {
        if (!seen.add(key)) {
            return;
        }
        for (JsonNode rule : rules.getOrDefault(key, List.of())) {
            String verdict = verdict(rule);
            if (verdict.equals("accept")) {
                out.addAll(portRules(rule));
            } else if (verdict.equals("jump") || verdict.equals("goto")) {
                String target = last(rule).get(verdict).path("target").asText();
                collectPorts(new ChainKey(key.family(), key.table(), target), rules, seen, out);
            }
        }
    }

    private static List<PortRule> portRules(JsonNode rule) {
        Optional<Transport> transport = Optional.empty();
        JsonNode ports = null;
        for (JsonNode expr : rule.path("expr")) {
            JsonNode match = expr.get("match");
            if (match == null) {
                continue;
            }
            JsonNode left = match.path("left");
            if (left.path("payload").path("field").asText().equals("dport")) {
                ports = match.path("right");
                transport = transport.or(() -> transport(left.path("payload").path("protocol").asText()));
            } else if (left.path("meta").path("key").asText().equals("l4proto")) {
                transport = transport(match.path("right").asText());
            }
        }
        if (ports == null) {
            return List.of();
        }
        String text = render(rule);
        List<PortRule> out = new ArrayList<>();
        Iterable<JsonNode> values = ports.has("set") ? ports.get("set") : List.of(ports);
        for (JsonNode value : values) {
            if (value.isInt()) {
                out.add(new PortRule(transport, value.asInt(), value.asInt(), text));
            } else if (value.has("range")) {
                out.add(new PortRule(transport, value.get("range").get(0).asInt(), value.get("range").get(1).asInt(),
                        text));
            }
        }
        return out;
    }

    private static Optional<Transport> transport(String protocol) {
        return switch (protocol) {
            case "tcp" -> Optional.of(Transport.TCP);
            case "udp" -> Optional.of(Transport.UDP);
            default -> Optional.empty();
        };
    }

    private static JsonNode last(JsonNode rule) {
        JsonNode expr = rule.path("expr");
        return expr.size() == 0 ? JSON.createObjectNode() : expr.get(expr.size() - 1);
    }

    private static String verdict(JsonNode rule) {
        Iterator<String> names = last(rule).fieldNames();
        String name = names.hasNext() ? names.next() : "";
        return VERDICTS.contains(name) ? name : "";
    }

    /** True when the rule matches every packet: nothing in it but the verdict and counters or logs. */
    private static boolean unconditional(JsonNode rule) {
        for (JsonNode expr : rule.path("expr")) {
            String name = expr.fieldNames().hasNext() ? expr.fieldNames().next() : "";
            if (!VERDICTS.contains(name) && !NO_CONDITION.contains(name)) {
                return false;
            }
        }
        return true;
    }

    /** The rule in nft's own words, as far as they can be rebuilt: {@code tcp dport { 80, 443 } accept}. */
    static String render(JsonNode rule) {
        List<String> words = new ArrayList<>();
        for (JsonNode expr : rule.path("expr")) {
            String name = expr.fieldNames().hasNext() ? expr.fieldNames().next() : "?";
            JsonNode value = expr.get(name);
            switch (name) {
                case "match" -> words.add(operand(value.path("left")) + operatorOf(value) + operand(value.path("right")));
                case "jump", "goto" -> words.add(name + " " + value.path("target").asText());
                case "reject" -> words.add(value.isNull() || value.isEmpty() ? "reject"
                        : "reject with " + value.path("expr").asText(value.toString()));
                case "xt" -> words.add("xt " + value.path("type").asText() + " " + value.path("name").asText());
                default -> words.add(value == null || value.isNull() || NO_CONDITION.contains(name) ? name
                        : name + " " + value);
            }
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
