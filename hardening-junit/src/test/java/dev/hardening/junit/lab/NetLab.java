package dev.hardening.junit.lab;

import java.util.List;

import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.FirewallChecksConfig;
import dev.hardening.core.policy.PortsChecksConfig;
import dev.hardening.lab.LabHost;

/** Listeners, interfaces and rulesets the network lab tests put on their hosts. */
final class NetLab {
    /** A TCP listener named like a database: {@code postgres PORT ADDRESS} binds, listens, and waits. */
    static final String POSTGRES = "#!/usr/bin/python3\n"
            + "import socket, sys, time\n"
            + "port, address = int(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else '0.0.0.0'\n"
            + "s = socket.socket(socket.AF_INET6 if ':' in address else socket.AF_INET)\n"
            + "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
            + "s.bind((address, port)); s.listen(); time.sleep(1e6)\n";
    /** A UDP listener named like an SNMP agent: {@code snmpd} on 0.0.0.0:161. */
    static final String SNMPD = "#!/usr/bin/python3\n"
            + "import socket, time\n"
            + "u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('0.0.0.0', 161)); time.sleep(1e6)\n";
    /** The simulated public interface: a veth pair kept inside the host, 198.18.0.10 on veth-pub. */
    static final String PUBLIC_VETH = "ip link add veth-pub type veth peer name veth-peer && "
            + "ip addr add 198.18.0.10/24 dev veth-pub && ip link set veth-pub up && ip link set veth-peer up";
    /** Default-deny for IPv4 and IPv6 that keeps SSH reachable. */
    static final String INET_DROP = "table inet filter {\n  chain input {\n"
            + "    type filter hook input priority filter; policy drop;\n"
            + "    ct state established,related accept\n    iif \"lo\" accept\n    tcp dport 22 accept\n  }\n}\n";

    private NetLab() {
    }

    /** Puts the listener scripts in place ({@code .file} writes 0644) and starts a listener in the background. */
    static String start(String command) {
        return "chmod 755 /usr/local/bin/postgres /usr/local/bin/snmpd; (cd / && exec " + command + " >/dev/null 2>&1 &)";
    }

    static LabHost.Builder withListenerScripts(LabHost.Builder builder) {
        return builder.file("/usr/local/bin/postgres", POSTGRES).file("/usr/local/bin/snmpd", SNMPD);
    }

    /** Loads a ruleset with nft before sshd starts. */
    static LabHost.Builder withNftRuleset(LabHost.Builder builder, String ruleset) {
        return builder.netAdmin().file("/etc/nftables.conf", ruleset).setup("nft -f /etc/nftables.conf");
    }

    static ChecksConfig portsAllowing(String... ports) {
        return ChecksConfig.DEFAULT.with(PortsChecksConfig.KEY, new PortsChecksConfig(true, List.of(ports), null));
    }

    static ChecksConfig firewallWithProbe() {
        return ChecksConfig.DEFAULT.with(FirewallChecksConfig.KEY, new FirewallChecksConfig(true, true, true));
    }
}
