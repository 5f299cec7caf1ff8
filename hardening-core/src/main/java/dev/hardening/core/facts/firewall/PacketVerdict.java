package dev.hardening.core.facts.firewall;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the rules do with one representative packet.
 *
 * @param path the rules that decided, in order: the jumps and gotos that led to the deciding rule and the
 *        rule (or policy) itself; when every base chain let the packet through by its policy, those policies
 * @param why for {@link Outcome#MAY_BE_ACCEPTED}, what the model did not understand; otherwise a short reason
 */
public record PacketVerdict(Packet packet, Outcome outcome, List<Step> path, String why) {

    public enum Outcome {
        /** Dropped or rejected on every way through the rules. */
        DENIED,
        /** Accepted by rules the evaluator fully understood. */
        ACCEPTED,
        /** Accepted on some way through the rules that depends on something the model does not understand. */
        MAY_BE_ACCEPTED
    }

    public PacketVerdict {
        path = List.copyOf(path);
    }

    /** True when base chains' policies, not rules, let the packet through. */
    public boolean byPolicyOnly() {
        return !path.isEmpty() && path.stream().allMatch(Step::isPolicy);
    }

    /** The rule or policy that decided. */
    public Step decidingStep() {
        return path.get(path.size() - 1);
    }

    /**
     * {@code nftables table inet filter chain allow_all rule handle 7 `accept` (reached by jump from chain input
     * rule handle 3)}.
     */
    public String decidedBy() {
        if (path.isEmpty()) {
            return why;
        }
        if (byPolicyOnly()) {
            return path.stream().map(Step::describe).collect(Collectors.joining(" and "));
        }
        Step last = decidingStep();
        List<Step> via = path.subList(0, path.size() - 1);
        return last.describe() + (via.isEmpty() ? "" : " (reached by " + via.stream()
                .map(s -> s.action().name().toLowerCase(Locale.ROOT) + " from chain " + s.chain() + " rule "
                        + s.rule())
                .collect(Collectors.joining(", then ")) + ")");
    }
}
