package dev.hardening.core.facts.firewall;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.hardening.core.facts.firewall.PacketVerdict.Outcome;
import dev.hardening.core.facts.net.IpFamily;

/**
 * Takes one packet through the base chains of one hook as netfilter does: every base chain that sees the
 * packet's family, in priority order; an accept ends only its own base chain, a drop or reject anywhere is
 * final; jump and goto are followed, return resumes after the jump, a base chain's policy applies at its end.
 * Where a rule's match is {@link Truth#MAYBE}, both ways are followed, so an accept that depends on
 * something not understood makes the packet {@link Outcome#MAY_BE_ACCEPTED}, never {@link Outcome#DENIED}.
 */
final class HookEvaluator {
    /** Deeper than any real ruleset nests (the kernel allows 16 jumps on nft); deeper is treated as unknown. */
    private static final int MAX_DEPTH = 64;

    private enum End {
        ACCEPT,
        DENY,
        /** Queued, a statement not understood, a loop: the packet may be accepted. */
        UNDECIDED,
        RETURN
    }

    /** One way a chain can end for the packet; {@code certain} when no MAYBE was assumed on the way. */
    private record Ending(End end, boolean certain, List<Step> path, String doubt) {
        Ending prefixed(Step step, boolean certainBefore, String doubtBefore) {
            List<Step> p = new ArrayList<>();
            p.add(step);
            p.addAll(path);
            return new Ending(end, certain && certainBefore, p, doubtBefore != null ? doubtBefore : doubt);
        }
    }

    private record Key(int table, String chain) {
    }

    private final List<Table> tables;
    private final Packet packet;
    private final Map<Key, List<Ending>> done = new HashMap<>();
    private final Set<Key> running = new HashSet<>();

    private HookEvaluator(List<Table> tables, Packet packet) {
        this.tables = tables;
        this.packet = packet;
    }

    static PacketVerdict evaluate(List<Table> tables, String hook, Packet packet) {
        return new HookEvaluator(tables, packet).run(hook);
    }

    /** The base chains on the hook that see packets of the family, lowest priority first. */
    static List<BaseChain> baseChains(List<Table> tables, String hook, IpFamily family) {
        List<BaseChain> chains = new ArrayList<>();
        for (Table t : tables) {
            if (t.family().sees(family)) {
                t.chains().stream().filter(c -> c.hook().map(h -> h.hook().equals(hook)).orElse(false))
                        .forEach(c -> chains.add(new BaseChain(t, c)));
            }
        }
        chains.sort(Comparator.comparingInt(b -> b.hook().priority()));
        return chains;
    }

    private PacketVerdict run(String hook) {
        List<BaseChain> bases = baseChains(tables, hook, packet.family());
        if (bases.isEmpty()) {
            return new PacketVerdict(packet, Outcome.ACCEPTED, List.of(),
                    "no base chain on the " + hook + " hook sees " + packet.family() + " packets");
        }
        List<List<Ending>> perChain = new ArrayList<>();
        for (BaseChain base : bases) {
            List<Ending> endings = withPolicy(base, chain(tables.indexOf(base.table()), base.chain(), 0));
            Optional<Ending> passes = endings.stream().filter(e -> e.end() != End.DENY).findFirst();
            if (passes.isEmpty()) {
                Ending deny = endings.stream().filter(Ending::certain).findFirst().orElse(endings.get(0));
                return new PacketVerdict(packet, Outcome.DENIED, deny.path(), "denied");
            }
            perChain.add(endings);
        }
        List<Optional<Ending>> accepts = perChain.stream().map(es -> es.stream()
                .filter(e -> e.certain() && e.end() == End.ACCEPT).findFirst()).toList();
        if (accepts.stream().allMatch(Optional::isPresent)) {
            List<List<Step>> paths = accepts.stream().map(a -> a.orElseThrow().path()).toList();
            // the first base chain a rule (not its policy) let the packet through says the most
            List<Step> path = paths.stream().filter(p -> !p.get(p.size() - 1).isPolicy()).findFirst()
                    .orElseGet(() -> paths.stream().map(p -> p.get(p.size() - 1)).toList());
            return new PacketVerdict(packet, Outcome.ACCEPTED, path, "accepted");
        }
        Ending doubtful = perChain.get(accepts.indexOf(Optional.<Ending>empty())).stream()
                .filter(e -> e.end() != End.DENY).findFirst().orElseThrow();
        return new PacketVerdict(packet, Outcome.MAY_BE_ACCEPTED, doubtful.path(), doubtful.doubt());
    }

    private static List<Ending> withPolicy(BaseChain base, List<Ending> endings) {
        Policy policy = base.hook().policy();
        Step step = Step.policy(base.table(), base.chain(), policy);
        List<Ending> out = new ArrayList<>();
        for (Ending e : endings) {
            if (e.end() == End.RETURN) {
                List<Step> path = new ArrayList<>(e.path());
                path.add(step);
                out.add(new Ending(policy == Policy.ACCEPT ? End.ACCEPT : End.DENY, e.certain(), path, e.doubt()));
            } else {
                out.add(e);
            }
        }
        return distinct(out);
    }

    /** The ways the chain can end for the packet. */
    private List<Ending> chain(int tableIndex, Chain chain, int depth) {
        Key key = new Key(tableIndex, chain.name());
        List<Ending> known = done.get(key);
        if (known != null) {
            return known;
        }
        Table table = tables.get(tableIndex);
        if (depth > MAX_DEPTH || !running.add(key)) {
            return List.of(new Ending(End.UNDECIDED, false, List.of(),
                    "the jumps to " + table.label() + " chain " + chain.name() + " loop or nest deeper than " + MAX_DEPTH));
        }
        List<Ending> endings = new ArrayList<>();
        boolean live = true;
        boolean certain = true;
        String doubt = null;
        for (Rule rule : chain.rules()) {
            Truth match = rule.test(packet);
            if (match == Truth.NO || rule.verdict().kind() == Verdict.Kind.CONTINUE) {
                continue;
            }
            boolean sure = certain && match == Truth.YES;
            String why = doubt != null || match == Truth.YES ? doubt : notUnderstood(table, chain, rule);
            Step step = Step.of(table, chain, rule);
            Verdict verdict = rule.verdict();
            // the way on to the next rule: open when the rule may not have matched
            boolean goesOn = match == Truth.MAYBE;
            boolean nextCertain = false;
            String nextDoubt = why;
            switch (verdict.kind()) {
                case ACCEPT, DNAT, NAT -> endings.add(new Ending(End.ACCEPT, sure, List.of(step), why));
                case DROP, REJECT -> endings.add(new Ending(End.DENY, sure, List.of(step), why));
                case RETURN -> endings.add(new Ending(End.RETURN, sure, List.of(step), why));
                case QUEUE -> endings.add(new Ending(End.UNDECIDED, false, List.of(step), why != null ? why
                        : step.describe() + " hands the packet to a userspace program, which decides"));
                case UNKNOWN -> {
                    nextDoubt = why != null ? why : step.describe() + " has a statement this check does not "
                            + "understand (" + verdict.argument() + "), which may accept the packet";
                    endings.add(new Ending(End.UNDECIDED, false, List.of(step), nextDoubt));
                    goesOn = true;
                }
                case JUMP, GOTO -> {
                    Optional<Chain> target = table.chain(verdict.argument());
                    List<Ending> sub = target.isPresent() ? chain(tableIndex, target.get(), depth + 1)
                            : List.of(new Ending(End.UNDECIDED, false, List.of(),
                                    step.describe() + " names a chain the ruleset does not list"));
                    for (Ending e : sub) {
                        Ending via = e.prefixed(step, sure, why);
                        if (e.end() != End.RETURN || verdict.kind() == Verdict.Kind.GOTO) {
                            endings.add(via);
                        } else if (!goesOn || via.certain()) {
                            // back from the jump: the packet goes on with the next rule
                            goesOn = true;
                            nextCertain = via.certain();
                            nextDoubt = via.doubt();
                        }
                    }
                }
                case CONTINUE -> throw new IllegalStateException("skipped above");
            }
            if (!goesOn) {
                live = false;
                break;
            }
            certain = nextCertain;
            doubt = nextDoubt;
        }
        if (live) {
            endings.add(new Ending(End.RETURN, certain, List.of(), doubt));
        }
        running.remove(key);
        List<Ending> result = distinct(endings);
        done.put(key, result);
        return result;
    }

    private String notUnderstood(Table table, Chain chain, Rule rule) {
        return Step.of(table, chain, rule).describe() + " may match the packet: it depends on "
                + String.join(" and ", rule.matches().stream().filter(m -> m.test(packet) == Truth.MAYBE)
                        .map(HookEvaluator::doubt).toList());
    }

    /** What a match that gives MAYBE depends on. */
    private static String doubt(Match match) {
        if (match instanceof Match.Not n) {
            return doubt(n.match());
        }
        if (match instanceof Match.SetLookup s) {
            return s.changesAtRuntime() ? "set @" + s.set() + ", which the ruleset fills at run time" : doubt(s.elements());
        }
        if (match instanceof Match.Destination) {
            return "the destination address (the host's own addresses are not known here)";
        }
        if (match instanceof Match.Interface i) {
            return i.incoming() ? "the interface name (the host's interface names are not known)"
                    : "the outgoing interface, which is not known for the packet";
        }
        if (match instanceof Match.CtState) {
            return "whether the packet is untracked (a notrack rule before the input hook would make it so)";
        }
        return String.join(", ", match.unknownParts()) + ", which this check does not understand";
    }

    /** One ending per kind and certainty, the first found: which way the rules take the packet is all that counts. */
    private static List<Ending> distinct(List<Ending> endings) {
        List<Ending> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Ending e : endings) {
            if (seen.add(e.end() + "/" + e.certain())) {
                out.add(e);
            }
        }
        return out;
    }
}
