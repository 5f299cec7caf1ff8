package dev.hardening.core.facts.tls;

import java.util.List;

import dev.hardening.core.facts.Fact;

/** A host's TLS entries, each with its chain and protocol versions, and the anchors chains are judged by. */
public record TlsFacts(Fact<TrustAnchors> trust, List<TlsEndpointFacts> endpoints) {

    public TlsFacts {
        endpoints = List.copyOf(endpoints);
    }
}
