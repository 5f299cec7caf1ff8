package dev.hardening.core.gather;

import java.net.InetSocketAddress;
import java.util.Optional;

import dev.hardening.core.policy.HostSpec;

/**
 * Where the firewall probe ({@code firewall: { probe: true }}) connects to reach a port of a host: always
 * an address of that host, never anything else. By default the policy's address of the host and the
 * port itself; the local machine is not probed (loopback skips the firewall rules that matter). Lab
 * hosts route to their container's address or a forwarded port.
 */
@FunctionalInterface
public interface ProbeRoutes {

    /** The policy's address; none for the local machine, nor for a host behind a bastion (only the bastion reaches it). */
    ProbeRoutes DIRECT = (host, port) -> host.isLocal() || host.behindBastion() ? Optional.empty()
            : Optional.of(new InetSocketAddress(host.address(), port));

    /** The address and port that reach {@code port} of {@code host}; empty when there is none. */
    Optional<InetSocketAddress> route(HostSpec host, int port);
}
