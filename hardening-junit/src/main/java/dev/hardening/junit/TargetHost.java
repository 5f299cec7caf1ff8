package dev.hardening.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Which host a {@code Host} or {@code HostCheck} parameter of a {@link HardeningTest} is: the name of a
 * host in the policy, or {@code "local"} for the machine running the tests (no policy needed).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TargetHost {

    String value();
}
