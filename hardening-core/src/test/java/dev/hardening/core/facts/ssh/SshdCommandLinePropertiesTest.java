package dev.hardening.core.facts.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Whatever /proc holds, the command line parser answers or says it cannot: no other exception, no guess. */
class SshdCommandLinePropertiesTest {
    private static final byte[] RESCUE = SshdCommandLineTest.fixture("listener-rescue.cmdline");

    @Property
    void anyBytesGiveAnAnswerOrTheParsersOwnRefusal(@ForAll @Size(max = 2000) byte[] cmdline) {
        parseOrRefuse(cmdline);
    }

    @Property
    void argvOfSshdOptionsInAnyOrderGivesAnAnswerOrTheParsersOwnRefusal(@ForAll("sshdArgv") String argv) {
        parseOrRefuse(argv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Property
    void aRescueTitleCutAnywhereIsNeverReadAsTheDefaultConfiguration(@ForAll("cuts") int cut) {
        Optional<SshdCommandLine> line = parseOrRefuse(Arrays.copyOf(RESCUE, cut));

        line.ifPresent(l -> assertThat(l.configFile()).contains("/etc/ssh/rescue.conf"));
    }

    @Property(tries = 20)
    void aHugeCommandLineIsRefusedNotRead(@ForAll("huge") byte[] cmdline) {
        assertThat(parseOrRefuse(cmdline)).isEmpty();
    }

    private static Optional<SshdCommandLine> parseOrRefuse(byte[] cmdline) {
        try {
            return SshdCommandLine.parse(cmdline);
        } catch (SshdCommandLine.UnreadableCommandLine refused) {
            assertThat(refused.getMessage()).isNotBlank().doesNotContain("\0").doesNotContain("\n");
            return Optional.empty();
        }
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, RESCUE.length);
    }

    @Provide
    Arbitrary<String> sshdArgv() {
        Arbitrary<String> word = Arbitraries.oneOf(Arbitraries.of("-f", "-p", "-o", "-D", "-i", "-e", "-h", "-T",
                        "-oPort=22", "-p99999", "Port=x", "-", "--", "-De", "/etc/ssh/x", "22"),
                Arbitraries.strings().ofMaxLength(12));
        return word.list().ofMaxSize(12).map(words -> "/usr/sbin/sshd\0" + String.join("\0", words));
    }

    @Provide
    Arbitrary<byte[]> huge() {
        return Arbitraries.integers().between(64 * 1024 + 1, 200_000).map(n -> {
            byte[] bytes = new byte[n];
            Arrays.fill(bytes, (byte) 'a');
            return bytes;
        });
    }
}
