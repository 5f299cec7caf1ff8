package dev.hardening.core.facts.tls;

import java.util.List;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.FactKey;

/** A host's TLS entries, each with its chain and protocol versions, and the anchors chains are judged by. */
public record TlsFacts(Fact<TrustAnchors> trust, List<TlsEndpointFacts> endpoints) {
    /** The fact: the TLS endpoints and certificate files the policy lists for the host; not applicable when none. */
    public static final FactKey<TlsFacts> KEY = FactKey.of("tls");

    public TlsFacts {
        endpoints = List.copyOf(endpoints);
    }
}
