package dev.hardening.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;

class MergedResultTest {
    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    private static final String UNUSED_EVERYWHERE = "unused waiver: ssh.key-only on * matching 'x' matched no failure";
    private static final String UNUSED_IN_ONE = "unused waiver: ports.private-only on web1 port 8080/tcp matched no failure";
    private static final String EXPIRED = "expired waiver: ports.private-only on web1 port 8080/tcp expired 2026-01-01 "
            + "and no longer applies";

    private static Finding finding(String host, Status status, Severity severity) {
        return new Finding(host, CheckId.SSH_KEY_ONLY, status, severity, "m", List.of(), "");
    }

    private static GateResult part(Instant started, long ms, List<String> notes, Finding... findings) {
        List<HostRun> runs = java.util.Arrays.stream(findings).map(Finding::host).distinct()
                .map(h -> new HostRun(h, "192.0.2.1", Verdict.PASSED, started, ms, Optional.empty(), Map.of())).toList();
        return new GateResult(Verdict.PASSED, started, ms, List.of(findings), notes, runs);
    }

    @Test
    void theMergedVerdictIsDecidedAnewOverEveryShardsFindingsUnderTheOptions() {
        GateResult a = part(T0, 1000, List.of(), finding("web1", Status.PASS, Severity.HIGH));
        GateResult b = part(T0.plusMillis(500), 2000, List.of(), finding("db1", Status.FAIL, Severity.LOW));

        GateResult strict = MergedResult.of(List.of(a, b), List.of("a", "b"), GateOptions.DEFAULT);
        GateResult lenient = MergedResult.of(List.of(a, b), List.of("a", "b"),
                GateOptions.DEFAULT.withFailOn(Severity.HIGH));

        assertThat(strict.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(lenient.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(strict.findings()).extracting(Finding::host).containsExactly("web1", "db1");
        assertThat(strict.hosts()).extracting(HostRun::host).containsExactly("web1", "db1");
        assertThat(strict.started()).isEqualTo(T0);
        assertThat(strict.durationMs()).as("from the first start to the last end").isEqualTo(2500);
    }

    @Test
    void anErrorInOneShardAndPassesElsewhereIsAnErrorVerdict() {
        GateResult a = part(T0, 10, List.of(), finding("web1", Status.ERROR, Severity.HIGH));
        GateResult b = part(T0, 10, List.of(), finding("db1", Status.PASS, Severity.HIGH));
        assertThat(MergedResult.of(List.of(a, b), List.of("a", "b"), GateOptions.DEFAULT).verdict())
                .isEqualTo(Verdict.ERROR);
    }

    @Test
    void aWaiverIsUnusedOnlyWhenNoShardUsedItAndOtherNotesAreKeptOnce() {
        GateResult a = part(T0, 10, List.of(UNUSED_EVERYWHERE, EXPIRED), finding("web1", Status.FAIL, Severity.LOW));
        GateResult b = part(T0, 10, List.of(UNUSED_EVERYWHERE, UNUSED_IN_ONE), finding("db1", Status.PASS, Severity.LOW));
        GateResult c = part(T0, 10, List.of(UNUSED_EVERYWHERE, UNUSED_IN_ONE, EXPIRED));

        assertThat(MergedResult.of(List.of(a, b, c), List.of("a", "b", "c"), GateOptions.DEFAULT).waiverNotes())
                .containsExactly(UNUSED_EVERYWHERE, EXPIRED);
    }

    @Test
    void aHostInTwoShardsIsAnErrorNamingBothFiles() {
        GateResult a = part(T0, 10, List.of(), finding("web1", Status.PASS, Severity.LOW));
        GateResult b = part(T0, 10, List.of(), finding("web1", Status.PASS, Severity.LOW));
        assertThatThrownBy(() -> MergedResult.of(List.of(a, b), List.of("s1/hardening.json", "s2/hardening.json"),
                GateOptions.DEFAULT)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(
                        "host 'web1' is in both s1/hardening.json and s2/hardening.json");
    }

    @Test
    void nothingToMergeIsAnError() {
        assertThatThrownBy(() -> MergedResult.of(List.of(), List.of(), GateOptions.DEFAULT))
                .hasMessage("nothing to merge: no result was given");
    }
}
