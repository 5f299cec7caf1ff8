package dev.hardening.core.model;

import java.util.Arrays;
import java.util.Optional;

/** The stable check ids of contract v1; new checks add constants, existing ids keep their meaning. */
public enum CheckId {
    SSH_KEY_ONLY("ssh.key-only"),
    SSH_ROOT_LOGIN("ssh.root-login"),
    PORTS_PRIVATE_ONLY("ports.private-only"),
    FIREWALL_DEFAULT_DENY("firewall.default-deny"),
    TLS_CHAIN("tls.chain"),
    TLS_PROTOCOLS("tls.protocols"),
    PACKAGES_UP_TO_DATE("packages.up-to-date"),
    PACKAGES_AUTO_UPDATES("packages.auto-updates");

    private final String id;

    CheckId(String id) {
        this.id = id;
    }

    public String id() {
        return id;
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
