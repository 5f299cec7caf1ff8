package dev.hardening.core.checks;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.net.Exposure;
import dev.hardening.core.facts.net.ListeningSocket;
import dev.hardening.core.facts.net.SocketInventory;
import dev.hardening.core.facts.HostFacts;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.util.Cidr;
import dev.hardening.core.util.IpAddresses;
import dev.hardening.core.policy.PortsChecksConfig;
import dev.hardening.core.family.FindingFactory;
import dev.hardening.core.family.FactCheck;
import dev.hardening.core.model.Subject;

/**
 * {@code ports.private-only}: every listening TCP and UDP socket is bound to loopback or a private
 * network, except the ports the policy allows in public. One FAIL per public socket outside the
 * allowlist; then, always, the full socket inventory (like {@code ss -plunt}) as an informational
 * finding that waivers never touch.
 */
public final class PortsPrivateOnlyCheck extends FactCheck<SocketInventory> {
    public PortsPrivateOnlyCheck() {
        super(CheckId.PORTS_PRIVATE_ONLY, Severity.HIGH, SocketInventory.KEY);
    }

    @Override
    public boolean enabled(ChecksConfig config) {
        return config.get(PortsChecksConfig.KEY).enabled();
    }


    @Override
    protected List<Finding> judge(SocketInventory inventory, FindingFactory findings, ChecksConfig config) {
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
        results.add(findings.pass(results.isEmpty()
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
