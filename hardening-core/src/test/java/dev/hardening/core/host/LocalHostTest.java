package dev.hardening.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LocalHostTest {
    private static final Timeouts FAST = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), 1 << 16);

    private final LocalHost host = new LocalHost("here", false, FAST);

    @Test
    void runsAShellCommandLineAndCapturesBothStreamsAndTheExitStatus() throws Exception {
        CommandResult result = host.run("echo out; echo err >&2; x=\"a b\"; echo \"$x\" | tr ' ' _; exit 3");

        assertThat(result.command()).isEqualTo("echo out; echo err >&2; x=\"a b\"; echo \"$x\" | tr ' ' _; exit 3");
        assertThat(result.exitStatus()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\na_b\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.truncated()).isFalse();
        assertThat(result.succeeded()).isFalse();
        assertThat(result.firstErrorLine()).isEqualTo("err");
    }

    @Test
    void aSuccessfulCommandSucceeds() throws Exception {
        CommandResult result = host.run("printf '%s' \"$((6 * 7))\"");

        assertThat(result.exitStatus()).isZero();
        assertThat(result.stdout()).isEqualTo("42");
        assertThat(result.succeeded()).isTrue();
    }

    @Test
    void aMissingCommandIsAnExitStatusNotAnException() throws Exception {
        CommandResult result = host.run("no-such-command-here --version");

        assertThat(result.exitStatus()).isEqualTo(127);
        assertThat(result.firstErrorLine()).contains("no-such-command-here");
    }

    @Test
    void commandsReadNothingFromStandardInput() throws Exception {
        CommandResult result = host.run("cat; echo done");

        assertThat(result.stdout()).isEqualTo("done\n");
    }

    @Test
    void outputBeyondTheBoundIsCutAndMarkedTruncated() throws Exception {
        LocalHost tiny = new LocalHost("tiny", false, new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), 16));

        CommandResult result = tiny.run("head -c 1000000 /dev/zero | tr '\\0' a; echo tail >&2");

        assertThat(result.stdout()).isEqualTo("a".repeat(16));
        assertThat(result.stderr()).isEqualTo("tail\n");
        assertThat(result.truncated()).isTrue();
        assertThat(result.exitStatus()).isZero();
        assertThat(result.succeeded()).as("a cut output is not a success").isFalse();
    }

    @Test
    void aCommandThatRunsTooLongIsStoppedWithAnExceptionNamingTheTimeout() {
        LocalHost impatient = new LocalHost("impatient", false,
                new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(1), 1024));
        long start = System.nanoTime();

        assertThatThrownBy(() -> impatient.run("sleep 60"))
                .isInstanceOf(HostException.class)
                .hasMessage("command timed out after 1 s on impatient: sleep 60");
        // stopped long before the command would have ended; the margin allows for a loaded machine
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void withoutSudoPrivilegedCommandsRunAsTheUser() throws Exception {
        assertThat(host.usesSudo()).isFalse();
        assertThat(host.runPrivileged("id -un").stdout().strip()).isEqualTo(System.getProperty("user.name"));
        assertThat(host.name()).isEqualTo("here");
    }

    @Test
    void sudoIsUsedOnlyWhenAskedAndNotAlreadyRoot() {
        boolean root = "root".equals(System.getProperty("user.name"));

        assertThat(new LocalHost("s", true, FAST).usesSudo()).isEqualTo(!root);
        assertThat(Shell.viaSudo("cat /etc/shadow")).isEqualTo("sudo -n sh -c 'cat /etc/shadow'");
    }

    @Test
    void shellQuotingDeliversAnyWordUnchanged() throws Exception {
        String word = "it's $HOME `id` \"q\" \\ ; | & * ?";

        assertThat(host.run("printf '%s' " + Shell.quote(word)).stdout()).isEqualTo(word);
    }

    @Test
    void timeoutsMustBePositive() {
        assertThatThrownBy(() -> new Timeouts(Duration.ZERO, Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeouts must be positive");
        assertThatThrownBy(() -> new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(-1), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeouts must be positive");
        assertThatThrownBy(() -> new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxOutputBytes must be positive");
    }
}
