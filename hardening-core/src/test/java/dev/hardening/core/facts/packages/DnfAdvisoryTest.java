package dev.hardening.core.facts.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class DnfAdvisoryTest {

    @Test
    void advisoryLineGivesIdSeverityAndTheFixedPackage() {
        List<DnfAdvisory> advisories = DnfAdvisory.parse(PackageFixtures.read("dnf/updateinfo.fedora27-list-sec.txt"));

        assertThat(advisories).containsExactly(new DnfAdvisory("FEDORA-2017-fb5e227432", "Unknown", "glibc", "x86_64",
                "2.26-20.fc27", "FEDORA-2017-fb5e227432 Unknown/Sec. glibc-2.26-20.fc27.x86_64"));
    }

    @Test
    void repositoryStatusLinesOfAnUnquietRunAreSkipped() {
        List<DnfAdvisory> advisories = DnfAdvisory.parse(
                PackageFixtures.read("dnf/updateinfo.bodhitest-list-sec-all.txt"));

        assertThat(advisories).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("FEDORA-2017-ad1937a146");
            assertThat(a.severity()).isEqualTo("Moderate");
            assertThat(a.nameArch()).isEqualTo("TurboGears.noarch");
            assertThat(a.version()).isEqualTo("1.0.2.2-2.fc17");
        });
    }

    @Test
    void noSecurityAdvisoryIsNoOutput() {
        assertThat(DnfAdvisory.parse("")).isEmpty();
    }

    @Test
    void anythingElseIsRejected() {
        assertThatThrownBy(() -> DnfAdvisory.parse("Updates Information Summary: available\n"))
                .hasMessage("not a dnf updateinfo security line: 'Updates Information Summary: available'");
    }
}
