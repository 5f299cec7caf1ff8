package dev.hardening.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.hardening.core.model.Severity;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.Policy;

/** A gate configured so that nothing can fail it says so before it runs. */
class GateCannotFailTest {
    private static final Policy LOCAL = new Policy(Optional.empty(), List.of(HostSpec.local()), ChecksConfig.DEFAULT,
            List.of());

    @Test
    void failOnCriticalWithoutFailOnErrorWarnsThatTheGateCannotFail() {
        Gate gate = new Gate(LOCAL, GateOptions.DEFAULT.withFailOn(Severity.CRITICAL).withFailOnError(false));

        assertThat(gate.cannotFailWarning()).get().asString()
                .startsWith("this gate cannot fail: failOnError is false and no enabled check has severity CRITICAL")
                .contains("ssh.key-only HIGH");
    }

    @Test
    void aGateThatFailsOnErrorsOrOnAnEnabledSeverityHasNoWarning() {
        assertThat(new Gate(LOCAL, GateOptions.DEFAULT.withFailOn(Severity.CRITICAL)).cannotFailWarning()).isEmpty();
        assertThat(new Gate(LOCAL, GateOptions.DEFAULT.withFailOn(Severity.HIGH).withFailOnError(false))
                .cannotFailWarning()).isEmpty();
    }
}
