package dev.hardening.core.facts.firewall;

/**
 * Whether a match holds for a packet. {@code MAYBE} is what a match the model does not understand
 * gives: the evaluator then follows both ways, so that not understanding a rule can never make an
 * open host look closed.
 */
public enum Truth {
    YES,
    NO,
    MAYBE;

    static Truth of(boolean value) {
        return value ? YES : NO;
    }

    Truth and(Truth other) {
        if (this == NO || other == NO) {
            return NO;
        }
        return this == MAYBE || other == MAYBE ? MAYBE : YES;
    }

    Truth not() {
        return switch (this) {
            case YES -> NO;
            case NO -> YES;
            case MAYBE -> MAYBE;
        };
    }
}
