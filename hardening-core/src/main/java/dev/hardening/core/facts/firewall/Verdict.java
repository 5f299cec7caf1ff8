package dev.hardening.core.facts.firewall;

/**
 * What a rule does to a packet it matches.
 *
 * @param argument the target chain of a jump or goto, the destination of a DNAT ({@code 172.17.0.2:80}),
 *        the statement itself for one the model does not know; empty otherwise
 */
public record Verdict(Kind kind, String argument) {

    public enum Kind {
        ACCEPT,
        DROP,
        REJECT,
        JUMP,
        GOTO,
        RETURN,
        /** No verdict: counters, logs, marks; the next rule sees the packet. */
        CONTINUE,
        /** Handed to a userspace program, which decides. */
        QUEUE,
        /** Destination NAT: the packet is sent on to {@code argument}; ends the base chain like accept. */
        DNAT,
        /** Any other NAT statement (snat, masquerade, redirect): ends the base chain like accept. */
        NAT,
        /** A statement the model does not know: it may end the packet's way or let it on. */
        UNKNOWN
    }

    public static final Verdict ACCEPT = new Verdict(Kind.ACCEPT, "");
    public static final Verdict DROP = new Verdict(Kind.DROP, "");
    public static final Verdict REJECT = new Verdict(Kind.REJECT, "");
    public static final Verdict RETURN = new Verdict(Kind.RETURN, "");
    public static final Verdict CONTINUE = new Verdict(Kind.CONTINUE, "");
    public static final Verdict QUEUE = new Verdict(Kind.QUEUE, "");

    public static Verdict jump(String chain) {
        return new Verdict(Kind.JUMP, chain);
    }

    public static Verdict goTo(String chain) {
        return new Verdict(Kind.GOTO, chain);
    }

    public static Verdict unknown(String statement) {
        return new Verdict(Kind.UNKNOWN, statement);
    }

    /** Accepting for the base chain it runs in: accept itself and the NAT statements. */
    public boolean accepts() {
        return kind == Kind.ACCEPT || kind == Kind.DNAT || kind == Kind.NAT;
    }

    public boolean denies() {
        return kind == Kind.DROP || kind == Kind.REJECT;
    }
}
