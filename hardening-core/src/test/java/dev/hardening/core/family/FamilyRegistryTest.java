package dev.hardening.core.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.FactKey;
import dev.hardening.core.facts.HostFacts;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.ConfigKey;

class FamilyRegistryTest {
    private static final FactKey<String> MOTD = FactKey.of("test.motd");

    record Family(String section, int order, List<Check> checks, List<FactSource<?>> facts) implements CheckFamily<String> {
        @Override
        public ConfigKey<String> config() {
            return new ConfigKey<>(section, String.class, "");
        }
    }

    record Reading(CheckId id, Set<FactKey<?>> needs) implements Check {
        @Override
        public Severity severity() {
            return Severity.LOW;
        }

        @Override
        public boolean enabled(ChecksConfig config) {
            return true;
        }

        @Override
        public List<Finding> evaluate(HostFacts facts, ChecksConfig config) {
            return List.of();
        }
    }

    private static Check check(String id, FactKey<?>... needs) {
        return new Reading(CheckId.of(id, "a test check"), Set.of(needs));
    }

    private static FactSource<String> motdSource() {
        return FactSource.remote(MOTD, context -> Fact.known("hello"));
    }

    @Test
    void theBuiltInFamiliesAreFoundThroughTheServiceLoaderInReportOrder() {
        FamilyRegistry registry = FamilyRegistry.discover();

        assertThat(registry.families()).extracting(f -> f.config().section())
                .containsExactly("ssh", "crypto", "ports", "firewall", "tls", "packages");
        assertThat(registry.checks()).extracting(c -> c.id().id()).containsExactly("ssh.key-only", "ssh.root-login",
                "ssh.crypto", "ports.private-only", "firewall.default-deny", "tls.chain", "tls.protocols",
                "packages.up-to-date", "packages.auto-updates");
        assertThat(registry.sectionNames()).contains("ssh", "crypto");
    }

    @Test
    void aFamilyAddedInCodeJoinsByItsOrderAndBringsItsSectionChecksAndFacts() {
        FamilyRegistry registry = FamilyRegistry.discover().with(new Family("motd", 125,
                List.of(check("custom.motd", MOTD)), List.of(motdSource())));

        assertThat(registry.checks()).extracting(c -> c.id().id())
                .containsSubsequence("ports.private-only", "custom.motd", "firewall.default-deny");
        assertThat(registry.section("motd")).isPresent();
        assertThat(registry.sources()).containsKey(MOTD);
        assertThat(registry.checkIds()).contains("custom.motd");
    }

    @Test
    void twoFamiliesOnOneSectionAreRefusedNamingBoth() {
        assertThatThrownBy(() -> FamilyRegistry.of(List.of(new Family("ssh", 1, List.of(), List.of()),
                new Family("ssh", 2, List.of(), List.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("two check families use the checks section 'ssh'");
    }

    @Test
    void aCheckIdTakenTwiceIsRefused() {
        assertThatThrownBy(() -> FamilyRegistry.discover().with(new Family("mine", 1,
                List.of(check("ssh.key-only")), List.of()))).hasMessage("check id ssh.key-only is taken twice: by "
                        + "family 'mine' and by family 'ssh'");
    }

    @Test
    void theConnectionIdIsNotACheckAFamilyMayTake() {
        assertThatThrownBy(() -> FamilyRegistry.of(List.of(new Family("mine", 1, List.of(check("host.connection")),
                List.of())))).hasMessage("check id host.connection of family 'mine' is reserved for connection errors");
    }

    @Test
    void aFactNoFamilyGathersIsRefusedNamingTheCheckAndTheFact() {
        assertThatThrownBy(() -> FamilyRegistry.of(List.of(new Family("mine", 1, List.of(check("custom.motd", MOTD)),
                List.of())))).hasMessage("check custom.motd of family 'mine' needs fact 'test.motd', which no "
                        + "registered family gathers");
    }

    @Test
    void oneFactGatheredByTwoFamiliesIsRefused() {
        assertThatThrownBy(() -> FamilyRegistry.of(List.of(new Family("a", 1, List.of(), List.of(motdSource())),
                new Family("b", 2, List.of(), List.of(motdSource()))))).hasMessageStartingWith("fact 'test.motd' is "
                        + "gathered by two families");
    }

    @Test
    void selectingKeepsEveryFactSourceButOnlyTheSelectedChecks() {
        FamilyRegistry ssh = FamilyRegistry.discover().selecting(id -> id.id().startsWith("ssh."));

        assertThat(ssh.checks()).extracting(c -> c.id().id()).containsExactly("ssh.key-only", "ssh.root-login",
                "ssh.crypto");
        assertThat(ssh.check(CheckId.TLS_CHAIN)).isEmpty();
        assertThat(ssh.sources()).hasSameSizeAs(FamilyRegistry.discover().sources());
    }

    @Test
    void aServicesEntryThatCannotBeLoadedIsAClearError(@TempDir Path dir) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(CheckFamily.class.getName()), "com.example.NoSuchFamily\n");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                FamilyRegistryTest.class.getClassLoader())) {
            assertThatThrownBy(() -> FamilyRegistry.discover(loader)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot be loaded").hasMessageContaining("com.example.NoSuchFamily");
        }
    }
}
