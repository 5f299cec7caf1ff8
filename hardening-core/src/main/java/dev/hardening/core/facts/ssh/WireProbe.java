package dev.hardening.core.facts.ssh;


/** What asking the SSH server for its authentication methods gave. */
public sealed interface WireProbe {

    /** One evidence line. */
    String describe();

    record Offered(AuthenticationOffer offer) implements WireProbe {
        @Override
        public String describe() {
            return "on the wire: " + offer.describe();
        }
    }

    record NotListening(String endpoint) implements WireProbe {
        @Override
        public String describe() {
            return "on the wire: nothing listens on " + endpoint
                    + " (sshd installed but not running), so only the configuration is judged";
        }
    }

    /** A port of a daemon other than the one the gate logged in through, which the gate's machine cannot reach. */
    record Unreachable(int port, String reason) implements WireProbe {
        @Override
        public String describe() {
            return "on the wire: port " + port + " cannot be reached from the gate's machine (" + reason
                    + "), so only the configuration is judged there";
        }
    }

    record Failed(String user, String reason) implements WireProbe {
        @Override
        public String describe() {
            return "on the wire: asking for user " + user + " failed: " + reason;
        }
    }
}
