package dev.hardening.core.facts.packages;

import static dev.hardening.core.facts.packages.PackageFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.hardening.core.facts.packages.OsRelease.PackageManager;

class OsReleaseTest {

    @Test
    void debianUsesApt() {
        OsRelease os = OsRelease.parse(read("os-release.debian-bookworm.txt"));

        assertThat(os.packageManager()).contains(PackageManager.APT);
        assertThat(os.describe()).isEqualTo("Debian GNU/Linux 12 (bookworm) [ID=debian]");
    }

    @Test
    void rockyIsKnownByItsIdLikeAsDnf() {
        OsRelease os = OsRelease.parse(read("os-release.rocky-9.7.txt"));

        assertThat(os.packageManager()).contains(PackageManager.DNF);
        assertThat(os.describe()).isEqualTo("Rocky Linux 9.7 (Blue Onyx) [ID=rocky, ID_LIKE=rhel centos fedora]");
    }

    @Test
    void alpineUsesApk() {
        OsRelease os = OsRelease.parse(read("os-release.alpine-3.4.txt"));

        assertThat(os.packageManager()).contains(PackageManager.APK);
        assertThat(os.prettyName()).isEqualTo("Alpine Linux v3.4");
    }

    @Test
    void aDerivativeOfUbuntuUsesApt() {
        OsRelease os = OsRelease.parse("NAME=\"Linux Mint\"\nID=linuxmint\nID_LIKE=\"ubuntu debian\"\n");

        assertThat(os.packageManager()).contains(PackageManager.APT);
        assertThat(os.prettyName()).isEqualTo("Linux Mint");
    }

    @Test
    void anUnknownSystemHasNoPackageManager() {
        assertThat(OsRelease.parse("NAME=Gentoo\nID=gentoo\n").packageManager()).isEmpty();
    }

    @Test
    void textWithoutIdOrNameIsNotOsRelease() {
        assertThatThrownBy(() -> OsRelease.parse("cat: /etc/os-release: No such file or directory\n"))
                .hasMessageContaining("not an os-release file");
    }
}
