package dev.hardening.lab;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks tests that start lab hosts (of the Debian image, or of the one named). Where Docker or the lab image is missing they are skipped with
 * the reason, except in CI ({@code CI=true} or {@code HARDENING_LAB_REQUIRED=true}), where they fail.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LabCondition.class)
public @interface RequiresLab {

    /** The lab image the tests start hosts of. */
    enum Image {
        /** {@link LabImage}: Debian with apt. */
        DEBIAN,
        /** {@link RpmLabHost}: dnf and rpm on a Debian userland. */
        RPM
    }

    Image value() default Image.DEBIAN;
}
