package dev.hardening.core.policy;

import java.util.Locale;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;

import dev.hardening.core.util.IpAddresses;

/**
 * Checks, when a policy is read, the names the gate will connect to or send as TLS SNI, so a typo is
 * a policy error at its line instead of an ERROR of every check at run time.
 */
final class HostNames {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
    private static final Pattern NAME_WITH_PORT = Pattern.compile("^(\\[[^\\]]*\\]|[^:\\[\\]]+):(\\d+)$");
    /** RFC 1123 labels; underscores too, as resolvers accept them in internal zones. */
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}\\.?$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");

    private HostNames() {
    }

    /** {@code address:} an IP literal, a DNS name, or {@code local}. */
    static void checkAddress(String address) {
        String problem = shapeProblem(address, "port: " + portOf(address));
        if (problem == null && IpAddresses.parse(address).isEmpty() && !DNS_NAME.matcher(address).matches()) {
            problem = "is not an IP address or a DNS host name";
        }
        if (problem == null && address.startsWith("[")) {
            problem = "is an IPv6 address in brackets; write it without them";
        }
        if (problem != null) {
            throw new IllegalArgumentException("address must be an IP address, a DNS host name or \"local\", got '"
                    + address + "': it " + problem);
        }
    }

    /** {@code serverName:} the name sent as SNI and matched against the certificate, or an IP literal. */
    static void checkServerName(String serverName) {
        String problem = shapeProblem(serverName, "the tls entry's port: " + portOf(serverName));
        if (problem == null && IpAddresses.parse(serverName).isEmpty()) {
            try {
                new SNIHostName(serverName);
                if (!DNS_NAME.matcher(serverName).matches()) {
                    problem = "is not a DNS host name";
                }
            } catch (IllegalArgumentException e) {
                problem = "is not a DNS host name a TLS client can send (" + e.getMessage() + ")";
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException("serverName must be the DNS name clients use (or an IP address), got '"
                    + serverName + "': it " + problem);
        }
    }

    /** A URL or a name with a port, with what to write instead; null when neither. */
    private static String shapeProblem(String name, String portAdvice) {
        if (SCHEME.matcher(name).matches()) {
            return "has a scheme (" + name.substring(0, name.indexOf("://") + 3).toLowerCase(Locale.ROOT)
                    + "); give only the host name";
        }
        if (NAME_WITH_PORT.matcher(name).matches()) {
            return "has a port; write the name alone and the port as " + portAdvice;
        }
        return null;
    }

    private static String portOf(String name) {
        return name.substring(name.lastIndexOf(':') + 1);
    }
}
