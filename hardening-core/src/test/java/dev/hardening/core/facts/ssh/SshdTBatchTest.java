package dev.hardening.core.facts.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.core.Fixtures;

class SshdTBatchTest {
    static final String DEPLOY = "user=deploy,host=gw.example,addr=192.0.2.10,laddr=172.17.0.2,lport=22";
    static final String ROOT_10 = "user=root,host=gw.example,addr=10.0.0.1,laddr=172.17.0.2,lport=22";

    @TempDir
    Path dir;

    @Test
    void theCommandQuotesEverySpecAsOneShellWord() {
        String command = SshdTBatch.command(List.of(), List.of(DEPLOY, "user=o'brien,host=x"));

        assertThat(command).startsWith("PATH=\"$PATH:/usr/sbin:/sbin\"; for spec in '" + DEPLOY + "' 'user=o'\"'\"'brien,host=x';")
                .contains("sshd -T -C \"$spec\" 2>&1");
    }

    /** Runs the batch command with a fake sshd first on PATH that echoes the spec it was given. */
    @Test
    void specsReachSshdUnchangedEvenWithShellMetacharacters() throws Exception {
        List<String> specs = List.of(DEPLOY, "user=o'brien,host=gw.example", "user=$(touch PWNED),host=`touch PWNED2`",
                "user=a  b;c|d&e,host=*", "user=\"q\",host=$HOME");
        String output = runWithFakeSshd(SshdTBatch.command(List.of(), specs));

        List<SshdTBatch.Answer> answers = SshdTBatch.parse(output, specs.size());

        assertThat(answers).extracting(SshdTBatch.Answer::spec).containsExactlyElementsOf(specs);
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.exitStatus()).isZero();
            SshdSettings settings = SshdTParser.parse(a.output());
            assertThat(settings.first("versionaddendum")).contains(a.spec());
        });
        assertThat(dir.resolve("PWNED")).doesNotExist();
        assertThat(dir.resolve("PWNED2")).doesNotExist();
    }

    @Test
    void aSpecSshdRefusesGivesItsExitStatusAndMessage() throws Exception {
        String output = runWithFakeSshd(SshdTBatch.command(List.of(), List.of(DEPLOY, "nosuch=1", ROOT_10)));

        List<SshdTBatch.Answer> answers = SshdTBatch.parse(output, 3);

        assertThat(answers).extracting(SshdTBatch.Answer::exitStatus).containsExactly(0, 1, 0);
        assertThat(answers.get(1).output()).isEqualTo("Invalid test mode specification nosuch=1\n");
    }

    @Test
    void aRealLookingBatchSplitsIntoOneAnswerPerSpec() {
        String deployOut = Fixtures.sshd("hardened-match-user-deploy.sshd-T-C-user-deploy.txt");
        String rootOut = Fixtures.sshd("hardened-match-user-deploy.sshd-T-C-addr-10.txt");
        String output = "@@hardening-spec " + DEPLOY + "\n" + deployOut + "@@hardening-exit 0\n"
                + "@@hardening-spec " + ROOT_10 + "\n" + rootOut + "@@hardening-exit 0\n"
                + "@@hardening-spec nosuch=1\nInvalid test mode specification nosuch=1\n@@hardening-exit 1\n";

        List<SshdTBatch.Answer> answers = SshdTBatch.parse(output, 3);

        assertThat(answers).hasSize(3);
        assertThat(answers.get(0)).isEqualTo(new SshdTBatch.Answer(DEPLOY, 0, deployOut));
        assertThat(answers.get(1)).isEqualTo(new SshdTBatch.Answer(ROOT_10, 0, rootOut));
        assertThat(SshdTParser.parse(answers.get(0).output()).first("passwordauthentication")).contains("yes");
        assertThat(SshdTParser.parse(answers.get(1).output()).first("permitrootlogin")).contains("yes");
        assertThat(answers.get(2).exitStatus()).isEqualTo(1);
    }

    @Test
    void linesBeforeTheFirstMarkAreIgnored() {
        String output = "Last login: never\n@@hardening-spec " + DEPLOY + "\nport 22\n@@hardening-exit 0\n";

        assertThat(SshdTBatch.parse(output, 1)).singleElement()
                .satisfies(a -> assertThat(a.output()).isEqualTo("port 22\n"));
    }

    @Test
    void fewerAnswersThanSpecsIsAnError() {
        String deployOut = Fixtures.sshd("hardened.sshd-T.txt");
        String oneAnswer = "@@hardening-spec " + DEPLOY + "\n" + deployOut + "@@hardening-exit 0\n";

        assertThatThrownBy(() -> SshdTBatch.parse(oneAnswer, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 2 sshd -T answers, got 1");
    }

    @Test
    void anAnswerCutOffBeforeItsExitMarkDoesNotCount() {
        String cut = "@@hardening-spec " + DEPLOY + "\nport 22\npermitrootl";

        assertThatThrownBy(() -> SshdTBatch.parse(cut, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 1 sshd -T answers, got 0");
    }

    @Test
    void sudoRefusingBeforeAnythingRanGivesNoAnswers() {
        String sudo = Fixtures.withoutExitStatus(Fixtures.sshd("sudo-n-no-sudoers.txt"));

        assertThatThrownBy(() -> SshdTBatch.parse(sudo, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 2 sshd -T answers, got 0");
    }

    @Test
    void moreAnswersThanSpecsIsAnError() {
        String two = "@@hardening-spec a\n@@hardening-exit 0\n@@hardening-spec b\n@@hardening-exit 0\n";

        assertThatThrownBy(() -> SshdTBatch.parse(two, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 1 sshd -T answers, got 2");
    }

    private String runWithFakeSshd(String command) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path sshd = bin.resolve("sshd");
        Files.writeString(sshd, """
                #!/bin/sh
                [ "$1" = "-T" ] && [ "$2" = "-C" ] || { echo "usage: sshd -T -C spec" >&2; exit 2; }
                case "$3" in
                  nosuch=*) echo "Invalid test mode specification $3" >&2; exit 1 ;;
                esac
                printf 'port 22\\npermitrootlogin no\\npasswordauthentication no\\nversionaddendum %s\\n' "$3"
                """);
        Files.setPosixFilePermissions(sshd, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
