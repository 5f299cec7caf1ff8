package dev.hardening.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.policy.TlsChecksConfig;

class TlsPolicyTest {
    static final Path FILE = Path.of("/etc/hardening/policy.yml");

    @Test
    void trustBundleResolvesAgainstThePolicyFolderAndReplacesTheJdkStore() throws PolicyException {
        Policy policy = PolicyLoader.parse("""
                hosts:
                  - address: 198.18.0.2
                    tls: [{port: 443, serverName: web1.example.com}, {file: /etc/ssl/private/site.pem}]
                checks:
                  tls: {trust: ca.pem, minDaysValid: 30, minProtocol: TLSv1.3}
                """, FILE, FamilyRegistry.discover());

        TlsChecksConfig tls = policy.checks().get(TlsChecksConfig.KEY);
        assertThat(tls.trust()).isEqualTo("/etc/hardening/ca.pem");
        assertThat(tls.jdkTrust()).isFalse();
        assertThat(tls.minDaysValid()).isEqualTo(30);
        assertThat(policy.hosts().get(0).tls()).containsExactly(new TlsEndpoint(443, "web1.example.com", null),
                new TlsEndpoint(null, null, "/etc/ssl/private/site.pem"));
    }

    @Test
    void jdkTrustKeepsTheJdkStoreNextToTheBundle() throws PolicyException {
        Policy policy = PolicyLoader.parse("""
                hosts: [{address: local}]
                checks:
                  tls: {trust: ca.pem, jdkTrust: true}
                """, FILE, FamilyRegistry.discover());

        assertThat(policy.checks().get(TlsChecksConfig.KEY).jdkTrust()).isTrue();
        assertThat(policy.checks().get(TlsChecksConfig.KEY).trust()).isEqualTo("/etc/hardening/ca.pem");
    }

    @Test
    void withoutABundleTheJdkStoreIsTheDefault() {
        assertThat(TlsChecksConfig.DEFAULT.jdkTrust()).isTrue();
        assertThat(TlsChecksConfig.DEFAULT.minProtocol()).isEqualTo("TLSv1.2");
        assertThat(TlsChecksConfig.DEFAULT.minDaysValid()).isEqualTo(14);
    }

    @Test
    void turningTheJdkStoreOffWithoutABundleTrustsNothingAndIsRejected() {
        assertThatThrownBy(() -> PolicyLoader.parse("""
                hosts: [{address: local}]
                checks:
                  tls: {jdkTrust: false}
                """, FILE, FamilyRegistry.discover())).isInstanceOf(PolicyException.class)
                .hasMessageContaining("jdkTrust: false needs trust:");
    }
}
