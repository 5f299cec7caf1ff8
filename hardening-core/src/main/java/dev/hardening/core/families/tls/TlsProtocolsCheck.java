package dev.hardening.core.families.tls;

import java.util.ArrayList;
import java.util.List;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.tls.ProtocolProbe;
import dev.hardening.core.facts.tls.TlsEndpointFacts;
import dev.hardening.core.facts.tls.TlsFacts;
import dev.hardening.core.facts.tls.TlsProtocol;
import dev.hardening.core.family.FactCheck;
import dev.hardening.core.family.FindingFactory;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.TlsChecksConfig;

/**
 * {@code tls.protocols}: no TLS endpoint of a host accepts a protocol version older than
 * {@code minProtocol}, proven by offering each version on its own.
 */
public final class TlsProtocolsCheck extends FactCheck<TlsFacts> {
    public TlsProtocolsCheck() {
        super(CheckId.TLS_PROTOCOLS, Severity.MEDIUM, TlsFacts.KEY);
    }

    @Override
    public boolean enabled(ChecksConfig config) {
        return config.get(TlsChecksConfig.KEY).enabled();
    }

    @Override
    protected List<Finding> judge(TlsFacts tls, FindingFactory findings, ChecksConfig config) {
        TlsProtocol minimum = TlsProtocol.fromPolicyName(config.get(TlsChecksConfig.KEY).minProtocol()).orElseThrow();
        List<Finding> results = new ArrayList<>();
        for (TlsEndpointFacts endpoint : tls.endpoints()) {
            Fact<List<ProtocolProbe>> protocols = endpoint.protocols();
            if (protocols instanceof Fact.Known<List<ProtocolProbe>> probes) {
                results.add(judge(findings, endpoint, probes.value(), minimum));
            } else if (protocols instanceof Fact.Unknown<?>) {
                results.add(findings.unavailable(protocols));
            }
        }
        return results.isEmpty()
                ? List.of(findings.skipped("the policy lists only certificate files for this host, no TLS port"))
                : results;
    }

    private static Finding judge(FindingFactory findings, TlsEndpointFacts endpoint, List<ProtocolProbe> probes,
            TlsProtocol minimum) {
        List<String> evidence = probes.stream().map(ProtocolProbe::describe).toList();
        List<TlsProtocol> tooOld = probes.stream().filter(p -> p instanceof ProtocolProbe.Accepted)
                .map(ProtocolProbe::protocol).filter(p -> p.isOlderThan(minimum)).toList();
        if (!tooOld.isEmpty()) {
            return findings.fail("the endpoint accepts " + names(tooOld) + ", older than the policy's minimum "
                    + minimum + "; " + endpoint.place(), evidence, "allow only " + minimum + " and newer, e.g. nginx "
                            + "`ssl_protocols " + allowed(minimum) + ";`, Apache `SSLProtocol -all " + allowed(minimum)
                                    .replace("TLS", "+TLS") + "`, then reload the server");
        }
        List<TlsProtocol> unclear = probes.stream().filter(p -> p instanceof ProtocolProbe.Inconclusive)
                .map(ProtocolProbe::protocol).filter(p -> p.isOlderThan(minimum)).toList();
        if (!unclear.isEmpty()) {
            return findings.error("could not tell whether the endpoint accepts " + names(unclear) + "; "
                    + endpoint.place(), evidence);
        }
        List<TlsProtocol> accepted = probes.stream().filter(p -> p instanceof ProtocolProbe.Accepted)
                .map(ProtocolProbe::protocol).toList();
        return findings.pass("the endpoint accepts only " + names(accepted) + " (policy minimum " + minimum + "); "
                + endpoint.place(), evidence);
    }

    private static String names(List<TlsProtocol> protocols) {
        return String.join(", ", protocols.stream().map(TlsProtocol::policyName).toList());
    }

    /** The versions from {@code minimum} on, space-separated as server configurations write them. */
    private static String allowed(TlsProtocol minimum) {
        List<String> names = new ArrayList<>();
        for (TlsProtocol p : TlsProtocol.values()) {
            if (!p.isOlderThan(minimum)) {
                names.add(p.policyName());
            }
        }
        return String.join(" ", names);
    }
}
