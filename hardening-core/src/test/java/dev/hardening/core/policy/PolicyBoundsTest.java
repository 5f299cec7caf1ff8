package dev.hardening.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.core.family.FamilyRegistry;

/** Policies an attacker or an accident could write: refused quickly, at the line that is wrong. */
class PolicyBoundsTest {
    @TempDir
    Path dir;

    @Test
    void aFiftyMegabytePolicyIsRefusedBeforeParsing() throws Exception {
        Path huge = dir.resolve("policy.yaml");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(50L << 20);
        }
        long start = System.nanoTime();

        String message = error(huge);

        assertThat(message).isEqualTo(huge + ": the policy file has 52428800 bytes, more than the 1 MiB a policy may "
                + "have; it was not parsed");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void anAliasBombNeverExpands() throws Exception {
        StringBuilder bomb = new StringBuilder("hosts:\n  - address: local\n    tls:\n      - &a [x, x, x, x, x, x, x, x, x]\n");
        for (char level = 'b'; level <= 'j'; level++) {
            char previous = (char) (level - 1);
            bomb.append("      - &").append(level).append(" [").append(("*" + previous + ", ").repeat(8))
                    .append('*').append(previous).append("]\n");
        }
        long start = System.nanoTime();

        assertThat(error(write(bomb.toString()))).contains(":4:").contains("tls[0]");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void nestingDeeperThanAPolicyNeedsIsRefusedQuicklyAtItsLine() throws Exception {
        String deep = "hosts: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
        long start = System.nanoTime();

        assertThat(error(write(deep))).contains("policy.yaml:1:");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anInvalidServerNameIsAPolicyErrorAtItsLine() throws Exception {
        Path policy = write("hosts:\n  - address: 198.18.0.2\n    tls:\n      - port: 443\n        serverName: \"web 1!\"\n");

        assertThat(error(policy)).startsWith(policy + ":5:21: serverName must be the DNS name clients use (or an IP "
                + "address), got 'web 1!'");
    }

    @Test
    void aServerNameWithASchemeSaysSo() throws Exception {
        Path policy = write("hosts:\n  - address: 198.18.0.2\n    tls:\n      - port: 443\n        serverName: "
                + "https://web1.example.com\n");

        assertThat(error(policy)).contains(":5:21: ").contains("has a scheme (https://); give only the host name");
    }

    @Test
    void aServerNameNoTlsClientCanSendIsRefused() throws Exception {
        Path policy = write("hosts:\n  - address: 198.18.0.2\n    tls:\n      - port: 443\n        serverName: api_1.corp\n");

        assertThat(error(policy)).contains(":5:21: ", "got 'api_1.corp'", "not a DNS host name a TLS client can send");
    }

    @Test
    void anAddressWithAPortSaysWhereThePortGoes() throws Exception {
        Path policy = write("hosts:\n  - name: web1\n    address: web1.example.com:2222\n");

        assertThat(error(policy)).isEqualTo(policy + ":3:14: address must be an IP address, a DNS host name or "
                + "\"local\", got 'web1.example.com:2222': it has a port; write the name alone and the port as port: 2222");
    }

    @Test
    void anAddressWithASchemeSaysSo() throws Exception {
        Path policy = write("hosts:\n  - name: web1\n    address: ssh://web1.example.com\n");

        assertThat(error(policy)).endsWith("it has a scheme (ssh://); give only the host name");
    }

    @Test
    void ipAddressesAndHostNamesStillLoad() throws Exception {
        Path policy = write("hosts:\n  - address: 198.18.0.2\n  - address: \"fd00::2\"\n  - address: web-1.example.com\n"
                + "    tls:\n      - port: 443\n        serverName: 198.18.0.3\n      - port: 8443\n"
                + "        serverName: api.corp\n");

        assertThat(PolicyLoader.load(policy, FamilyRegistry.discover()).hosts()).hasSize(3);
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("policy.yaml"), yaml);
    }

    private static String error(Path policy) {
        PolicyException e = catchThrowableOfType(PolicyException.class,
                () -> PolicyLoader.load(policy, FamilyRegistry.discover()));
        assertThat(e).isNotNull();
        return e.getMessage();
    }
}
