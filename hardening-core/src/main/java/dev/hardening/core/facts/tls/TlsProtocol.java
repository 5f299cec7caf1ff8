package dev.hardening.core.facts.tls;

import java.util.Arrays;
import java.util.Optional;

/** The protocol versions a TLS endpoint may accept, oldest first, named as in the policy and the JDK. */
public enum TlsProtocol {
    SSL_3("SSLv3"),
    TLS_1_0("TLSv1"),
    TLS_1_1("TLSv1.1"),
    TLS_1_2("TLSv1.2"),
    TLS_1_3("TLSv1.3");

    private final String policyName;

    TlsProtocol(String policyName) {
        this.policyName = policyName;
    }

    public String policyName() {
        return policyName;
    }

    public boolean isOlderThan(TlsProtocol other) {
        return compareTo(other) < 0;
    }

    public static Optional<TlsProtocol> fromPolicyName(String name) {
        return Arrays.stream(values()).filter(p -> p.policyName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return policyName;
    }
}
