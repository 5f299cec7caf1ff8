package dev.hardening.junit.assertions;

import static dev.hardening.junit.assertions.HardeningAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hardening.core.host.Host;
import dev.hardening.core.model.CheckId;

class HostAssertionsTest {

    @Test
    void aCheckThatReturnsNoFindingFailsToo() {
        String message = ShouldPassCheck.shouldPassCheck("web1", CheckId.SSH_KEY_ONLY, List.of()).create();

        assertThat(ShouldPassCheck.passed(List.of())).isFalse();
        assertThat(message).endsWith("but:" + System.lineSeparator()
                + "  it returned no finding at all, which is never a pass");
    }

    @Test
    void aNullHostFailsLikeAnyNullActual() {
        assertThatThrownBy(() -> assertThat((Host) null).ssh())
                .hasMessageContaining("Expecting actual not to be null");
    }
}
