package dev.hardening.core.facts.ssh;

import java.util.Objects;

/**
 * The connection parameters sshd evaluates Match blocks against ({@code sshd -T -C ...}).
 *
 * @param host the client's host name as sshd sees it (its address when sshd does not resolve names)
 * @param addr the client's address
 * @param laddr the server address the client connected to
 * @param lport the server port the client connected to
 */
public record ConnectionSpec(String user, String host, String addr, String laddr, int lport, String rdomain) {

    public ConnectionSpec {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(addr, "addr");
        Objects.requireNonNull(laddr, "laddr");
    }

    public ConnectionSpec withUser(String newUser) {
        return new ConnectionSpec(newUser, host, addr, laddr, lport, rdomain);
    }

    public ConnectionSpec withHost(String newHost) {
        return new ConnectionSpec(user, newHost, addr, laddr, lport, rdomain);
    }

    public ConnectionSpec withAddr(String newAddr) {
        return new ConnectionSpec(user, host, newAddr, laddr, lport, rdomain);
    }

    public ConnectionSpec withLaddr(String newLaddr) {
        return new ConnectionSpec(user, host, addr, newLaddr, lport, rdomain);
    }

    public ConnectionSpec withLport(int newLport) {
        return new ConnectionSpec(user, host, addr, laddr, newLport, rdomain);
    }

    public ConnectionSpec withRdomain(String newRdomain) {
        return new ConnectionSpec(user, host, addr, laddr, lport, newRdomain);
    }

    /** The argument of {@code sshd -T -C}. */
    public String toSshdArgument() {
        return "user=" + user + ",host=" + host + ",addr=" + addr + ",laddr=" + laddr + ",lport=" + lport
                + (rdomain == null ? "" : ",rdomain=" + rdomain);
    }
}
