package dev.hardening.junit.assertions;

import static dev.hardening.junit.assertions.ShouldPassCheck.shouldPassCheck;

import java.util.List;
import java.util.function.Function;

import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractSoftAssertions;

import dev.hardening.core.HostCheck;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;

/**
 * Assertions on a host: navigate into a family ({@code ssh()}, {@code ports()}, ...) and assert there,
 * or assert that a check passes by its id. Every assertion made through one {@code HostAssert} shares
 * the host's facts, gathered once.
 */
public class HostAssert extends AbstractAssert<HostAssert, HostCheck> {
    /** Where family assertions report in soft mode; null when a failure throws at once. */
    private AbstractSoftAssertions softly;

    public HostAssert(HostCheck actual) {
        super(actual, HostAssert.class);
    }

    @CheckReturnValue
    public SshAssert ssh() {
        return navigate(SshAssert.class, HostCheck.SshChecks.class, HostCheck::ssh, SshAssert::new);
    }

    @CheckReturnValue
    public PortsAssert ports() {
        return navigate(PortsAssert.class, HostCheck.PortsChecks.class, HostCheck::ports, PortsAssert::new);
    }

    @CheckReturnValue
    public FirewallAssert firewall() {
        return navigate(FirewallAssert.class, HostCheck.FirewallChecks.class, HostCheck::firewall, FirewallAssert::new);
    }

    /** The TLS endpoint on {@code port} for {@code serverName} (sent as SNI and matched against the certificate). */
    @CheckReturnValue
    public TlsAssert tls(int port, String serverName) {
        return navigate(TlsAssert.class, HostCheck.TlsChecks.class, host -> host.tls(port, serverName), TlsAssert::new);
    }

    @CheckReturnValue
    public PackagesAssert packages() {
        return navigate(PackagesAssert.class, HostCheck.PackagesChecks.class, HostCheck::packages, PackagesAssert::new);
    }

    /**
     * The assertions of a family that is not built in, e.g. {@code assertThat(host).family(LoginBannerChecks::new,
     * LoginBannerChecks.class, LoginBannerAssert.class, LoginBannerAssert::new).hasBanner()}: the family's own
     * navigation and its own assert class, soft in soft mode like the built-in ones.
     */
    @CheckReturnValue
    public <F extends HostCheck.Family, A extends AbstractFamilyAssert<A, F>> A family(Function<HostCheck, F> entry,
            Class<F> familyType, Class<A> assertType, Function<F, A> assertions) {
        return navigate(assertType, familyType, entry, assertions);
    }

    /** The check with this id passes with the session's settings (the policy's, or the defaults). */
    public HostAssert passes(CheckId check) {
        isNotNull();
        List<Finding> findings = actual.run(check);
        if (!ShouldPassCheck.passed(findings)) {
            throwAssertionError(shouldPassCheck(actual.hostName(), check, findings));
        }
        return myself;
    }

    /** Makes family assertions collect their failures in {@code collector} instead of throwing. */
    final HostAssert collectingInto(AbstractSoftAssertions collector) {
        this.softly = collector;
        return this;
    }

    private <A extends AbstractAssert<A, F>, F> A navigate(Class<A> assertType, Class<F> familyType,
            Function<HostCheck, F> family, Function<F, A> direct) {
        isNotNull();
        F part = family.apply(actual);
        // AssertJ's soft proxy keeps only its own navigation methods soft, so ours hand over explicitly
        return softly == null ? direct.apply(part) : softly.proxy(assertType, familyType, part);
    }
}
