package dev.hardening.core.facts.firewall;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hardening.core.facts.net.IpFamily;
import dev.hardening.core.facts.net.Transport;

/**
 * Parses {@code iptables-save} / {@code ip6tables-save} output (either backend): the {@code INPUT} chain
 * of each table, its policy, its last rule, and the ports that ACCEPT rules name plainly in it and in
 * the chains it jumps to (ufw keeps them in {@code ufw-user-input}). A table iptables-nft-save calls
 * incompatible (made with nft) is left out: it prints an empty ACCEPT chain for it, and nft has the truth.
 */
public final class IptablesSaveParser {
    /** iptables-nft-save's note on a table made with nft; what it prints for it after this is not the truth. */
    private static final Pattern INCOMPATIBLE = Pattern.compile("^# Table `([^']+)' (?:is|contains) incompatible.*");
    private static final Set<String> BUILT_IN_TARGETS = Set.of("ACCEPT", "DROP", "REJECT", "RETURN", "LOG", "NFLOG",
            "MARK", "CONNMARK", "CT", "NOTRACK", "TCPMSS", "AUDIT");

    private IptablesSaveParser() {
    }

    private record Rule(String line, List<String> args) {
        Optional<String> option(String... names) {
            for (int i = 0; i < args.size() - 1; i++) {
                if (List.of(names).contains(args.get(i))) {
                    return Optional.of(args.get(i + 1));
                }
            }
            return Optional.empty();
        }

        String target() {
            return option("-j", "-g").orElse("");
        }

        /** Nothing but the target (and its own options, such as {@code --reject-with}): every packet matches. */
        boolean unconditional() {
            return args.size() >= 2 && (args.get(0).equals("-j") || args.get(0).equals("-g"))
                    && args.subList(2, args.size()).stream().noneMatch(a -> a.startsWith("-") && !a.startsWith("--reject"));
        }
    }

    /**
     * @param tool how the output was made, e.g. {@code iptables-nft}; it names the chains in the evidence
     * @throws IllegalArgumentException when a line is neither a table, chain, rule, COMMIT nor comment
     */
    public static ParsedRuleset parse(String text, IpFamily family, String tool) {
        List<String> tables = new ArrayList<>();
        Set<String> chainNames = new HashSet<>();
        List<InputChain> inputChains = new ArrayList<>();
        String table = null;
        Map<String, String> policies = new LinkedHashMap<>();
        Map<String, List<Rule>> rules = new LinkedHashMap<>();
        Set<String> incompatible = new HashSet<>();
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            Matcher note = INCOMPATIBLE.matcher(line);
            if (note.matches()) {
                incompatible.add(note.group(1));
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("*")) {
                table = line.substring(1);
                if (!incompatible.contains(table)) {
                    tables.add((family == IpFamily.IPV4 ? "ip " : "ip6 ") + table);
                }
                policies.clear();
                rules.clear();
            } else if (line.startsWith(":") && table != null) {
                String[] f = line.substring(1).split("\\s+");
                policies.put(f[0], f.length > 1 ? f[1] : "-");
                chainNames.add(f[0]);
            } else if (line.startsWith("-A ") && table != null) {
                List<String> words = split(line);
                if (words.size() < 2) {
                    throw new IllegalArgumentException("unexpected rule in " + tool + "-save output: " + line);
                }
                rules.computeIfAbsent(words.get(1), k -> new ArrayList<>())
                        .add(new Rule(line, words.subList(2, words.size())));
            } else if (line.equals("COMMIT") && table != null) {
                if (policies.containsKey("INPUT") && !incompatible.contains(table)) {
                    inputChains.add(inputChain(tool, table, family, policies.get("INPUT"), rules));
                }
                table = null;
            } else {
                throw new IllegalArgumentException("unexpected line in " + tool + "-save output: " + line);
            }
        }
        if (table != null) {
            throw new IllegalArgumentException(tool + "-save output ends inside table " + table + " (no COMMIT)");
        }
        return new ParsedRuleset(tool, tables, inputChains, chainNames);
    }

    private static InputChain inputChain(String tool, String table, IpFamily family, String policy,
            Map<String, List<Rule>> rules) {
        List<Rule> own = rules.getOrDefault("INPUT", List.of());
        Optional<String> acceptAll = own.stream().filter(r -> r.unconditional() && r.target().equals("ACCEPT"))
                .findFirst().map(Rule::line);
        Optional<String> finalRule = own.isEmpty() ? Optional.empty() : Optional.of(own.get(own.size() - 1))
                .filter(r -> r.unconditional() && (r.target().equals("DROP") || r.target().equals("REJECT")))
                .map(Rule::line);
        List<PortRule> ports = new ArrayList<>();
        collectPorts("INPUT", rules, new HashSet<>(), ports);
        return new InputChain(tool, table, "INPUT", EnumSet.of(family), ":INPUT " + policy, policy, finalRule,
                acceptAll, ports);
    }

    private static void collectPorts(String chain, Map<String, List<Rule>> rules, Set<String> seen,
            List<PortRule> out) {
        if (!seen.add(chain)) {
            return;
        }
        for (Rule rule : rules.getOrDefault(chain, List.of())) {
            String target = rule.target();
            if (target.equals("ACCEPT")) {
                out.addAll(portRules(rule));
            } else if (!target.isEmpty() && !BUILT_IN_TARGETS.contains(target)) {
                collectPorts(target, rules, seen, out);
            }
        }
    }

    private static List<PortRule> portRules(Rule rule) {
        Optional<String> ports = rule.option("--dport", "--destination-port", "--dports", "--destination-ports");
        if (ports.isEmpty()) {
            return List.of();
        }
        Optional<Transport> transport = rule.option("-p", "--protocol").flatMap(p -> switch (p) {
            case "tcp" -> Optional.of(Transport.TCP);
            case "udp" -> Optional.of(Transport.UDP);
            default -> Optional.empty();
        });
        List<PortRule> out = new ArrayList<>();
        for (String part : ports.get().split(",")) {
            String[] range = part.split(":");
            try {
                int from = Integer.parseInt(range[0]);
                out.add(new PortRule(transport, from, range.length > 1 ? Integer.parseInt(range[1]) : from, rule.line()));
            } catch (NumberFormatException e) {
                // a named service ("ssh") is not a plain port number; the rule still counts, just not as a port
            }
        }
        return out;
    }

    /** Splits a rule into words, keeping double-quoted words (comments) whole. */
    private static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }
}
