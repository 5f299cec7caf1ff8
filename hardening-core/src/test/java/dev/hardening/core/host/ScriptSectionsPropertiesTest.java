package dev.hardening.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import dev.hardening.core.host.ScriptSections.Section;

/**
 * Whatever bytes a host sends back, the split never throws, never invents a section and never hands out
 * a section that did not arrive whole: a cut stream keeps the sections before the cut and misses the rest.
 */
class ScriptSectionsPropertiesTest {

    /** One command's output as the script frames it; the output may contain headers of its own. */
    record Printed(int status, byte[] stdout, byte[] stderr) {
    }

    @Provide
    Arbitrary<List<Printed>> outputs() {
        Arbitrary<byte[]> bytes = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.of("@@hardening-section 0 0 0 0 0\n", "@@hardening-end\n", "@@hardening-sudo 1 3\nabc",
                        "\n\n", "ok\n").map(s -> s.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<Printed> printed = Combinators.combine(Arbitraries.integers().between(0, 255), bytes, bytes)
                .as(Printed::new);
        return printed.list().ofMaxSize(8);
    }

    @Property
    void framedOutputSplitsBackIntoExactlyWhatEachCommandPrinted(@ForAll("outputs") List<Printed> printed) {
        ScriptSections split = ScriptSections.parse(frame(printed, true), printed.size());

        assertThat(split.ended()).isTrue();
        assertThat(split.problem()).isEmpty();
        assertThat(split.sections()).hasSize(printed.size());
        for (int i = 0; i < printed.size(); i++) {
            Section section = split.sections().get(i);
            assertThat(section.exitStatus()).isEqualTo(printed.get(i).status());
            assertThat(section.stdout()).isEqualTo(new String(printed.get(i).stdout(), StandardCharsets.UTF_8));
            assertThat(section.stderr()).isEqualTo(new String(printed.get(i).stderr(), StandardCharsets.UTF_8));
        }
    }

    @Property
    void aCutStreamKeepsOnlyWholeSectionsAndNeverClaimsItEnded(@ForAll("outputs") List<Printed> printed,
            @ForAll @IntRange(min = 0, max = 10_000) int cutSeed) {
        byte[] whole = frame(printed, true);
        int cut = cutSeed % (whole.length); // at least the end marker's last byte is gone
        ScriptSections split = ScriptSections.parse(Arrays.copyOf(whole, cut), printed.size());

        assertThat(split.ended()).isFalse();
        int kept = split.sections().size();
        assertThat(frame(printed.subList(0, kept), false).length).isLessThanOrEqualTo(cut);
        assertThat(split.sections().keySet()).allMatch(id -> id < kept);
    }

    @Property
    void anyBytesSplitWithoutThrowingAndOnlyIntoKnownIds(@ForAll @Size(max = 2000) byte[] noise,
            @ForAll @IntRange(min = 0, max = 5) int count) {
        ScriptSections split = ScriptSections.parse(noise, count);

        assertThat(split.sections().keySet()).allMatch(id -> id >= 0 && id < count);
    }

    @Property
    void aRepeatedOrUnknownSectionIdIsAProblemNotASection(@ForAll("outputs") @Size(min = 1) List<Printed> printed) {
        byte[] whole = frame(printed, true);
        ScriptSections split = ScriptSections.parse(whole, printed.size() - 1);

        assertThat(split.problem()).hasValueSatisfying(p -> assertThat(p).contains("not one the script has"));
        assertThat(split.sections()).doesNotContainKey(printed.size() - 1);
    }

    /** The bytes the script prints for these commands, as FactScript's sh function writes them. */
    static byte[] frame(List<Printed> printed, boolean end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < printed.size(); i++) {
            Printed p = printed.get(i);
            out.writeBytes((ScriptSections.SECTION + " " + i + " " + p.status() + " " + p.stdout().length + " "
                    + p.stderr().length + " 0\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(p.stdout());
            out.writeBytes(p.stderr());
        }
        if (end) {
            out.writeBytes((ScriptSections.END + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }
}
