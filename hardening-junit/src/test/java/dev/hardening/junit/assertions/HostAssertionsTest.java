package dev.hardening.junit.assertions;

import static dev.hardening.junit.assertions.HardeningAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.hardening.core.checks.Checks;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.LocalHost;
import dev.hardening.core.model.CheckId;

class HostAssertionsTest {

    @Test
    void aCheckThisVersionLacksFailsTheAssertionSayingSoAndNeverPasses() {
        // every contract id is implemented once all families are merged; until then one of them proves this
        Optional<CheckId> missing = Arrays.stream(CheckId.values())
                .filter(id -> Checks.all().stream().noneMatch(c -> c.id() == id)).findFirst();
        assumeTrue(missing.isPresent(), "every check id has an implementation");
        CheckId id = missing.get();

        try (Host local = LocalHost.create()) {
            assertThatThrownBy(() -> assertThat(local).passes(id)).isInstanceOf(AssertionError.class)
                    .hasMessage(String.join(System.lineSeparator(),
                            "",
                            "Expecting host local to pass " + id + " (" + id.title() + "), but:",
                            "  ERROR (HIGH) check " + id + " is not available in this version",
                            "    fix: use a hardening version that implements " + id));
        }
    }

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
