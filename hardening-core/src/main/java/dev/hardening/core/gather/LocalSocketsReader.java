package dev.hardening.core.gather;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.net.HostInterface;
import dev.hardening.core.facts.net.IpFamily;
import dev.hardening.core.facts.net.ListeningSocket;
import dev.hardening.core.facts.net.ProcessRef;
import dev.hardening.core.facts.net.SocketInventory;
import dev.hardening.core.facts.net.Transport;
import dev.hardening.core.util.Cidr;
import dev.hardening.core.util.IpAddresses;
import oshi.SystemInfo;
import oshi.hardware.NetworkIF;
import oshi.software.os.InternetProtocolStats.IPConnection;
import oshi.software.os.InternetProtocolStats.TcpState;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * The machine running the gate's listening sockets and interfaces through OSHI, which reads the same
 * kernel tables as {@link NetFactsCollector} and also works where there is no {@code /proc}. OSHI
 * sees the processes the gate's own user may look into; it does not tell socket inodes or fds.
 */
final class LocalSocketsReader {
    static final String SOURCE = "OSHI (the local machine's socket tables)";

    private LocalSocketsReader() {
    }

    static Fact<SocketInventory> collect() {
        try {
            SystemInfo system = new SystemInfo();
            OperatingSystem os = system.getOperatingSystem();
            boolean root = "root".equals(System.getProperty("user.name"));
            List<ListeningSocket> sockets = new ArrayList<>();
            for (IPConnection c : os.getInternetProtocolStats().getConnections()) {
                socket(c, os, root).ifPresent(sockets::add);
            }
            List<HostInterface> interfaces = system.getHardware().getNetworkIFs(true).stream()
                    .map(LocalSocketsReader::hostInterface).toList();
            return Fact.known(new SocketInventory(SOURCE, sockets, interfaces, ""));
        } catch (RuntimeException | UnknownHostException e) {
            return Fact.unknown("OSHI could not read the local socket tables: " + e, List.of());
        }
    }

    private static Optional<ListeningSocket> socket(IPConnection c, OperatingSystem os, boolean root)
            throws UnknownHostException {
        Transport transport = c.getType().startsWith("tcp") ? Transport.TCP : Transport.UDP;
        boolean listening = transport == Transport.TCP ? c.getState() == TcpState.LISTEN
                : c.getForeignPort() == 0 && isZero(c.getForeignAddress());
        if (!listening) {
            return Optional.empty();
        }
        IpFamily family = c.getType().endsWith("6") ? IpFamily.IPV6 : IpFamily.IPV4;
        InetAddress address = InetAddress.getByAddress(c.getLocalAddress().length == 0
                ? new byte[family == IpFamily.IPV4 ? 4 : 16] : c.getLocalAddress());
        int pid = c.getowningProcessId();
        OSProcess process = pid >= 0 ? os.getProcess(pid) : null;
        List<ProcessRef> owners = process == null ? List.of() : List.of(new ProcessRef(pid, process.getName(), -1));
        String note = !owners.isEmpty() ? "" : root
                ? "process unknown: no process holds it (a kernel socket, or the process just ended)"
                : "process unknown: not permitted (the gate runs as " + System.getProperty("user.name") + ")";
        return Optional.of(new ListeningSocket(transport, family, address, c.getLocalPort(), 0, owners, note));
    }

    private static boolean isZero(byte[] address) {
        for (byte b : address) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static HostInterface hostInterface(NetworkIF nif) {
        List<Cidr> addresses = new ArrayList<>();
        add(addresses, nif.getIPv4addr(), nif.getSubnetMasks());
        add(addresses, nif.getIPv6addr(), nif.getPrefixLengths());
        return new HostInterface(nif.getName(), addresses);
    }

    private static void add(List<Cidr> out, String[] addresses, Short[] prefixes) {
        for (int i = 0; i < addresses.length; i++) {
            int prefix = i < prefixes.length && prefixes[i] != null ? prefixes[i] : -1;
            IpAddresses.parse(addresses[i]).ifPresent(a -> out.add(new Cidr(a,
                    prefix >= 0 && prefix <= a.getAddress().length * 8 ? prefix : a.getAddress().length * 8)));
        }
    }
}
