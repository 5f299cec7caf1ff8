package dev.hardening.core.facts.firewall;

/** Ports {@code from} to {@code to}, both included. */
public record PortRange(int from, int to) {
    static final PortRange ALL = new PortRange(0, 65535);

    public PortRange {
        if (from < 0 || to > 65535 || from > to) {
            throw new IllegalArgumentException("not a port range: " + from + "-" + to);
        }
    }

    public boolean contains(int port) {
        return port >= from && port <= to;
    }

    public int size() {
        return to - from + 1;
    }

    @Override
    public String toString() {
        return from == to ? String.valueOf(from) : from + "-" + to;
    }
}
