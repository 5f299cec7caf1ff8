package dev.hardening.core.facts.ssh;

import java.util.List;

/**
 * What an SSH server answered to a {@code none} authentication request: the methods it would accept
 * for the user, or that it let the user in without any authentication at all.
 *
 * @param endpoint where the server was asked, e.g. {@code 127.0.0.1:22}
 */
public record AuthenticationOffer(String endpoint, String user, boolean acceptedNone, List<String> methods) {

    public AuthenticationOffer {
        methods = List.copyOf(methods);
    }

    public String describe() {
        return acceptedNone
                ? "server at " + endpoint + " accepted 'none' authentication for user " + user
                : "server at " + endpoint + " offers user " + user + ": " + String.join(",", methods);
    }
}
