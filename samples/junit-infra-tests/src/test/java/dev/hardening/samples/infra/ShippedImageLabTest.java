package dev.hardening.samples.infra;

import static dev.hardening.junit.assertions.HardeningAssertions.assertThat;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

import dev.hardening.junit.ContainerHost;
import dev.hardening.lab.LabImage;
import dev.hardening.lab.RequiresLab;

/**
 * The image about to ship, checked before it ships: start it, assert on it through {@code docker exec}.
 * Here the image is the lab image with a hardening drop-in; in your project, name your own image.
 */
@RequiresLab
class ShippedImageLabTest {

    @Test
    void theImageShipsWithKeyOnlySshAndNoRootLogin() {
        try (GenericContainer<?> image = new GenericContainer<>(DockerImageName.parse(LabImage.name()))
                .withCopyToContainer(Transferable.of("PasswordAuthentication no\nKbdInteractiveAuthentication no\n"
                        + "PermitRootLogin no\n"), "/etc/ssh/sshd_config.d/00-hardening.conf")
                .withExposedPorts(22)
                .waitingFor(Wait.forLogMessage(".*Server listening on.*", 1))) {
            image.start();

            assertThat(ContainerHost.of(image)).ssh().isKeyOnly().hasRootLoginDisabled();
        }
    }
}
