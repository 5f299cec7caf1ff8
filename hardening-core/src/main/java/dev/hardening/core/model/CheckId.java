package dev.hardening.core.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The stable id of a check ({@code ssh.key-only}), as reports, waivers and the policy name it. A value:
 * two ids are equal when they are spelt the same. Families add ids; existing ids keep their meaning.
 */
public final class CheckId implements Comparable<CheckId> {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+");

    public static final CheckId SSH_KEY_ONLY = of("ssh.key-only",
            "SSH accepts keys only: no password or keyboard-interactive login");
    public static final CheckId SSH_ROOT_LOGIN = of("ssh.root-login", "root cannot log in directly over SSH");
    public static final CheckId PORTS_PRIVATE_ONLY = of("ports.private-only",
            "listening services are bound to private interfaces");
    public static final CheckId FIREWALL_DEFAULT_DENY = of("firewall.default-deny",
            "inbound traffic is denied by default, IPv4 and IPv6");
    public static final CheckId TLS_CHAIN = of("tls.chain",
            "TLS endpoints present a complete, trusted, valid certificate chain");
    public static final CheckId TLS_PROTOCOLS = of("tls.protocols", "TLS endpoints accept no legacy protocol versions");
    public static final CheckId PACKAGES_UP_TO_DATE = of("packages.up-to-date",
            "no pending (security) updates, fresh package index, no reboot pending");
    public static final CheckId PACKAGES_AUTO_UPDATES = of("packages.auto-updates", "updates are installed automatically");
    /** Not a check of its own: the one result of a host that could not be reached or proven genuine. */
    public static final CheckId HOST_CONNECTION = of("host.connection",
            "the host can be reached and its SSH host key is the expected one");

    private final String id;
    private final String title;

    private CheckId(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /**
     * @param id lower-case words joined by dots, the first being the family's prefix ({@code custom.motd})
     * @param title what a PASS of the check proves, in one line
     */
    public static CheckId of(String id, String title) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("check id '" + id + "' must be lower-case words joined by dots, "
                    + "such as custom.login-banner");
        }
        return new CheckId(id, title);
    }

    public String id() {
        return id;
    }

    /** What a PASS of this check proves, in one line. */
    public String title() {
        return title;
    }

    /** The part before the first dot ({@code ssh} for {@code ssh.crypto}). */
    public String prefix() {
        return id.substring(0, id.indexOf('.'));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CheckId that && id.equals(that.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public int compareTo(CheckId other) {
        return id.compareTo(other.id);
    }

    @Override
    public String toString() {
        return id;
    }
}
