package dev.hardening.core.facts.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/** The config dump as this machine's sh prints it, and what the parser makes of it and of anything else. */
class SshdConfigDumpTest {

    @Test
    void theMainFileAndEveryIncludedFileArriveWithTheirPatterns(@TempDir Path dir) throws Exception {
        Path drop = Files.createDirectories(dir.resolve("sshd_config.d"));
        Files.writeString(drop.resolve("10-a.conf"), "PasswordAuthentication no\n|looks like a content line\n");
        Files.writeString(drop.resolve("20-b.conf"), "Include " + dir.resolve("nested.conf") + "\n");
        Files.writeString(dir.resolve("nested.conf"), "@@file 0 /etc/forged\nPermitRootLogin no");
        Path main = Files.writeString(dir.resolve("sshd_config"), "Port 22\nInclude " + drop + "/*.conf\n");

        SshdConfigDump dump = SshdConfigDump.parse(sh(SshdConfigDump.command(main.toString())));

        assertThat(dump.files().get(main.toString()).text()).hasValue("Port 22\nInclude " + drop + "/*.conf\n");
        assertThat(dump.globs().get(drop + "/*.conf")).containsExactly(drop + "/10-a.conf", drop + "/20-b.conf");
        assertThat(dump.files().get(drop + "/10-a.conf").text())
                .hasValue("PasswordAuthentication no\n|looks like a content line\n");
        assertThat(dump.globs().get(dir.resolve("nested.conf").toString())).containsExactly(dir.resolve("nested.conf").toString());
        assertThat(dump.files().get(dir.resolve("nested.conf").toString()).text())
                .hasValue("@@file 0 /etc/forged\nPermitRootLogin no\n");
        assertThat(dump.files()).doesNotContainKey("/etc/forged");
    }

    @Test
    void aMissingFileIsUnreadableWithTheErrorCatGives(@TempDir Path dir) throws Exception {
        String missing = dir.resolve("absent").toString();

        SshdConfigDump dump = SshdConfigDump.parse(sh(SshdConfigDump.command(missing)));

        assertThat(dump.files().get(missing).text()).isEmpty();
        assertThat(dump.files().get(missing).error()).contains("No such file or directory");
    }

    @Test
    void aPatternMatchingNothingHasNoFiles(@TempDir Path dir) throws Exception {
        Path main = Files.writeString(dir.resolve("sshd_config"), "Include " + dir + "/none.d/*.conf\n");

        SshdConfigDump dump = SshdConfigDump.parse(sh(SshdConfigDump.command(main.toString())));

        assertThat(dump.globs().get(dir + "/none.d/*.conf")).isEmpty();
    }

    @Test
    void linesThatAreNotTheDumpAreRejectedNamingTheLine() {
        assertThatThrownBy(() -> SshdConfigDump.parse("|orphan\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config dump line 1 belongs to no file");
        assertThatThrownBy(() -> SshdConfigDump.parse("@@file 0 /a\n|x\nPort 22\n"))
                .hasMessage("config dump line 3 is not a header: 'Port 22'");
        assertThatThrownBy(() -> SshdConfigDump.parse("@@file 1 /a\n")).hasMessageContaining("included by no pattern");
    }

    @Property
    void anyTextIsADumpOrARejectionNeverAnotherException(@ForAll @StringLength(max = 300) String text) {
        try {
            SshdConfigDump dump = SshdConfigDump.parse(text);
            assertThat(dump.files()).isNotNull();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("config dump line ");
        }
    }

    private static String sh(String command) throws IOException, InterruptedException {
        Process sh = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sh.waitFor()).isZero();
        return out;
    }

}
