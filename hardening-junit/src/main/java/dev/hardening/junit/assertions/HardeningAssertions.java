package dev.hardening.junit.assertions;

import dev.hardening.core.Hardening;
import dev.hardening.core.HostCheck;
import dev.hardening.core.host.Host;

/**
 * Entry point of the host assertions:
 * <pre>{@code
 * assertThat(host).ssh().isKeyOnly().hasRootLoginDisabled();
 * assertThat(host).ports().areBoundPrivatelyExcept("22/tcp", "443/tcp");
 * assertThat(host).tls(443, "web1.example.com").hasValidChain().isValidForAtLeast(Duration.ofDays(14));
 * }</pre>
 * A failure message is the finding: what is wrong, the evidence and the fix. An ERROR (a fact that
 * could not be read, a check this version lacks) fails the assertion with its reason.
 */
public final class HardeningAssertions {
    private HardeningAssertions() {
    }

    /** Assertions on an open host with the default check settings; its facts are gathered once for this chain. */
    public static HostAssert assertThat(Host host) {
        return new HostAssert(host == null ? null : Hardening.check(host));
    }

    /** Assertions on a check session, sharing its facts with every other assertion on it. */
    public static HostAssert assertThat(HostCheck host) {
        return new HostAssert(host);
    }
}
