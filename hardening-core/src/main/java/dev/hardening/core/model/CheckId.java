package dev.hardening.core.model;

import java.util.Arrays;
import java.util.Optional;

/** The stable check ids of contract v1; new checks add constants, existing ids keep their meaning. */
public enum CheckId {
    SSH_KEY_ONLY("ssh.key-only", "SSH accepts keys only: no password or keyboard-interactive login"),
    SSH_ROOT_LOGIN("ssh.root-login", "root cannot log in directly over SSH"),
    PORTS_PRIVATE_ONLY("ports.private-only", "listening services are bound to private interfaces"),
    FIREWALL_DEFAULT_DENY("firewall.default-deny", "inbound traffic is denied by default, IPv4 and IPv6"),
    TLS_CHAIN("tls.chain", "TLS endpoints present a complete, trusted, valid certificate chain"),
    TLS_PROTOCOLS("tls.protocols", "TLS endpoints accept no legacy protocol versions"),
    PACKAGES_UP_TO_DATE("packages.up-to-date", "no pending (security) updates, fresh package index, no reboot pending"),
    PACKAGES_AUTO_UPDATES("packages.auto-updates", "updates are installed automatically");

    private final String id;
    private final String title;

    CheckId(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    /** What a PASS of this check proves, in one line. */
    public String title() {
        return title;
    }

    /** The family is the part before the dot, as in the policy's {@code checks:} section. */
    public String family() {
        return id.substring(0, id.indexOf('.'));
    }

    public static Optional<CheckId> fromId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
