package dev.hardening.core.facts.packages;

import static dev.hardening.core.facts.packages.PackageFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * dnf-automatic's states derived from the lab capture {@code dnf-lab/automatic.default.txt} by changing
 * the lines a variant changes (a timer's state, {@code apply_updates}); the dnf 5 ones follow dnf 5's
 * documentation (dnf5-plugin-automatic, {@code dnf5-automatic.timer}, defaults in
 * {@code /usr/share/dnf5/dnf5-plugins/automatic.conf} overridden by {@code /etc/dnf/automatic.conf}),
 * since no dnf 5 runs here.
 */
class DnfAutomaticTest {
    private static final OsRelease FEDORA = new OsRelease("fedora", List.of(), "Fedora Linux 41");
    private static final String DEFAULT = read("dnf-lab/automatic.default.txt");
    private static final String DNF5_DEFAULTS_FILE = "@@hardening file /usr/share/dnf5/dnf5-plugins/automatic.conf\n";

    private static AutoUpdateFacts facts(String output) {
        return DnfAutomatic.parse(output).facts(FEDORA);
    }

    private static String dnf5(String etcApply, String sharedApply) {
        return DEFAULT.replace("dnf-automatic 4.14.0-9.el9\n", "dnf5-plugin-automatic 5.2.6.2-1.fc41\n")
                .replace("package dnf5 is not installed\n", "dnf5 5.2.6.2-1.fc41\n")
                .replace("dnf-automatic.timer 0 enabled", "dnf-automatic.timer 1 disabled")
                .replace("dnf5-automatic.timer 1 Failed to get unit file state for dnf5-automatic.timer: No such file or "
                        + "directory", "dnf5-automatic.timer 0 enabled")
                .replace("apply_updates = no\n", etcApply)
                .replace(DNF5_DEFAULTS_FILE + "@@hardening absent\n", DNF5_DEFAULTS_FILE + "[commands]\n"
                        + "apply_updates = " + sharedApply + "\n");
    }

    @Test
    void theInstallTimerAppliesUpdatesWhateverTheConfigSays() {
        AutoUpdateFacts auto = facts(DEFAULT.replace("dnf-automatic-install.timer 1 disabled",
                "dnf-automatic-install.timer 0 enabled"));

        assertThat(auto.appliesUpdates()).isTrue();
        assertThat(auto.found()).isEqualTo("dnf-automatic-install.timer is enabled, so dnf-automatic downloads and "
                + "installs updates");
    }

    @Test
    void thePlainTimerAppliesUpdatesWithApplyUpdatesInAnyOfLibdnfsSpellings() {
        for (String yes : List.of("yes", "True", "1", "on")) {
            assertThat(facts(DEFAULT.replace("apply_updates = no", "apply_updates = " + yes)).appliesUpdates())
                    .as(yes).isTrue();
        }
    }

    @Test
    void aDownloadTimerNeverAppliesAndNoEnabledTimerSaysWhichToEnable() {
        AutoUpdateFacts download = facts(DEFAULT.replace("dnf-automatic.timer 0 enabled", "dnf-automatic.timer 1 disabled")
                .replace("dnf-automatic-download.timer 1 disabled", "dnf-automatic-download.timer 0 enabled"));
        AutoUpdateFacts none = facts(DEFAULT.replace("dnf-automatic.timer 0 enabled", "dnf-automatic.timer 1 disabled"));

        assertThat(download.gaps()).singleElement().satisfies(g -> {
            assertThat(g.problem()).isEqualTo("dnf-automatic-download.timer is enabled, and it never installs updates");
            assertThat(g.fix()).isEqualTo("run `systemctl disable --now dnf-automatic-download.timer && systemctl "
                    + "enable --now dnf-automatic-install.timer`");
        });
        assertThat(none.gaps()).singleElement().satisfies(g -> {
            assertThat(g.problem()).isEqualTo("dnf-automatic is installed but none of its timers is enabled");
            assertThat(g.fix()).isEqualTo("run `systemctl enable --now dnf-automatic-install.timer`");
        });
    }

    @Test
    void dnf5TimerFollowsItsSharedDefaultsUnlessEtcSetsApplyUpdates() {
        assertThat(facts(dnf5("", "no")).gaps()).singleElement().satisfies(g -> {
            assertThat(g.problem()).startsWith("dnf5-automatic.timer is enabled but apply_updates is off");
            assertThat(g.evidence()).contains("/usr/share/dnf5/dnf5-plugins/automatic.conf [commands]: apply_updates = no");
            assertThat(g.fix()).isEqualTo("set `apply_updates = yes` in the [commands] section of /etc/dnf/automatic.conf");
        });
        assertThat(facts(dnf5("apply_updates = yes\n", "no")).found())
                .isEqualTo("dnf5-automatic.timer is enabled, so dnf5 automatic downloads and installs updates");
        assertThat(facts(dnf5("", "yes")).appliesUpdates()).isTrue();
    }

    @Test
    void missingSystemctlOrUnreadableConfigOrABadBooleanIsAnErrorNotAFailure() {
        assertThatThrownBy(() -> DnfAutomatic.parse(DEFAULT.replace("dnf-automatic.timer 0 enabled",
                "dnf-automatic.timer 127 sh: 1: systemctl: not found")))
                .hasMessageStartingWith("systemctl is not available, so whether dnf-automatic.timer is enabled");
        assertThatThrownBy(() -> DnfAutomatic.parse(DEFAULT.substring(0, DEFAULT.indexOf("@@hardening file"))
                + "@@hardening file /etc/dnf/automatic.conf\n@@hardening unreadable\n" + DNF5_DEFAULTS_FILE
                + "@@hardening absent\n")).hasMessage("/etc/dnf/automatic.conf exists but cannot be read by the login user");
        assertThatThrownBy(() -> facts(DEFAULT.replace("apply_updates = no", "apply_updates = sometimes")))
                .hasMessageStartingWith("apply_updates = sometimes is not a boolean dnf-automatic accepts");
    }

    @Test
    void outputWithoutItsPartsIsRejected() {
        assertThatThrownBy(() -> DnfAutomatic.parse("")).hasMessage("the timer states are missing from the output");
        assertThatThrownBy(() -> DnfAutomatic.parse(DEFAULT.substring(0, DEFAULT.indexOf("dnf-automatic.timer 0"))))
                .hasMessageStartingWith("the timer states are incomplete");
    }
}
