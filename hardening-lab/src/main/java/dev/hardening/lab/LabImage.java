package dev.hardening.lab;

import java.util.Optional;

import com.github.dockerjava.api.exception.NotFoundException;
import org.testcontainers.DockerClientFactory;

/**
 * The locally built Debian image lab hosts run ({@code lab/build-image.sh} makes it with
 * debootstrap; nothing is ever pulled). Override the name with {@code -Dhardening.lab.image=...}.
 */
public final class LabImage {
    public static final String DEFAULT_NAME = "hardening-lab:bookworm-3";

    private LabImage() {
    }

    public static String name() {
        return System.getProperty("hardening.lab.image", DEFAULT_NAME);
    }

    /** Why lab hosts cannot start here, or empty when they can. */
    public static Optional<String> unavailableReason() {
        return unavailableReason(name(), "lab/build-image.sh");
    }

    /** Why hosts of the local image {@code image}, which {@code buildScript} makes, cannot start here; empty when they can. */
    public static Optional<String> unavailableReason(String image, String buildScript) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return Optional.of("no Docker engine reachable (start dockerd; .ci/run does it)");
        }
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return Optional.empty();
        } catch (NotFoundException e) {
            return Optional.of("lab image " + image + " is not built (run " + buildScript + "; .ci/run does it)");
        }
    }

    /** True where a missing lab must fail the tests instead of skipping them (CI, or when asked to). */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI"))
                || "true".equalsIgnoreCase(System.getenv("HARDENING_LAB_REQUIRED"))
                || Boolean.getBoolean("hardening.lab.required");
    }
}
