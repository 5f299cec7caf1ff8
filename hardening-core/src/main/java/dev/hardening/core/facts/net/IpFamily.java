package dev.hardening.core.facts.net;

/** IPv4 or IPv6: which socket table a socket came from, which packets a firewall chain sees. */
public enum IpFamily {
    IPV4("IPv4"),
    IPV6("IPv6");

    private final String label;

    IpFamily(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
