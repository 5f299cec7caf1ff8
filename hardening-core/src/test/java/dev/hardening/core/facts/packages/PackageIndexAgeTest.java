package dev.hardening.core.facts.packages;

import static dev.hardening.core.facts.packages.PackageFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PackageIndexAgeTest {

    @Test
    void justTouchedListsAreZeroHoursOld() {
        PackageIndexAge index = PackageIndexAge.parse(read("index-age.fresh.txt"));

        assertThat(index.files()).hasSize(3);
        assertThat(index.ageHours()).contains(0L);
        assertThat(index.olderThan(48)).isFalse();
    }

    @Test
    void listsMovedTenDaysBackAre240HoursOld() {
        PackageIndexAge index = PackageIndexAge.parse(read("index-age.stale.txt"));

        assertThat(index.ageHours()).contains(240L);
        assertThat(index.olderThan(48)).isTrue();
        assertThat(index.olderThan(241)).isFalse();
    }

    @Test
    void aRecentUpdateStampMakesOldListsFresh() {
        PackageIndexAge index = PackageIndexAge.parse(read("index-age.stale-lists-fresh-stamp.txt"));

        assertThat(index.newest()).get().extracting(PackageIndexAge.TimestampedFile::path)
                .isEqualTo("/var/lib/apt/periodic/update-success-stamp");
        assertThat(index.ageHours()).contains(3L);
    }

    @Test
    void noIndexAtAllIsOlderThanAnyLimit() {
        PackageIndexAge index = PackageIndexAge.parse("1795639023\n");

        assertThat(index.ageHours()).isEmpty();
        assertThat(index.olderThan(10_000)).isTrue();
    }

    @Test
    void aClockThatIsNotANumberIsRejected() {
        assertThatThrownBy(() -> PackageIndexAge.parse("date: command not found\n"))
                .hasMessageContaining("the host's clock");
    }
}
