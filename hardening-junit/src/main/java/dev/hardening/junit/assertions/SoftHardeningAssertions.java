package dev.hardening.junit.assertions;

import java.util.function.Consumer;

import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;

import dev.hardening.core.Hardening;
import dev.hardening.core.HostCheck;
import dev.hardening.core.host.Host;

/**
 * Host assertions that collect every failure and report them together, so one test lists every
 * problem of a host:
 * <pre>{@code
 * SoftHardeningAssertions.assertSoftly(softly -> {
 *     softly.assertThat(host).ssh().isKeyOnly().hasRootLoginDisabled();
 *     softly.assertThat(host).ports().areBoundPrivatelyExcept("22/tcp");
 * });
 * }</pre>
 * Also usable with AssertJ's {@code SoftAssertionsExtension} ({@code @InjectSoftAssertions}).
 */
public class SoftHardeningAssertions extends AbstractSoftAssertions {

    public HostAssert assertThat(Host host) {
        return assertThat(host == null ? null : Hardening.check(host));
    }

    public HostAssert assertThat(HostCheck host) {
        return proxy(HostAssert.class, HostCheck.class, host).collectingInto(this);
    }

    /** Runs the assertions, then fails once with every failure they collected. */
    public static void assertSoftly(Consumer<SoftHardeningAssertions> assertions) {
        SoftAssertionsProvider.assertSoftly(SoftHardeningAssertions.class, assertions);
    }
}
