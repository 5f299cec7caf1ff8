package dev.hardening.core.host;

/** The steps of opening an SSH connection, each bounded on its own by {@link Timeouts#connect()}. */
public enum ConnectionPhase {
    TCP_CONNECT("connecting over TCP to", "TCP connect"),
    BANNER("waiting for the SSH banner from", "SSH banner exchange"),
    KEY_EXCHANGE("in the SSH key exchange with", "SSH key exchange"),
    AUTHENTICATION("authenticating at", "SSH authentication");

    private final String doing;
    private final String title;

    ConnectionPhase(String doing, String title) {
        this.doing = doing;
        this.title = title;
    }

    /** The phase's name in messages: {@code SSH key exchange}. */
    public String title() {
        return title;
    }

    /** What the gate was doing in this phase, for messages: {@code waiting for the SSH banner from host:22}. */
    public String doing(String endpoint) {
        return doing + " " + endpoint;
    }
}
