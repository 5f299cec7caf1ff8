package dev.hardening.core.facts.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RebootStatusTest {

    @Test
    void flagFileWithPackagesNamesThem() {
        RebootStatus status = RebootStatus.parseDebian("required\nlinux-image-6.1.0-99-amd64\nlibc6\nlibc6\n");

        assertThat(status.required()).isTrue();
        assertThat(status.packages()).containsExactly("linux-image-6.1.0-99-amd64", "libc6");
    }

    @Test
    void noFlagFileMeansNoReboot() {
        assertThat(RebootStatus.parseDebian("not-required\n").required()).isFalse();
    }

    @Test
    void anythingElseIsRejected() {
        assertThatThrownBy(() -> RebootStatus.parseDebian("sh: 1: [: missing ]\n")).hasMessageContaining("cannot tell");
    }

    @Test
    void needsRestartingNamesTheUpdatedCoreLibraries() {
        RebootStatus status = RebootStatus.parseNeedsRestarting(
                PackageFixtures.read("dnf/needs-restarting.required.alma8.txt"), 1);

        assertThat(status.required()).isTrue();
        assertThat(status.packages()).containsExactly("glibc", "linux-firmware");
        assertThat(status.evidence()).isEqualTo("needs-restarting -r: Reboot is required to fully utilize these "
                + "updates. (requested by glibc, linux-firmware)");
    }

    @Test
    void needsRestartingSayingNoRebootIsDetermined() {
        RebootStatus status = RebootStatus.parseNeedsRestarting(
                PackageFixtures.read("dnf/needs-restarting.not-required.rocky.txt"), 0);

        assertThat(status.required()).isFalse();
        assertThat(status.determined()).isTrue();
    }

    @Test
    void missingNeedsRestartingIsUndeterminedNotRequired() {
        RebootStatus status = RebootStatus.parseNeedsRestarting("", 127);

        assertThat(status.required()).isFalse();
        assertThat(status.determined()).isFalse();
        assertThat(status.evidence()).startsWith("needs-restarting is not installed");
    }

    @Test
    void needsRestartingWithoutItsVerdictIsRejected() {
        assertThatThrownBy(() -> RebootStatus.parseNeedsRestarting(
                PackageFixtures.read("dnf/needs-restarting.required.alma8.txt"), 0))
                .hasMessageStartingWith("needs-restarting -r (exit 0) said neither");
    }
}
