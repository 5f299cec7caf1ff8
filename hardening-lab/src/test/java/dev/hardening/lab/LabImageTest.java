package dev.hardening.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class LabImageTest {

    @Test
    void harnessAndBuildScriptsAndCiAgreeOnTheImageNames() throws Exception {
        Path repo = Path.of("").toAbsolutePath().getParent();

        assertThat(Files.readString(repo.resolve("lab/build-image.sh")))
                .contains("IMAGE=\"${1:-" + LabImage.DEFAULT_NAME + "}\"");
        assertThat(Files.readString(repo.resolve(".ci/run")))
                .contains("LAB_IMAGE=\"${LAB_IMAGE:-" + LabImage.DEFAULT_NAME + "}\"")
                .contains("LAB_RPM_IMAGE=\"${LAB_RPM_IMAGE:-" + RpmLabHost.IMAGE + "}\"");
        assertThat(Files.readString(repo.resolve("lab/build-rpm-image.sh")))
                .contains("IMAGE=\"${1:-" + RpmLabHost.IMAGE + "}\"");
    }
}
