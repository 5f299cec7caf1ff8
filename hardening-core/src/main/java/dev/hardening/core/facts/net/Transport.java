package dev.hardening.core.facts.net;

import java.util.Locale;

/** The transport protocol of a socket, spelled as in {@code 443/tcp}. */
public enum Transport {
    TCP,
    UDP;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }
}
