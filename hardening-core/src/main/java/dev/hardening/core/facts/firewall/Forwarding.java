package dev.hardening.core.facts.firewall;

import java.util.Map;
import java.util.stream.Collectors;

import dev.hardening.core.facts.net.IpFamily;

/**
 * Whether the kernel forwards packets ({@code net.ipv4.ip_forward}, {@code net.ipv6.conf.all.forwarding}).
 * A setting that could not be read counts as on: DNATed traffic may then be forwarded.
 *
 * @param evidence the settings as read, e.g. {@code /proc/sys/net/ipv4/ip_forward = 1}
 */
public record Forwarding(boolean ipv4, boolean ipv6, String evidence) {
    public static final String IPV4_FILE = "/proc/sys/net/ipv4/ip_forward";
    public static final String IPV6_FILE = "/proc/sys/net/ipv6/conf/all/forwarding";

    /** Parses lines {@code FILE=VALUE} as the gatherer prints them; a missing or odd value counts as on. */
    public static Forwarding parse(String text) {
        Map<String, String> values = text.lines().filter(l -> l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')).strip(),
                        l -> l.substring(l.indexOf('=') + 1).strip(), (a, b) -> a));
        String v4 = values.getOrDefault(IPV4_FILE, "unreadable");
        String v6 = values.getOrDefault(IPV6_FILE, "unreadable");
        return new Forwarding(!v4.equals("0"), !v6.equals("0"), IPV4_FILE + " = " + v4 + ", " + IPV6_FILE + " = " + v6);
    }

    public boolean enabled(IpFamily family) {
        return family == IpFamily.IPV4 ? ipv4 : ipv6;
    }
}
