package dev.hardening.core.facts.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class HostnameMatchTest {

    static CertificateInfo cert(List<String> dns, List<String> ips) {
        return new CertificateInfo("CN=web1.example.com", "CN=CA", "1", dns, ips, Instant.EPOCH, Instant.EPOCH, "RSA",
                2048, "SHA256withRSA", "00", false, Optional.empty());
    }

    @Test
    void exactDnsNameMatchesIgnoringCaseAndTrailingDot() {
        CertificateInfo cert = cert(List.of("Web1.Example.com"), List.of());

        assertThat(HostnameMatch.matches(cert, "web1.example.com.")).isTrue();
        assertThat(HostnameMatch.matches(cert, "web2.example.com")).isFalse();
    }

    @Test
    void wildcardCoversExactlyOneLeftmostLabel() {
        CertificateInfo cert = cert(List.of("*.example.com"), List.of());

        assertThat(HostnameMatch.matches(cert, "web1.example.com")).isTrue();
        assertThat(HostnameMatch.matches(cert, "example.com")).isFalse();
        assertThat(HostnameMatch.matches(cert, "a.web1.example.com")).isFalse();
    }

    @Test
    void wildcardForATopLevelDomainMatchesNothing() {
        assertThat(HostnameMatch.matches(cert(List.of("*.com"), List.of()), "example.com")).isFalse();
    }

    @Test
    void commonNameIsNeverAFallback() {
        assertThat(HostnameMatch.matches(cert(List.of(), List.of()), "web1.example.com")).isFalse();
    }

    @Test
    void ipAddressMatchesOnlyIpSans() {
        CertificateInfo cert = cert(List.of("198.18.0.2"), List.of("2001:db8:0:0:0:0:0:1"));

        assertThat(HostnameMatch.matches(cert, "2001:db8::1")).isTrue();
        assertThat(HostnameMatch.matches(cert, "198.18.0.2")).isFalse();
    }
}
