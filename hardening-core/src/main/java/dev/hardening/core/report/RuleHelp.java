package dev.hardening.core.report;

import java.util.Map;

import dev.hardening.core.model.CheckId;

/**
 * What a check proves and how its failures are fixed, in general: SARIF's rule descriptions and help, which
 * dashboards show beside every result of the rule. A finding's own fix names the file, line or package.
 *
 * @param description what the check decides and from which facts
 * @param help how a failure of the check is usually fixed
 */
record RuleHelp(String description, String help) {
    private static final Map<String, RuleHelp> BUILT_IN = Map.of(
            "ssh.key-only", new RuleHelp("Every listening sshd's effective configuration (sshd -T -C, Match blocks "
                    + "included) disables password and keyboard-interactive authentication, and the server on the wire "
                    + "offers only publickey.",
                    "Set PasswordAuthentication no and KbdInteractiveAuthentication no in sshd_config (and in every "
                            + "Match block and drop-in that sets them), then reload sshd."),
            "ssh.root-login", new RuleHelp("Every listening sshd's effective PermitRootLogin is no (or "
                    + "prohibit-password where the policy allows it).",
                    "Set PermitRootLogin no in sshd_config and in every Match block or drop-in that overrides it, "
                            + "then reload sshd; log in as a user and use sudo."),
            "ssh.crypto", new RuleHelp("sshd offers no weak key exchange, cipher, MAC or host-key algorithm, on the "
                    + "wire and in sshd -T.",
                    "Remove the named algorithms from KexAlgorithms, Ciphers, MACs and HostKeyAlgorithms in "
                            + "sshd_config, then reload sshd."),
            "ports.private-only", new RuleHelp("Every listening TCP and UDP socket is bound to loopback or a private "
                    + "network, except the ports the policy allows publicly; a wildcard address counts as public.",
                    "Bind the service to 127.0.0.1 or a private address, stop it, or add the port to "
                            + "checks.ports.publicAllowed when it is meant to be public."),
            "firewall.default-deny", new RuleHelp("The firewall's rule graph (nftables, iptables, ufw or firewalld) "
                    + "drops inbound traffic that no rule accepts, for IPv4 and IPv6.",
                    "Give the input hook a drop policy for IPv4 and IPv6 (nft: policy drop; ufw default deny "
                            + "incoming) and accept only the ports that must be reachable."),
            "tls.chain", new RuleHelp("Each TLS endpoint presents a complete chain to a trusted anchor, for the "
                    + "expected host name, valid for at least the policy's number of days.",
                    "Serve the full chain (leaf and intermediates) from a trusted CA for the endpoint's name, and "
                            + "renew before the certificate gets close to expiry."),
            "tls.protocols", new RuleHelp("Each TLS endpoint refuses protocol versions below the policy's minimum "
                    + "(TLS 1.2 by default).",
                    "Disable SSLv3, TLS 1.0 and TLS 1.1 in the server's TLS configuration (ssl_protocols, "
                            + "SSLProtocol, MinProtocol)."),
            "packages.up-to-date", new RuleHelp("No (security) update is pending on a fresh package index and no "
                    + "reboot is pending.",
                    "Install the pending updates (apt-get install --only-upgrade, dnf upgrade --security) and "
                            + "reboot when the host asks for it."),
            "packages.auto-updates", new RuleHelp("Updates are installed automatically (unattended-upgrades, "
                    + "dnf-automatic) and the timers that run them are enabled.",
                    "Install and enable unattended-upgrades or dnf-automatic with its timer."),
            "host.connection", new RuleHelp("The gate could reach the host and proved its SSH host key; without "
                    + "that no other check of the host has an answer.",
                    "Make the host reachable from the gate, and put its host key in known_hosts or pin it in the "
                            + "policy (hostKey)."));

    /** The built-in check's help, or for another check its title and the advice to read each result's fix. */
    static RuleHelp of(CheckId check) {
        return BUILT_IN.getOrDefault(check.id(), new RuleHelp(check.title() + ".",
                "Each result of this check names its own fix."));
    }
}
