package dev.hardening.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.hardening.core.facts.FactKey;
import dev.hardening.core.facts.HostFacts;
import dev.hardening.core.family.Check;
import dev.hardening.core.family.CheckFamily;
import dev.hardening.core.family.FactSource;
import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.ConfigKey;
import dev.hardening.core.policy.Policy;
import dev.hardening.core.policy.PolicyLoader;

/** The gate judges each host by the checks settings of its groups, and its findings say which group set them. */
class GateGroupSettingsTest {
    static final CheckId OPEN_PORT = CheckId.of("test.open-port", "no port is public unless allowed");

    /** The settings of a family that allows some ports. */
    public record Allowed(Boolean enabled, List<String> ports) {
        public Allowed {
            enabled = enabled == null || enabled;
            ports = ports == null ? List.of() : List.copyOf(ports);
        }
    }

    static final ConfigKey<Allowed> KEY = new ConfigKey<>("allowed", Allowed.class, new Allowed(null, null));

    /**
     * Every host listens on 443/tcp in public; the check passes where the settings allow it. A class, not
     * a record, and made anew on each {@code checks()} call as the built-in families make theirs: no equals.
     */
    static final class OpenPortCheck implements Check {
        @Override
        public CheckId id() {
            return OPEN_PORT;
        }

        @Override
        public Severity severity() {
            return Severity.HIGH;
        }

        @Override
        public boolean enabled(ChecksConfig config) {
            return config.get(KEY).enabled();
        }

        @Override
        public Set<FactKey<?>> needs() {
            return Set.of();
        }

        @Override
        public List<Finding> evaluate(HostFacts facts, ChecksConfig config) {
            boolean allowed = config.get(KEY).ports().contains("443/tcp");
            return List.of(new Finding(facts.hostName(), OPEN_PORT, allowed ? Status.PASS : Status.FAIL, Severity.HIGH,
                    allowed ? "443/tcp is allowed in public" : "443/tcp is public", List.of("0.0.0.0:443 LISTEN"), ""));
        }
    }

    record AllowedFamily() implements CheckFamily<Allowed> {
        @Override
        public ConfigKey<Allowed> config() {
            return KEY;
        }

        @Override
        public List<Check> checks() {
            return List.of(new OpenPortCheck());
        }

        @Override
        public List<FactSource<?>> facts() {
            return List.of();
        }
    }

    private static final FamilyRegistry FAMILIES = FamilyRegistry.of(List.of(new AllowedFamily()));

    @Test
    void thePortAGroupAllowsPassesOnItsMembersAndFailsElsewhereNamingTheGroup() throws Exception {
        Policy policy = PolicyLoader.parse("""
                groups:
                  web:
                    hosts: [web*]
                    checks:
                      allowed: { ports: ["443/tcp"] }
                  lab:
                    hosts: [lab1]
                    checks:
                      allowed: { enabled: false }
                hosts:
                  - { name: web1, address: local }
                  - { name: db1, address: local }
                  - { name: lab1, address: local }
                checks:
                  allowed: { ports: ["22/tcp"] }
                """, Path.of("fleet.yml"), FAMILIES);

        GateResult result = new Gate(policy, GateTest.options(GateTest.JUNE_2026), FAMILIES).run();

        assertThat(result.findings()).filteredOn(f -> f.host().equals("web1")).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.PASS);
            assertThat(f.evidence()).containsExactly("0.0.0.0:443 LISTEN",
                    "checks.allowed.ports from group web (fleet.yml:5:18)");
        });
        assertThat(result.findings()).filteredOn(f -> f.host().equals("db1")).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.evidence()).containsExactly("0.0.0.0:443 LISTEN");
        });
        assertThat(result.findings()).as("the lab group turns the family off for lab1")
                .noneMatch(f -> f.host().equals("lab1"));
        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
    }
}
