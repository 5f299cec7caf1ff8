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
}
