package dev.hardening.core.facts.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.stream.Collectors;

import dev.hardening.core.util.IpAddresses;

/**
 * A TCP socket in LISTEN state or an unconnected UDP socket: something that takes traffic from anyone
 * who can reach the address.
 *
 * @param table the socket table it came from ({@code tcp6} sockets may carry IPv4-mapped addresses,
 *        which Java turns into IPv4 addresses; the table keeps how the socket was opened)
 * @param inode the socket's inode, which links it to the processes holding it; 0 when unknown
 * @param processes the processes holding it, empty when they could not be determined
 * @param processNote why {@code processes} is empty (e.g. "process unknown: not permitted"); empty when known
 */
public record ListeningSocket(Transport transport, IpFamily table, InetAddress address, int port, long inode,
        List<ProcessRef> processes, String processNote) {

    public ListeningSocket {
        processes = List.copyOf(processes);
        processNote = processNote == null ? "" : processNote;
    }

    public ListeningSocket withProcesses(List<ProcessRef> owners, String note) {
        return new ListeningSocket(transport, table, address, port, inode, owners, note);
    }

    /** The bound address as {@code ss} shows it: {@code 0.0.0.0:5432}, {@code [::]:8080}, {@code [::ffff:10.0.0.1]:80}. */
    public String endpoint() {
        String host = IpAddresses.format(address);
        if (address instanceof Inet6Address) {
            host = "[" + host + "]";
        } else if (table == IpFamily.IPV6) {
            host = "[::ffff:" + host + "]";
        }
        return host + ":" + port;
    }

    /** The port as the policy's allowlist spells it: {@code 5432/tcp}. */
    public String portLabel() {
        return port + "/" + transport.label();
    }

    /** The owning processes as {@code ss -p} prints them, or the reason they are unknown. */
    public String owners() {
        if (processes.isEmpty()) {
            return processNote.isEmpty() ? "process unknown" : processNote;
        }
        return "users:(" + processes.stream().map(ProcessRef::describe).collect(Collectors.joining(",")) + ")";
    }

    /** The owning process names for sentences: {@code postgres (pid 39)}. */
    public String ownerNames() {
        if (processes.isEmpty()) {
            return "an unknown process (" + (processNote.isEmpty() ? "process unknown" : processNote) + ")";
        }
        return processes.stream().map(p -> p.name() + " (pid " + p.pid() + ")").distinct()
                .collect(Collectors.joining(", "));
    }

    /** One line of the socket inventory, like a line of {@code ss -plunt}. */
    public String inventoryLine() {
        return String.format("%-4s %-6s %-28s %s", transport.label(), transport == Transport.TCP ? "LISTEN" : "UNCONN",
                endpoint(), owners());
    }
}
