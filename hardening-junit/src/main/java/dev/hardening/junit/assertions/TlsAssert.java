package dev.hardening.junit.assertions;

import java.time.Duration;

import dev.hardening.core.HostCheck;
import dev.hardening.core.model.CheckId;

/** Assertions on one TLS endpoint of a host ({@code tls.*}). */
public class TlsAssert extends AbstractFamilyAssert<TlsAssert, HostCheck.TlsChecks> {

    public TlsAssert(HostCheck.TlsChecks actual) {
        super(actual, TlsAssert.class);
    }

    /** {@code tls.chain}: a complete chain to a trusted anchor, matching the server name, not about to expire. */
    public TlsAssert hasValidChain() {
        return passes(CheckId.TLS_CHAIN, HostCheck.TlsChecks::chain);
    }

    /** {@code tls.chain}, with the certificate valid for at least {@code validity} from now (whole days, rounded up). */
    public TlsAssert isValidForAtLeast(Duration validity) {
        return passes(CheckId.TLS_CHAIN, tls -> tls.chain(validity));
    }

    /** {@code tls.protocols}: nothing older than TLS 1.2 is accepted. */
    public TlsAssert acceptsNoLegacyProtocols() {
        return passes(CheckId.TLS_PROTOCOLS, HostCheck.TlsChecks::protocols);
    }

    /** {@code tls.protocols}: nothing older than {@code minProtocol} ({@code TLSv1.2}, {@code TLSv1.3}) is accepted. */
    public TlsAssert acceptsNothingOlderThan(String minProtocol) {
        return passes(CheckId.TLS_PROTOCOLS, tls -> tls.protocols(minProtocol));
    }
}
