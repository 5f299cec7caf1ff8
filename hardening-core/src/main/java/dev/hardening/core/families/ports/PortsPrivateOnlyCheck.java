package dev.hardening.core.families.ports;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.HostFacts;
import dev.hardening.core.facts.firewall.FirewallRuleset;
import dev.hardening.core.facts.firewall.InterfaceNames;
import dev.hardening.core.facts.firewall.PublishedPort;
import dev.hardening.core.facts.net.Exposure;
import dev.hardening.core.facts.net.ListeningSocket;
import dev.hardening.core.facts.net.SocketInventory;
import dev.hardening.core.family.BaseCheck;
import dev.hardening.core.family.FindingFactory;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Subject;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.PortsChecksConfig;
import dev.hardening.core.util.Cidr;
import dev.hardening.core.util.IpAddresses;

/**
 * {@code ports.private-only}: every listening TCP and UDP socket is bound to loopback or a private
 * network, except the ports the policy allows in public. One FAIL per public socket outside the
 * allowlist, and one per port the firewall publishes to a container or VM by destination NAT that
 * a packet from outside can reach (Docker, Podman, libvirt and Kubernetes NodePorts publish this way,
 * with no socket listening on the host); then, always, the full socket inventory (like
 * {@code ss -plunt}) as an informational finding that waivers never touch.
 */
public final class PortsPrivateOnlyCheck extends BaseCheck {

    public PortsPrivateOnlyCheck() {
        super(CheckId.PORTS_PRIVATE_ONLY, Severity.HIGH, SocketInventory.KEY, FirewallRuleset.KEY);
    }

    @Override
    public boolean enabled(ChecksConfig config) {
        return config.get(PortsChecksConfig.KEY).enabled();
    }

    @Override
    public List<Finding> evaluate(HostFacts facts, ChecksConfig config) {
        FindingFactory findings = new FindingFactory(facts.hostName(), id(), severity());
        Fact<SocketInventory> sockets = facts.get(SocketInventory.KEY);
        if (!(sockets instanceof Fact.Known<SocketInventory> inventory)) {
            return List.of(findings.unavailable(sockets));
        }
        List<Finding> published = published(facts.get(FirewallRuleset.KEY), sockets, findings, config);
        List<Finding> results = new ArrayList<>(judge(inventory.value(), findings, config, !published.isEmpty()));
        // the inventory stays the last finding, after every problem
        results.addAll(results.size() - 1, published);
        return results;
    }

    /**
     * The DNAT-published ports a packet from outside can reach, outside the allowlist. A firewall that
     * cannot be read may publish anything: that is an ERROR, never a silent pass.
     */
    private static List<Finding> published(Fact<FirewallRuleset> firewall, Fact<SocketInventory> sockets,
            FindingFactory findings, ChecksConfig config) {
        if (firewall instanceof Fact.Unknown<FirewallRuleset> unknown) {
            return List.of(findings.error("cannot tell whether the firewall publishes ports to containers or VMs by "
                    + "destination NAT: " + unknown.reason(), unknown.evidence()));
        }
        if (!(firewall instanceof Fact.Known<FirewallRuleset> known)) {
            return List.of();
        }
        List<PortAllowance> allowed = config.get(PortsChecksConfig.KEY).publicAllowed().stream()
                .map(PortAllowance::parse).toList();
        List<Finding> results = new ArrayList<>();
        for (PublishedPort port : known.value().publishedPorts(InterfaceNames.of(sockets))) {
            if (!port.reachable() || allowed.stream().anyMatch(a -> a.allows(port))) {
                continue;
            }
            results.add(findings.fail(new Subject.Port(port.published().from(), port.protocol(), "dnat " + port.target()),
                    port.portLabel() + " is reachable from outside: the firewall publishes it to " + port.target()
                            + " by destination NAT (" + port.rule().describe() + ")",
                    List.of(port.describe(), "read from " + String.join("; ", known.value().sources())),
                    "stop publishing " + port.portLabel() + " (publish it on 127.0.0.1 or a private address only, e.g. "
                            + "docker run -p 127.0.0.1:" + port.published().from() + ":...; or remove the DNAT rule), "
                            + "or drop it in DOCKER-USER / the forward chain; or, if it must be reachable from the "
                            + "internet, add \"" + port.portLabel() + "\" to checks.ports.publicAllowed"));
        }
        return results;
    }

    private static List<Finding> judge(SocketInventory inventory, FindingFactory findings, ChecksConfig config,
            boolean publishedProblems) {
        List<Cidr> privateNetworks = config.get(PortsChecksConfig.KEY).privateNetworks().stream().map(Cidr::parse).toList();
        List<PortAllowance> allowed = config.get(PortsChecksConfig.KEY).publicAllowed().stream().map(PortAllowance::parse).toList();
        List<Finding> results = new ArrayList<>();
        List<String> inventoryLines = new ArrayList<>();
        inventoryLines.add("listening sockets from " + inventory.source() + ":");
        int publicCount = 0;
        for (ListeningSocket socket : inventory.sockets()) {
            Exposure exposure = Exposure.of(socket, privateNetworks, inventory);
            Optional<PortAllowance> allowance = allowed.stream().filter(a -> a.allows(socket)).findFirst();
            inventoryLines.add(socket.inventoryLine() + "  [" + (exposure.isPublic() ? "public" : "private") + ": "
                    + exposure.where() + allowance.filter(a -> exposure.isPublic())
                            .map(a -> "; allowed by publicAllowed \"" + a.text() + "\"").orElse("") + "]");
            if (!exposure.isPublic()) {
                continue;
            }
            publicCount++;
            if (allowance.isEmpty()) {
                results.add(findings.fail(new Subject.Port(socket.port(), socket.transport().label(),
                        socket.endpoint().substring(0, socket.endpoint().lastIndexOf(':'))),
                        socket.portLabel() + " is reachable from outside: " + socket.ownerNames()
                        + " listens on " + socket.endpoint() + ", " + exposure.where(),
                        failureEvidence(socket, exposure, inventory), remediation(socket, inventory, privateNetworks)));
            }
        }
        inventoryLines.addAll(inventory.interfaceLines());
        int total = inventory.sockets().size();
        String counts = total + " listening socket(s), " + publicCount + " public";
        results.add(findings.pass(results.isEmpty() && !publishedProblems
                ? "no socket is public outside the allowlist (" + counts + ")"
                : "socket inventory, for information: " + counts + "; the failures name the ones to fix",
                inventoryLines));
        return results;
    }

    private static List<String> failureEvidence(ListeningSocket socket, Exposure exposure, SocketInventory inventory) {
        List<String> lines = new ArrayList<>();
        lines.add(socket.inventoryLine());
        lines.add("public because it is bound to " + exposure.where());
        lines.addAll(inventory.interfaceLines());
        lines.add("read from " + inventory.source());
        return lines;
    }

    /** Bind to a private address of the same family (naming the ones the host has), or allow the port. */
    private static String remediation(ListeningSocket socket, SocketInventory inventory, List<Cidr> privateNetworks) {
        boolean ipv4 = socket.address() instanceof Inet4Address;
        String privateAddresses = inventory.interfaces().stream().flatMap(i -> i.addresses().stream()
                .filter(a -> (a.network() instanceof Inet4Address) == ipv4)
                .filter(a -> a.network().isLoopbackAddress() || privateNetworks.stream().anyMatch(n -> n.contains(a.network())))
                .map(a -> IpAddresses.format(a.network()) + (i.name().equals("?") ? "" : " (" + i.name() + ")")))
                .distinct().collect(Collectors.joining(", "));
        String who = socket.processes().isEmpty() ? "the service" : socket.processes().get(0).name();
        return "bind " + who + " to a private address" + (privateAddresses.isEmpty() ? "" : " such as " + privateAddresses)
                + " instead of " + socket.endpoint() + " in its configuration and restart it; or, if " + socket.portLabel()
                + " must be reachable from the internet, add \"" + socket.portLabel() + "\" to checks.ports.publicAllowed";
    }
}
