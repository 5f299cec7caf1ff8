package dev.hardening.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.core.host.HostException;

class KnownHostsFilesTest {
    private static final String LINE = "[127.0.0.1]:2222 ssh-ed25519 "
            + "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n";

    @Test
    void aFileNamedByManyHostsIsParsedOnceAndEachHostGetsItsOwnVerifier(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("known_hosts"), LINE);
        KnownHostsFiles files = KnownHostsFiles.perRun();

        var first = files.verification(file);
        Files.writeString(file, "");   // a second parse would now trust nothing
        var second = files.verification(dir.resolve("./known_hosts"));

        assertThat(files.parsedFiles()).isEqualTo(1);
        assertThat(second).isNotSameAs(first);
        assertThat(second.findExistingAlgorithms("127.0.0.1", 2222)).containsExactly("ssh-ed25519");
        assertThat(first.findExistingAlgorithms("127.0.0.1", 2222)).containsExactly("ssh-ed25519");
    }

    @Test
    void distinctFilesAreParsedOnceEach(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a"), LINE);
        Path b = Files.writeString(dir.resolve("b"), "");
        KnownHostsFiles files = KnownHostsFiles.perRun();
        for (int i = 0; i < 5; i++) {
            files.verification(a);
            files.verification(b);
        }
        assertThat(files.parsedFiles()).isEqualTo(2);
        assertThat(files.verification(b).findExistingAlgorithms("127.0.0.1", 2222)).isEmpty();
    }

    @Test
    void aMissingFileTrustsNothingAndIsNotRememberedAsParsed(@TempDir Path dir) throws Exception {
        KnownHostsFiles files = KnownHostsFiles.perRun();
        var verification = files.verification(dir.resolve("absent"));
        // a missing file is an empty one: the refusal says how to add the key to it (see KnownHostsTest)
        assertThat(verification.toString()).endsWith("absent");
        assertThat(verification.findExistingAlgorithms("127.0.0.1", 2222)).isEmpty();
        assertThat(files.parsedFiles()).isZero();
    }

    @Test
    void aFileThatIsNotTextIsAHostErrorNamingIt(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("known_hosts"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x0a});
        assertThatThrownBy(() -> KnownHostsFiles.perRun().verification(file)).isInstanceOf(HostException.class)
                .hasMessageStartingWith("cannot read known_hosts file " + file + ": ");
    }
}
