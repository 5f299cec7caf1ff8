package dev.hardening.core.facts.tls;

import java.util.List;
import java.util.Optional;

import dev.hardening.core.facts.Fact;

/**
 * What was learnt about one {@code tls:} entry of a host: a network endpoint or a certificate file.
 *
 * @param place where the certificates come from, to end messages with, e.g. {@code served at
 *     198.18.0.2:443 (SNI web1.example.com)} or {@code in the file /etc/ssl/private/site.pem on web1}
 * @param expectedName the name the leaf certificate must carry in its SANs; empty for files
 * @param protocols one probe per protocol version; not applicable for files
 */
public record TlsEndpointFacts(String place, Optional<String> expectedName, Fact<ServedChain> chain,
        Fact<List<ProtocolProbe>> protocols) {
}
