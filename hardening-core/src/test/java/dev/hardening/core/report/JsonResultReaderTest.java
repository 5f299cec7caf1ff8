package dev.hardening.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.hardening.core.gate.GateResult;
import dev.hardening.core.gate.HostRun;
import dev.hardening.core.gate.Verdict;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;
import dev.hardening.core.model.Subject;

class JsonResultReaderTest {
    private static final List<CheckId> KNOWN = List.of(CheckId.SSH_KEY_ONLY, CheckId.SSH_ROOT_LOGIN,
            CheckId.PORTS_PRIVATE_ONLY, CheckId.FIREWALL_DEFAULT_DENY, CheckId.TLS_CHAIN, CheckId.PACKAGES_UP_TO_DATE);

    static final List<Finding> EVERY_SUBJECT = List.of(
            finding(CheckId.SSH_KEY_ONLY, Status.FAIL, new Subject.Setting("PasswordAuthentication", "yes",
                    Optional.of(new Subject.FileLine("/etc/ssh/sshd_config.d/50-cloud-init.conf", 0)))),
            finding(CheckId.SSH_ROOT_LOGIN, Status.PASS, Subject.HOST),
            finding(CheckId.PORTS_PRIVATE_ONLY, Status.WAIVED, new Subject.Port(8080, "tcp", "0.0.0.0")),
            finding(CheckId.FIREWALL_DEFAULT_DENY, Status.FAIL, new Subject.Rule("inet filter", "input", "handle 7")),
            finding(CheckId.TLS_CHAIN, Status.ERROR, new Subject.Certificate("web1:443", "CN=web1", "ab:cd")),
            finding(CheckId.PACKAGES_UP_TO_DATE, Status.FAIL, new Subject.Package("openssl", "3.0.1", "3.0.2")),
            finding(CheckId.of("custom.login-banner", "a banner"), Status.SKIPPED,
                    new Subject.FileLine("/etc/issue.net", 3)));

    private static Finding finding(CheckId id, Status status, Subject subject) {
        return new Finding("web1 \u001b[31m\"odd\"", id, status, Severity.HIGH, "message of " + id + "\nline two",
                List.of("evidence \u0000 one", "two"), "fix " + id, subject);
    }

    @Test
    void aReportReadsBackWithTheSameFindingsFingerprintsAndVerdict(@TempDir Path dir) throws IOException {
        Instant started = Instant.parse("2026-06-01T12:00:00.250Z");
        GateResult written = new GateResult(Verdict.FAILED, started, 1234, EVERY_SUBJECT,
                List.of("unused waiver: x on y matched no failure"), List.of(new HostRun(EVERY_SUBJECT.get(0).host(),
                        "192.0.2.1", Verdict.FAILED, started.plusMillis(3), 900, Optional.of("Debian GNU/Linux 12"),
                        Map.of(CheckId.SSH_KEY_ONLY, 12L))));
        Path file = JsonReport.write(written, dir);

        GateResult read = JsonResultReader.read(file, KNOWN);

        assertThat(read.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(read.durationMs()).isEqualTo(1234);
        assertThat(read.started()).isEqualTo(started);
        assertThat(read.hosts()).isEqualTo(written.hosts());
        assertThat(read.waiverNotes()).isEqualTo(written.waiverNotes());
        assertThat(read.findings()).extracting(Finding::fingerprint)
                .containsExactlyElementsOf(EVERY_SUBJECT.stream().map(Finding::fingerprint).toList());
        assertThat(read.findings()).extracting(f -> f.subject().fields())
                .containsExactlyElementsOf(EVERY_SUBJECT.stream().map(f -> f.subject().fields()).toList());
        for (int i = 0; i < EVERY_SUBJECT.size(); i++) {
            Finding expected = EVERY_SUBJECT.get(i);
            Finding actual = read.findings().get(i);
            assertThat(List.of(actual.host(), actual.check().id(), actual.status(), actual.severity(), actual.message(),
                    actual.evidence(), actual.remediation())).isEqualTo(List.of(expected.host(), expected.check().id(),
                            expected.status(), expected.severity(), expected.message(), expected.evidence(),
                            expected.remediation()));
        }
        assertThat(read.findings().get(0).check()).isSameAs(CheckId.SSH_KEY_ONLY);
        assertThat(JsonReport.render(read)).isEqualTo(JsonReport.render(written));
    }

    @Test
    void onlyErrorsReadBackAsAnErrorVerdict(@TempDir Path dir) throws IOException {
        Path file = JsonReport.write(new GateResult(false, 5, List.of(EVERY_SUBJECT.get(4)), List.of()), dir);
        assertThat(JsonResultReader.read(file, KNOWN).verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void fieldsItDoesNotKnowAreIgnoredAndHostRunsAreReadWhenPresent(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("hardening.json"), """
                {"schemaVersion":1,"schemaMinorVersion":7,"passed":true,"durationMs":40,"newTopLevel":{"a":[1]},
                 "run":{"started":"2026-06-01T12:00:00Z","toolVersion":"9.9"},
                 "results":[{"host":"web1","check":"ssh.key-only","status":"PASS","severity":"HIGH","message":"ok",
                   "evidence":[],"remediation":"","subject":{"kind":"host","extra":"x"},"fingerprint":"f","durationMs":3}],
                 "hosts":[{"host":"web1","address":"192.0.2.1","verdict":"PASSED","started":"2026-06-01T12:00:00.5Z",
                   "durationMs":30,"os":"Debian GNU/Linux 12","checks":[{"check":"ssh.key-only","status":"PASS",
                   "durationMs":12},{"check":"tls.chain","status":null,"durationMs":null}],"later":true}],
                 "groups":[]}
                """);

        GateResult read = JsonResultReader.read(file, KNOWN);

        assertThat(read.passed()).isTrue();
        assertThat(read.started()).isEqualTo(Instant.parse("2026-06-01T12:00:00Z"));
        assertThat(read.hosts()).singleElement().satisfies(h -> {
            assertThat(h.host()).isEqualTo("web1");
            assertThat(h.durationMs()).isEqualTo(30);
            assertThat(h.os()).contains("Debian GNU/Linux 12");
            assertThat(h.checkDurationsMs()).isEqualTo(Map.of(CheckId.SSH_KEY_ONLY, 12L));
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"schemaVersion\":1,\"passed\":true,\"durationMs\":1} | $.results: missing",
        "[] | $: expected a JSON object (a hardening.json written by hardening:verify)",
        "{\"schemaVersion\":2,\"passed\":true,\"durationMs\":1,\"results\":[]} | $.schemaVersion: version 2 is not read by"
                + " this version of hardening (it reads version 1); merge with the plugin version that wrote the report",
        "{\"schemaVersion\":1,\"passed\":\"yes\",\"durationMs\":1,\"results\":[]} | $.passed: expected true or false, "
                + "found \"yes\"",
        "{\"schemaVersion\":1,\"passed\":true,\"durationMs\":-3,\"results\":[]} | $.durationMs: expected a whole number "
                + "of milliseconds, found -3",
        "{\"schemaVersion\":1,\"passed\":true,\"durationMs\":1,\"results\":{}} | $.results: expected an array, found {}",
        "{\"schemaVersion\":1,\"passed\":true,\"durationMs\":1,\"results\":[{\"host\":\"w\",\"check\":\"ssh.key-only\","
                + "\"status\":\"MAYBE\",\"severity\":\"HIGH\",\"message\":\"m\",\"evidence\":[]}]} | $.results[0].status: "
                + "'MAYBE' is not one of PASS, FAIL, ERROR, WAIVED, SKIPPED",
        "{\"schemaVersion\":1,\"passed\":true,\"durationMs\":1,\"results\":[{\"host\":\"w\",\"check\":\"Not An Id\","
                + "\"status\":\"PASS\",\"severity\":\"HIGH\",\"message\":\"m\",\"evidence\":[]}]} | $.results[0].check: "
                + "check id 'Not An Id' must be lower-case words joined by dots, such as custom.login-banner",
        "{\"schemaVersion\":1,\"passed\":true,\"durationMs\":1,\"results\":[{\"host\":\"w\",\"check\":\"ssh.key-only\","
                + "\"status\":\"PASS\",\"severity\":\"HIGH\",\"message\":\"m\",\"evidence\":[1]}]} | "
                + "$.results[0].evidence[0]: expected a string, found 1",
        "{\"schemaVersion\":1,\"passed\":true,\"durationMs\":1,\"results\":[{\"host\":\"w\",\"check\":\"ssh.key-only\","
                + "\"status\":\"PASS\",\"severity\":\"HIGH\",\"message\":\"m\",\"evidence\":[],\"subject\":{\"kind\":"
                + "\"planet\"}}]} | $.results[0].subject.kind: unknown subject kind 'planet' (this version knows host, "
                + "port, file, package, certificate, rule and setting); merge with the plugin version that wrote the report",
        "{\"schemaVersion\":1,\"passed\":true,\"durationMs\":1,\"results\":[{\"host\":\"w\",\"check\":\"ssh.key-only\","
                + "\"status\":\"PASS\",\"severity\":\"HIGH\",\"message\":\"m\",\"evidence\":[],\"subject\":{\"kind\":"
                + "\"port\",\"port\":\"http\"}}]} | $.results[0].subject.port: 'http' is not PORT/PROTOCOL such as 8080/tcp",
    })
    void badInputIsAnErrorNamingTheFileAndWhereInIt(String json, String message, @TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("hardening.json"), json);
        assertThatThrownBy(() -> JsonResultReader.read(file, KNOWN)).isInstanceOf(IOException.class)
                .hasMessage(file + ": " + message);
    }

    @Test
    void textThatIsNotJsonIsAnErrorWithLineAndColumn(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("hardening.json"), "{\"schemaVersion\":1,\n  \"passed\": tru }");
        assertThatThrownBy(() -> JsonResultReader.read(file, KNOWN)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ":2:").hasMessageContaining("not a hardening.json, the JSON does not parse")
                .hasMessageNotContaining("Source");
    }

    @Test
    void aMissingFileIsAnIoError(@TempDir Path dir) {
        assertThatThrownBy(() -> JsonResultReader.read(dir.resolve("absent.json"), KNOWN))
                .isInstanceOf(IOException.class).hasMessageContaining("absent.json");
    }
}
