package dev.hardening.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class LabImageTest {

    @Test
    void harnessAndBuildScriptAndCiAgreeOnTheImageName() throws Exception {
        Path repo = Path.of("").toAbsolutePath().getParent();

        assertThat(Files.readString(repo.resolve("lab/build-image.sh")))
                .contains("IMAGE=\"${1:-" + LabImage.DEFAULT_NAME + "}\"");
        assertThat(Files.readString(repo.resolve(".ci/run")))
                .contains("LAB_IMAGE=\"${LAB_IMAGE:-" + LabImage.DEFAULT_NAME + "}\"");
    }
}
