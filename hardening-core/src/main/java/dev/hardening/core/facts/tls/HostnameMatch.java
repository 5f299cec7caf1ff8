package dev.hardening.core.facts.tls;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

import dev.hardening.core.util.IpAddresses;

/**
 * Whether a certificate is for a name, by its subject alternative names only (RFC 6125: the CN is
 * not a fallback). A wildcard stands for exactly one whole left-most label.
 */
public final class HostnameMatch {
    private HostnameMatch() {
    }

    public static boolean matches(CertificateInfo cert, String name) {
        Optional<InetAddress> ip = IpAddresses.parse(name);
        if (ip.isPresent()) {
            return cert.ipAddresses().stream().map(IpAddresses::parse)
                    .anyMatch(san -> san.isPresent() && san.get().equals(ip.get()));
        }
        String host = normalize(name);
        return cert.dnsNames().stream().map(HostnameMatch::normalize).anyMatch(san -> matchesDnsName(san, host));
    }

    private static boolean matchesDnsName(String san, String host) {
        if (!san.startsWith("*.")) {
            return san.equals(host);
        }
        int firstDot = host.indexOf('.');
        // "*.example.com" covers "web1.example.com", not "example.com" nor "a.web1.example.com"
        return firstDot > 0 && host.substring(firstDot).equals(san.substring(1)) && san.indexOf('.', 2) > 0;
    }

    private static String normalize(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
