package dev.hardening.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.hardening.core.family.CheckFamily;

/**
 * A test class about real hosts. Its test and lifecycle methods take the hosts as parameters:
 * {@code @TargetHost("web1") Host web1} (a host of the policy), {@code @TargetHost("local") Host local}
 * (this machine), a {@code HostCheck} instead of the {@code Host} to share facts between tests, or the
 * {@code Policy} itself (e.g. for {@link HardeningMatrix}). Each host is connected to once per test
 * class, on first use, and disconnected after the class.
 *
 * <p>The policy file is the {@code hardening.policy} system property or JUnit configuration parameter
 * when set (so one class can be pointed at staging or production), else {@link #policy()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(HardeningExtension.class)
public @interface HardeningTest {

    /** The policy file (YAML, as for the Maven goal), relative to the working directory; empty: none. */
    String policy() default "";

    /**
     * Check families to add to those found on the class path (through {@code META-INF/services}), each a
     * public class with a public no-argument constructor.
     */
    Class<? extends CheckFamily<?>>[] families() default {};
}
