package dev.hardening.core.gather;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.net.HostInterface;
import dev.hardening.core.facts.net.InterfaceParsers;
import dev.hardening.core.facts.net.IpFamily;
import dev.hardening.core.facts.net.ListeningSocket;
import dev.hardening.core.facts.net.ProcNetParser;
import dev.hardening.core.facts.net.SocketInventory;
import dev.hardening.core.facts.net.SocketOwners;
import dev.hardening.core.facts.net.Transport;
import dev.hardening.core.family.FactSource;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.HostCommand;
import dev.hardening.core.host.HostException;

/**
 * Reads a host's listening sockets from {@code /proc/net/{tcp,tcp6,udp,udp6}} (no {@code ss} or
 * {@code netstat} needed), their owners from the socket inodes under {@code /proc/PID/fd} (through
 * {@code sudo -n} when configured), and its interface addresses.
 */
public final class NetFactsCollector {
    /** Listening sockets with their owners, and the interfaces; OSHI on the gate's own machine. */
    public static final FactSource<SocketInventory> FACT = FactSource.remote(SocketInventory.KEY,
            context -> context.spec().isLocal() && !context.host().usesSudo() ? List.of() : NetFactsCollector.COMMANDS,
            // OSHI sees what the gate's own user may; with sudo: true the /proc path reads through sudo -n
            context -> context.spec().isLocal() && !context.host().usesSudo() ? LocalSocketsReader.collect()
                    : collect(context.host()));

    static final String SOURCE = "/proc/net/{tcp,tcp6,udp,udp6}";
    /** The name of every process; the SSH facts read the same answer. */
    static final String PROCESS_NAMES = "grep -H '' /proc/[0-9]*/comm 2>/dev/null; true";
    /**
     * Every socket inode each process holds: all of them rather than those of the listening sockets,
     * so the command needs no earlier answer and goes out in the first script.
     */
    static final String SOCKET_FDS = "ls -l /proc/[0-9]*/fd 2>&1 | grep -E "
            + "'^/proc/[0-9]+/fd:$|socket:\\[[0-9]+\\]$|Permission denied'";
    private static final String INTERFACES = "PATH=\"$PATH:/usr/sbin:/sbin\" ip -j addr show";

    private record Table(String file, Transport transport, IpFamily family) {
    }

    private static final List<Table> TABLES = List.of(new Table("tcp", Transport.TCP, IpFamily.IPV4),
            new Table("tcp6", Transport.TCP, IpFamily.IPV6), new Table("udp", Transport.UDP, IpFamily.IPV4),
            new Table("udp6", Transport.UDP, IpFamily.IPV6));

    private static final List<HostCommand> COMMANDS = List.of(HostCommand.plain("cat /proc/net/tcp"),
            HostCommand.plain("cat /proc/net/tcp6"), HostCommand.plain("cat /proc/net/udp"),
            HostCommand.plain("cat /proc/net/udp6"), HostCommand.privileged(SOCKET_FDS), HostCommand.plain(PROCESS_NAMES),
            HostCommand.plain(INTERFACES));

    private final Host host;

    private NetFactsCollector(Host host) {
        this.host = host;
    }

    static Fact<SocketInventory> collect(Host host) {
        try {
            return new NetFactsCollector(host).collect();
        } catch (HostException e) {
            return Fact.unknown(e.getMessage(), List.of());
        }
    }

    private Fact<SocketInventory> collect() throws HostException {
        List<ListeningSocket> sockets = new ArrayList<>();
        for (Table table : TABLES) {
            String path = "/proc/net/" + table.file();
            CommandResult read = host.run("cat " + path);
            if (!read.succeeded() && table.family() == IpFamily.IPV6 && read.stderr().contains("No such file")) {
                continue; // a kernel without IPv6 has no IPv6 sockets
            }
            if (!read.succeeded()) {
                return Fact.unknown("cannot read the socket table " + path + ": " + read.firstErrorLine(),
                        List.of("cat " + path + ": " + read.firstErrorLine()));
            }
            try {
                sockets.addAll(ProcNetParser.parse(read.stdout(), table.transport(), table.family()));
            } catch (IllegalArgumentException e) {
                return Fact.unknown("the socket table " + path + " cannot be understood: " + e.getMessage(),
                        List.of(read.stdout().lines().limit(3).collect(Collectors.joining(" | "))));
            }
        }
        List<ListeningSocket> owned = owners(sockets);
        List<HostInterface> interfaces = new ArrayList<>();
        String interfacesNote = readInterfaces(interfaces);
        return Fact.known(new SocketInventory(SOURCE, owned, interfaces, interfacesNote));
    }

    /** The sockets with their owning processes, or each with the reason its owner is unknown. */
    private List<ListeningSocket> owners(List<ListeningSocket> sockets) throws HostException {
        if (sockets.isEmpty()) {
            return sockets;
        }
        CommandResult listing = host.runPrivileged(SOCKET_FDS);
        if (!listing.stdout().contains("/proc/")) {
            String why = "process unknown: not permitted (" + listing.firstErrorLine() + ")";
            return sockets.stream().map(s -> s.withProcesses(List.of(), why)).toList();
        }
        SocketOwners owners = SocketOwners.parse(listing.stdout());
        if (!owners.pids().isEmpty()) {
            owners = owners.withNames(host.run(PROCESS_NAMES).stdout());
        }
        return sockets.stream().map(owners::attach).toList();
    }

    /** Fills in the interfaces; returns why they are unknown, or an empty string. */
    private String readInterfaces(List<HostInterface> out) throws HostException {
        CommandResult ip = host.run(INTERFACES);
        if (ip.succeeded()) {
            try {
                out.addAll(InterfaceParsers.parseIpJson(ip.stdout()));
                return "";
            } catch (IllegalArgumentException e) {
                // an iproute2 without JSON output: the kernel's own files say the same
            }
        }
        CommandResult inet6 = host.run("cat /proc/net/if_inet6 2>/dev/null; true");
        CommandResult fib = host.run("cat /proc/net/fib_trie");
        if (!fib.succeeded()) {
            return "neither ip -j addr nor /proc/net/fib_trie could be read (" + fib.firstErrorLine() + ")";
        }
        try {
            out.addAll(InterfaceParsers.parseProc(inet6.stdout(), fib.stdout()));
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
