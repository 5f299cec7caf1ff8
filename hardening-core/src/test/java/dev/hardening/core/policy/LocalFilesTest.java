package dev.hardening.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.core.family.FamilyRegistry;

class LocalFilesTest {

    @Test
    void namedButMissingKeyKnownHostsAndTrustFilesAreEachReported(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("id_ed25519"), "key");
        Path policy = Files.writeString(dir.resolve("hardening.yml"), """
                hosts:
                  - name: web1
                    address: 198.18.0.2
                    identity: id_ed25519
                    knownHosts: nowhere/known_hosts
                  - name: web2
                    address: 198.18.0.3
                    identity: missing_key
                  - name: me
                    address: local
                checks:
                  tls: { trust: ca.pem }
                """);

        assertThat(LocalFiles.problems(PolicyLoader.load(policy, FamilyRegistry.discover()), FamilyRegistry.discover())).containsExactly(
                "host web1: knownHosts file " + dir.resolve("nowhere/known_hosts") + " does not exist or is not readable",
                "host web2: identity file " + dir.resolve("missing_key") + " does not exist or is not readable",
                "checks.tls: file " + dir.resolve("ca.pem") + " does not exist or is not readable");
    }

    @Test
    void aPolicyWhoseFilesAllExistHasNoProblems() {
        assertThat(LocalFiles.problems(Policy.baseline(), FamilyRegistry.discover())).isEmpty();
    }
}
