package dev.hardening.core.facts.firewall;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hardening.core.facts.net.IpFamily;
import dev.hardening.core.util.Cidr;

/**
 * Parses {@code iptables-save} / {@code ip6tables-save} output (either backend) into tables of chains and
 * rules. A table iptables-nft-save calls incompatible (made with nft) is left out: it prints an empty
 * ACCEPT chain for it, and nft has the truth.
 */
public final class IptablesSaveParser {
    /** iptables-nft-save's note on a table made with nft; what it prints for it after this is not the truth. */
    private static final Pattern INCOMPATIBLE = Pattern.compile("^# Table `([^']+)' (?:is|contains) incompatible.*");
    private static final Set<String> BUILT_IN_CHAINS = Set.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING");

    private IptablesSaveParser() {
    }

    /** A chain while its table is being read. */
    private static final class Building {
        final String policy;
        final List<Rule> rules = new ArrayList<>();

        Building(String policy) {
            this.policy = policy;
        }
    }

    /**
     * @param tool how the output was made, e.g. {@code iptables-nft}; it names the tables in the evidence
     * @throws IllegalArgumentException when a line is neither a table, chain, rule, COMMIT nor comment
     */
    public static ParsedRuleset parse(String text, IpFamily family, String tool) {
        List<Table> tables = new ArrayList<>();
        Set<String> incompatible = new HashSet<>();
        String table = null;
        Map<String, Building> chains = new LinkedHashMap<>();
        int number = 0;
        for (String raw : text.split("\n", -1)) {
            number++;
            String line = raw.strip();
            Matcher note = INCOMPATIBLE.matcher(line);
            if (note.matches()) {
                incompatible.add(note.group(1));
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("*") && table == null) {
                table = line.substring(1);
                chains = new LinkedHashMap<>();
            } else if (line.startsWith(":") && table != null) {
                String[] f = line.substring(1).split("\\s+");
                chains.put(f[0], new Building(f.length > 1 ? f[1] : "-"));
            } else if (line.startsWith("-A ") && table != null) {
                List<String> words = split(line);
                if (words.size() < 2) {
                    throw new IllegalArgumentException("unexpected rule in " + tool + "-save output: " + line);
                }
                chains.computeIfAbsent(words.get(1), k -> new Building("-")).rules
                        .add(rule(family, chains.keySet(), "line " + number, line, words.subList(2, words.size())));
            } else if (line.equals("COMMIT") && table != null) {
                if (!incompatible.contains(table)) {
                    tables.add(table(tool, family, table, chains));
                }
                table = null;
            } else {
                throw new IllegalArgumentException("unexpected line " + number + " in " + tool + "-save output: " + line);
            }
        }
        if (table != null) {
            throw new IllegalArgumentException(tool + "-save output ends inside table " + table + " (no COMMIT)");
        }
        return new ParsedRuleset(tool, tables);
    }

    private static Table table(String tool, IpFamily family, String name, Map<String, Building> chains) {
        List<Chain> out = new ArrayList<>();
        chains.forEach((chain, b) -> out.add(new Chain(chain, hook(name, chain, b.policy), b.rules)));
        return new Table(tool, TableFamily.of(family), name, out);
    }

    /** iptables' built-in chains sit on fixed hooks at fixed priorities per table. */
    private static Optional<Hook> hook(String table, String chain, String policy) {
        if (!BUILT_IN_CHAINS.contains(chain) || policy.equals("-")) {
            return Optional.empty();
        }
        int priority = switch (table) {
            case "raw" -> -300;
            case "mangle" -> -150;
            case "nat" -> chain.equals("PREROUTING") || chain.equals("OUTPUT") ? -100 : 100;
            case "security" -> 50;
            default -> 0;
        };
        String type = table.equals("nat") ? "nat" : table.equals("mangle") && chain.equals("OUTPUT") ? "route" : "filter";
        Policy p = policy.equals("DROP") ? Policy.DROP : Policy.ACCEPT;
        return Optional.of(new Hook(type, chain.toLowerCase(Locale.ROOT), priority, p, ":" + chain + " " + policy));
    }

    private static Rule rule(IpFamily family, Set<String> chains, String location, String line, List<String> args) {
        List<Match> matches = new ArrayList<>();
        Verdict verdict = Verdict.CONTINUE;
        boolean negate = false;
        int i = 0;
        while (i < args.size()) {
            String option = args.get(i);
            if (option.equals("!")) {
                negate = true;
                i++;
                continue;
            }
            if (Set.of("-j", "--jump", "-g", "--goto").contains(option)) {
                String target = i + 1 < args.size() ? args.get(i + 1) : "";
                String arguments = String.join(" ", args.subList(Math.min(i + 2, args.size()), args.size()));
                boolean chain = chains.contains(target) && !BUILT_IN_CHAINS.contains(target);
                verdict = !chain ? Names.target(target, targetArgument(args.subList(Math.min(i + 2, args.size()),
                        args.size())).orElse(arguments))
                        : option.startsWith("-g") || option.equals("--goto") ? Verdict.goTo(target) : Verdict.jump(target);
                break;
            }
            int end = i + 1;
            while (end < args.size() && !args.get(end).startsWith("-") && !args.get(end).equals("!")) {
                end++;
            }
            List<String> values = args.subList(i + 1, end);
            if (option.equals("-m") || option.equals("--match")) {
                // the module's own options follow; the module name alone matches every packet
            } else {
                Optional<Match> match = match(family, option, values);
                if (match.isPresent()) {
                    matches.add(negate ? new Match.Not(match.get()) : match.get());
                } else if (negate) {
                    matches.add(new Match.Unknown(("! " + option + " " + String.join(" ", values)).strip()));
                }
            }
            negate = false;
            i = end;
        }
        return new Rule(location, line, matches, verdict);
    }

    /** The destination of a DNAT: {@code 172.17.0.2:80}. */
    private static Optional<String> targetArgument(List<String> targetArgs) {
        int at = targetArgs.indexOf("--to-destination");
        return at >= 0 && at + 1 < targetArgs.size() ? Optional.of(targetArgs.get(at + 1)) : Optional.empty();
    }

    /** The match an option stands for; empty for one that matches every packet (a comment, {@code -p all}). */
    private static Optional<Match> match(IpFamily family, String option, List<String> values) {
        String value = values.isEmpty() ? "" : values.get(0);
        String text = (option + " " + String.join(" ", values)).strip();
        try {
            return switch (option) {
                case "-s", "--source" -> Optional.of(new Match.Source(cidrs(value)));
                case "-d", "--destination" -> Optional.of(new Match.Destination(cidrs(value)));
                case "-i", "--in-interface" -> Optional.of(new Match.Interface(true, List.of(value)));
                case "-o", "--out-interface" -> Optional.of(new Match.Interface(false, List.of(value)));
                case "-p", "--protocol" -> Names.protocol(value).map(p -> new Match.Protocol(Set.of(p)));
                case "--dport", "--destination-port", "--dports", "--destination-ports" ->
                        Optional.of(new Match.Port(true, ports(value)));
                case "--sport", "--source-port", "--sports", "--source-ports" ->
                        Optional.of(new Match.Port(false, ports(value)));
                case "--ctstate", "--state" -> Optional.of(new Match.CtState(lowerCase(value)));
                case "--ctstatus" -> Optional.of(new Match.CtStatus(lowerCase(value)));
                case "--icmp-type", "--icmpv6-type" -> value.equals("any") ? Optional.empty()
                        : Optional.of(icmpType(family, value));
                case "--dst-type" -> Optional.of(new Match.DestinationType(lowerCase(value)));
                case "--comment" -> Optional.empty();
                // a NEW tcp connection starts with a SYN, which is what --syn matches
                case "--syn" -> Optional.empty();
                default -> Optional.of(new Match.Unknown(text));
            };
        } catch (IllegalArgumentException e) {
            return Optional.of(new Match.Unknown(text));
        }
    }

    private static Match icmpType(IpFamily family, String value) {
        OptionalInt type = Names.icmpType(family, value);
        if (type.isEmpty()) {
            throw new IllegalArgumentException("unknown icmp type " + value);
        }
        return new Match.IcmpType(Set.of(type.getAsInt()));
    }

    private static List<Cidr> cidrs(String value) {
        return Arrays.stream(value.split(",")).map(Cidr::parse).toList();
    }

    private static Set<String> lowerCase(String value) {
        return Set.of(value.toLowerCase(Locale.ROOT).split(","));
    }

    /** {@code 22}, {@code 80,443}, {@code 8000:8099}; a named service throws, which makes the match unknown. */
    private static List<PortRange> ports(String value) {
        List<PortRange> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String[] range = part.split(":", -1);
            int from = range[0].isEmpty() ? 0 : Integer.parseInt(range[0]);
            int to = range.length > 1 ? range[1].isEmpty() ? 65535 : Integer.parseInt(range[1]) : from;
            out.add(new PortRange(from, to));
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
