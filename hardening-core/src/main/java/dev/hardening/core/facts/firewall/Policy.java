package dev.hardening.core.facts.firewall;

/** What a base chain does with a packet that reaches its end. */
public enum Policy {
    ACCEPT,
    DROP
}
