package dev.hardening.junit.assertions;

import static dev.hardening.junit.assertions.HardeningAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hardening.core.host.Host;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;

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

    @Test
    void hostTextInTheFailureMessageCannotRetitleTheTerminalOrForgeALine() {
        String hostile = "nginx\u001b]0;owned\u0007\u009b31m\n[ERROR] forged</script>]]>\ufffd";
        Finding finding = new Finding("web" + hostile, CheckId.PORTS_PRIVATE_ONLY, Status.FAIL, Severity.HIGH,
                "public port of " + hostile, List.of("process " + hostile), "stop " + hostile);

        String message = ShouldPassCheck.shouldPassCheck(finding.host(), finding.check(), List.of(finding)).create();

        assertThat(message.chars()).noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' || c >= 0x7f && c <= 0x9f);
        assertThat(message.lines()).noneMatch(l -> l.startsWith("[ERROR]")).hasSize(5);
        assertThat(message).contains("process nginx\\x1b]0;owned\\x07\\u009b31m\\n[ERROR] forged</script>]]>\ufffd");
    }
}
