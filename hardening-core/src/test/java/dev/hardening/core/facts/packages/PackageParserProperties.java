package dev.hardening.core.facts.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Hostile input for the apt, dnf and apk parsers: random bytes, truncated captures and huge outputs are
 * a parse error ({@link IllegalArgumentException}) or a value, never another exception; and a parser
 * that returns a value for an output that is not one never reports less than the real output holds.
 */
class PackageParserProperties {
    private static final List<Function<String, Object>> PARSERS = List.of(
            AptSimulation::parse, AptPolicy::parse, AptConfig::parse, s -> DnfCheckUpdate.parse(s, 100),
            DnfAdvisory::parse, RpmInstalled::parse, DnfAutomatic::parse, ApkVersionList::parse,
            ApkAutoUpgrades::parse, s -> AlpineSecdb.parse("prop.json", s), PackageIndexAge::parse,
            s -> RebootStatus.parseNeedsRestarting(s, 1), OsRelease::parse);
    private static final String APK = PackageFixtures.read("apk/version-l.txt");
    private static final String AUTOMATIC = PackageFixtures.read("dnf-lab/automatic.default.txt");

    private static boolean parsesOrRejects(Function<String, Object> parser, String input) {
        try {
            return parser.apply(input) != null;
        } catch (IllegalArgumentException rejected) {
            return true;
        }
    }

    @Property
    void randomBytesAreAParseErrorOrAValueForEveryParser(@ForAll @Size(max = 3000) byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (Function<String, Object> parser : PARSERS) {
            assertThat(parsesOrRejects(parser, text)).isTrue();
        }
    }

    @Property
    void aTruncatedApkListNeverHasMoreEntriesThanItsLinesAndLosesTheHeaderOnlyAsAnError(
            @ForAll @IntRange(min = 0, max = 120) int length) {
        String truncated = APK.substring(0, Math.min(length, APK.length()));
        try {
            ApkVersionList list = ApkVersionList.parse(truncated);
            assertThat(truncated).startsWith("Installed:");
            assertThat(list.outdated().size()).isLessThanOrEqualTo(2);
        } catch (IllegalArgumentException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
        }
    }

    @Property
    void aTruncatedDnfAutomaticReadingNeverAppliesUpdates(@ForAll @IntRange(min = 0, max = 900) int length) {
        String truncated = AUTOMATIC.substring(0, Math.min(length, AUTOMATIC.length()));
        OsRelease rhel = new OsRelease("rhel", List.of(), "RHEL-like lab 9.4");
        try {
            assertThat(DnfAutomatic.parse(truncated).facts(rhel).appliesUpdates()).isFalse();
        } catch (IllegalArgumentException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 5)
    void hugeGarbageIsRejectedByTheLineParsers(@ForAll @IntRange(min = 50_000, max = 100_000) int lines) {
        String garbage = "\u0000\u00ff not an output line\n".repeat(lines);
        for (Function<String, Object> parser : List.<Function<String, Object>>of(AptSimulation::parse,
                s -> DnfCheckUpdate.parse(s, 100), DnfAdvisory::parse, RpmInstalled::parse, ApkVersionList::parse)) {
            assertThatThrownBy(() -> parser.apply(garbage)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
