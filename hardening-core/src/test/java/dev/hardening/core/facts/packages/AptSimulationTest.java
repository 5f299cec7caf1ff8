package dev.hardening.core.facts.packages;

import static dev.hardening.core.facts.packages.PackageFixtures.output;
import static dev.hardening.core.facts.packages.PackageFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AptSimulationTest {

    @Test
    void securityCaptureListsEachUpgradeWithInstalledCandidateAndOrigin() {
        AptSimulation simulation = AptSimulation.parse(read("apt-get-s.security.txt"));

        assertThat(simulation.installs()).extracting(AptSimulation.PlannedInstall::name)
                .containsExactly("openssh-server", "liblzma5", "tzdata");
        AptSimulation.PlannedInstall ssh = simulation.installs().get(0);
        assertThat(ssh.installed()).contains("1:9.2p1-2+deb12u7");
        assertThat(ssh.candidate()).isEqualTo("1:9.2p1-2+deb12u10");
        assertThat(ssh.origins()).containsExactly("Debian:12.15/oldstable");
        assertThat(simulation.installs().get(1).origins()).containsExactly("Debian-Security:12/oldstable-security");
        assertThat(simulation.keptBack()).isEmpty();
        assertThat(simulation.summary()).isEqualTo("3 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.");
    }

    @Test
    void nothingPendingAsRootOrAsAnOrdinaryUserIsAnEmptyPlan() {
        for (String capture : List.of("apt-get-s.none.txt", "apt-get-s.none.root.txt")) {
            AptSimulation simulation = AptSimulation.parse(read(capture));

            assertThat(simulation.installs()).as(capture).isEmpty();
            assertThat(simulation.keptBack()).as(capture).isEmpty();
        }
    }

    @Test
    void heldPackageIsKeptBackAndNotInstalled() {
        AptSimulation simulation = AptSimulation.parse(read("apt-get-s.held.txt"));

        assertThat(simulation.keptBack()).containsExactly("openssh-server");
        assertThat(simulation.installs()).extracting(AptSimulation.PlannedInstall::name)
                .containsExactly("liblzma5", "tzdata");
    }

    @Test
    void brokenDependenciesAreRejectedBecauseAptPlannedNothing() {
        assertThatThrownBy(() -> AptSimulation.parse(output("apt-get-s.broken.txt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("did not plan an upgrade");
    }

    @Test
    void newPackagePulledInByAnUpgradeHasNoInstalledVersion() {
        String output = "0 upgraded, 1 newly installed, 0 to remove and 0 not upgraded.\n"
                + "Inst linux-image-6.1.0-99-amd64 (6.1.999-1 Debian-Security:12/oldstable-security [amd64])\n";

        AptSimulation.PlannedInstall install = AptSimulation.parse(output).installs().get(0);

        assertThat(install.installed()).isEqualTo(Optional.empty());
        assertThat(install.origins()).containsExactly("Debian-Security:12/oldstable-security");
    }

    @Test
    void instLineThatIsNotAptsIsRejectedNamingIt() {
        String output = "Inst openssh-server something else\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n";

        assertThatThrownBy(() -> AptSimulation.parse(output)).hasMessageContaining("'Inst openssh-server something else'");
    }
}
