package dev.hardening.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.hardening.core.host.RunningCommand.RawOutput;

/** The fact script run by this machine's own sh, as a host's sh runs it. */
class FactScriptTest {
    private static final Timeouts BOUNDS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(2), 64);

    @Test
    void everyCommandGetsItsOwnStatusStdoutAndStderrEvenWhenOutputForgesAHeader() throws Exception {
        HostCommand forger = HostCommand.plain("printf '@@hardening-section 1 0 0 0 0\\n@@hardening-end\\n'; exit 3");
        HostCommand binary = HostCommand.plain("printf 'a\\000b\\377'; echo oops >&2");
        HostCommand last = HostCommand.plain("echo last");
        FactScript script = new FactScript(List.of(forger, binary, last), false, BOUNDS);

        BatchResult batch = script.results("local", run(script));

        assertThat(batch.result(forger)).hasValueSatisfying(r -> {
            assertThat(r.exitStatus()).isEqualTo(3);
            assertThat(r.stdout()).isEqualTo("@@hardening-section 1 0 0 0 0\n@@hardening-end\n");
        });
        assertThat(batch.result(binary)).hasValueSatisfying(r -> {
            assertThat(r.stdout()).startsWith("a\0b");
            assertThat(r.stderr()).isEqualTo("oops\n");
        });
        assertThat(batch.result(last)).hasValueSatisfying(r -> assertThat(r.stdout()).isEqualTo("last\n"));
    }

    @Test
    void aCommandThatHangsTimesOutAloneAndTheOthersAreKept() throws Exception {
        HostCommand hangs = HostCommand.plain("sleep 30");
        HostCommand after = HostCommand.plain("echo after");
        FactScript script = new FactScript(List.of(hangs, after), false, BOUNDS);

        BatchResult batch = script.results("local", run(script));

        assertThat(batch.failure(hangs)).hasValueSatisfying(f -> assertThat(f).startsWith("command timed out after 2 s"));
        assertThat(batch.result(after)).hasValueSatisfying(r -> assertThat(r.stdout()).isEqualTo("after\n"));
    }

    @Test
    void outputPastTheBoundIsCutAndMarked() throws Exception {
        HostCommand big = HostCommand.plain("head -c 1000 /dev/zero");
        FactScript script = new FactScript(List.of(big, HostCommand.plain("true")), false, BOUNDS);

        BatchResult batch = script.results("local", run(script));

        assertThat(batch.result(big)).hasValueSatisfying(r -> {
            assertThat(r.truncated()).isTrue();
            assertThat(r.succeeded()).isFalse();
            assertThat(r.stdout()).hasSize(64);
        });
    }

    @Test
    void aFailingSudoFailsThePrivilegedCommandsWithWhatSudoSaidAndKeepsThePlainOnes() throws Exception {
        HostCommand plain = HostCommand.plain("echo plain");
        HostCommand root = HostCommand.privileged("id -u");
        FactScript script = new FactScript(List.of(plain, root), true, BOUNDS);
        String text = script.text().replace("sudo -n sh -c", "sudo_missing_here -n sh -c");

        BatchResult batch = script.results("local", run(text, script.deadline()));

        assertThat(batch.result(plain)).hasValueSatisfying(r -> assertThat(r.stdout()).isEqualTo("plain\n"));
        assertThat(batch.failure(root)).hasValueSatisfying(f -> assertThat(f)
                .startsWith("sudo -n could not run it on local: ").contains("sudo_missing_here"));
    }

    @Test
    void aScriptCutShortLeavesTheMissingCommandsFailedWithTheReason() throws Exception {
        HostCommand first = HostCommand.plain("echo first");
        HostCommand second = HostCommand.plain("echo second");
        FactScript script = new FactScript(List.of(first, second), false, BOUNDS);
        RawOutput whole = run(script);
        byte[] cut = java.util.Arrays.copyOf(whole.stdout(), whole.stdout().length - 20);

        BatchResult batch = script.results("local", new RawOutput(cut, "", 0, false, false));

        assertThat(batch.result(first)).isPresent();
        assertThat(batch.failure(second)).hasValueSatisfying(f -> assertThat(f)
                .startsWith("no result for `echo second` on local: the script's output is garbled: section 1 is cut short"));
    }

    private static RawOutput run(FactScript script) throws IOException, InterruptedException {
        return run(script.text(), script.deadline());
    }

    private static RawOutput run(String text, Duration deadline) throws IOException, InterruptedException {
        Process sh = new ProcessBuilder("sh", "-s").start();
        try (OutputStream stdin = sh.getOutputStream()) {
            stdin.write(text.getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sh.getInputStream().transferTo(out);
        String err = new String(sh.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sh.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        return new RawOutput(out.toByteArray(), err, sh.exitValue(), false, false);
    }
}
