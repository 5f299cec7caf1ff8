package dev.hardening.lab;

import java.util.Optional;

/**
 * Lab hosts of the RPM-family image ({@code lab/build-rpm-image.sh}): Debian's dnf 4.14 and rpm 4.18
 * made to behave like a stock RHEL 9 host, with two {@code file://} repositories (lab-baseos,
 * lab-updates with updateinfo advisories RHSA-2024:2001 Important openssl-libs, RHSA-2024:2002
 * Moderate acme-tool, RHBA-2024:2003 bugfix acme-lib, RHSA-2024:2004 Important kernel with
 * reboot_suggested), fully updated at build time (two kernels installed), a dnf cache for {@code -C},
 * and dnf-automatic with {@code dnf-automatic.timer} enabled and {@code apply_updates = no}. Tests make
 * their variants with {@link LabHost.Builder#setup(String)}. Mark such tests
 * {@code @RequiresLab(RequiresLab.Image.RPM)}. Override the image with {@code -Dhardening.lab.rpmImage=...}.
 */
public final class RpmLabHost {
    public static final String IMAGE = "hardening-lab-rpm:bookworm-1";

    private RpmLabHost() {
    }

    public static String imageName() {
        return System.getProperty("hardening.lab.rpmImage", IMAGE);
    }

    /**
     * A lab host builder on the RPM-family image; everything else as {@link LabHost#builder()}. Its dnf
     * cache is as fresh as on a host whose {@code dnf-makecache} timer runs (the image's own is as old as
     * the image); a later setup step can age it.
     */
    public static LabHost.Builder builder() {
        return LabHost.builder().image(imageName()).setup("touch /var/cache/dnf/*/repodata/repomd.xml");
    }

    /** Why RPM-family lab hosts cannot start here, or empty when they can. */
    public static Optional<String> unavailableReason() {
        return LabImage.unavailableReason(imageName(), "lab/build-rpm-image.sh");
    }
}
