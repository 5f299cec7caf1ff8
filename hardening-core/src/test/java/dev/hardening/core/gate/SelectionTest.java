package dev.hardening.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.Policy;

class SelectionTest {
    private static final Policy FLEET = new Policy(Optional.empty(), List.of(HostSpec.builder("198.18.0.2").name("web1")
            .build(), HostSpec.builder("198.18.0.3").name("web2").build(), HostSpec.builder("198.18.0.4").name("db1")
            .build()), ChecksConfig.DEFAULT, List.of());

    @Test
    void checksAndHostsArePickedByIdAndGlob() {
        Selection selection = Selection.parse("ssh.*, tls.chain", "web*");

        assertThat(selection.apply(FamilyRegistry.discover()).checks()).extracting(c -> c.id().id())
                .containsExactly("ssh.key-only", "ssh.root-login", "ssh.crypto", "tls.chain");
        assertThat(selection.apply(FLEET).hosts()).extracting(HostSpec::name).containsExactly("web1", "web2");
    }

    @Test
    void nothingGivenSelectsEverything() {
        Selection all = Selection.parse(null, " ");

        assertThat(all.apply(FamilyRegistry.discover()).checks()).hasSameSizeAs(FamilyRegistry.discover().checks());
        assertThat(all.apply(FLEET)).isEqualTo(FLEET);
    }

    @Test
    void aPatternThatPicksNothingIsAMistakeNamingWhatThereIs() {
        assertThatThrownBy(() -> Selection.parse("shh.*", null).apply(FamilyRegistry.discover()))
                .hasMessageStartingWith("hardening.checks: 'shh.*' matches no check (the checks are ssh.key-only,");
        assertThatThrownBy(() -> Selection.parse(null, "app*").apply(FLEET))
                .hasMessage("hardening.hosts: 'app*' matches no host of the policy (its hosts are web1, web2, db1)");
    }
}
