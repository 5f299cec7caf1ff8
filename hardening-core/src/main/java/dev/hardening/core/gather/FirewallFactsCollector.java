package dev.hardening.core.gather;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.firewall.FirewallRuleset;
import dev.hardening.core.facts.firewall.Forwarding;
import dev.hardening.core.facts.firewall.IptablesSaveParser;
import dev.hardening.core.facts.firewall.NftJsonParser;
import dev.hardening.core.facts.firewall.ParsedRuleset;
import dev.hardening.core.facts.net.IpFamily;
import dev.hardening.core.family.FactSource;
import dev.hardening.core.family.GatherContext;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.HostCommand;
import dev.hardening.core.host.HostException;

/**
 * Reads the host's real firewall rules with every tool it has: {@code nft -j list ruleset}, and
 * iptables-save / ip6tables-save for both the nft and the legacy backend (the kernel may hold rules
 * of both at once), and whether the kernel forwards (DNATed ports are reached through forward).
 * Reading the rules needs root, so it goes through {@code sudo -n} when configured.
 */
public final class FirewallFactsCollector {
    /** The inbound rules from nftables and iptables/ip6tables. */
    public static final FactSource<FirewallRuleset> SOURCE = FactSource.remote(FirewallRuleset.KEY,
            FirewallFactsCollector::commands, context -> collect(context.host()));

    private static final String SBIN_PATH = "PATH=\"$PATH:/usr/sbin:/sbin\"; ";
    private static final String INSTALLED = SBIN_PATH + "for c in nft iptables-nft-save ip6tables-nft-save "
            + "iptables-legacy-save ip6tables-legacy-save iptables-save ip6tables-save; do "
            + "command -v \"$c\" >/dev/null 2>&1 && echo \"$c\"; done; true";
    private static final String IPV6 = "test -e /proc/net/if_inet6";
    private static final String NFT = SBIN_PATH + "nft -j list ruleset";
    private static final String FORWARDING = "for f in " + Forwarding.IPV4_FILE + " " + Forwarding.IPV6_FILE
            + "; do printf '%s=' \"$f\"; cat \"$f\" 2>/dev/null || echo unreadable; done";

    /** An iptables-save flavour: the command, the family it shows, and the name its chains carry. */
    private record SaveTool(String command, IpFamily family, String tool) {
    }

    private static final List<SaveTool> BACKEND_TOOLS = List.of(
            new SaveTool("iptables-nft-save", IpFamily.IPV4, "iptables-nft"),
            new SaveTool("ip6tables-nft-save", IpFamily.IPV6, "ip6tables-nft"),
            new SaveTool("iptables-legacy-save", IpFamily.IPV4, "iptables-legacy"),
            new SaveTool("ip6tables-legacy-save", IpFamily.IPV6, "ip6tables-legacy"));
    /** Where the backend variants are not installed separately, the plain tools (their header names the backend). */
    private static final List<SaveTool> PLAIN_TOOLS = List.of(new SaveTool("iptables-save", IpFamily.IPV4, "iptables"),
            new SaveTool("ip6tables-save", IpFamily.IPV6, "ip6tables"));

    private FirewallFactsCollector() {
    }

    /** The tool list and the kernel's files first; once the list is in, the rulesets of the tools it names. */
    private static List<HostCommand> commands(GatherContext context) {
        List<HostCommand> commands = new ArrayList<>(List.of(HostCommand.plain(INSTALLED), HostCommand.plain(IPV6),
                HostCommand.plain(FORWARDING)));
        context.fetched(INSTALLED, false).ifPresent(listed -> {
            Set<String> installed = installed(listed);
            if (installed.contains("nft")) {
                commands.add(HostCommand.privileged(NFT));
            }
            saveTools(installed).forEach(t -> commands.add(HostCommand.privileged(SBIN_PATH + t.command())));
        });
        return commands;
    }

    private static Set<String> installed(CommandResult listed) {
        return listed.stdout().lines().map(String::strip).collect(Collectors.toSet());
    }

    /** The backend variants where any is installed, else the plain tools; those installed. */
    private static List<SaveTool> saveTools(Set<String> installed) {
        List<SaveTool> tools = BACKEND_TOOLS.stream().filter(t -> installed.contains(t.command())).toList();
        return tools.isEmpty() ? PLAIN_TOOLS.stream().filter(t -> installed.contains(t.command())).toList() : tools;
    }

    static Fact<FirewallRuleset> collect(Host host) {
        try {
            return read(host);
        } catch (HostException e) {
            return Fact.unknown(e.getMessage(), List.of());
        }
    }

    private static Fact<FirewallRuleset> read(Host host) throws HostException {
        Set<String> installed = installed(host.run(INSTALLED));
        if (installed.isEmpty()) {
            return Fact.unknown("neither nft nor iptables-save is installed, so the firewall ruleset cannot be read "
                    + "(install nftables or iptables)", List.of("command -v nft iptables-save ...: none found"));
        }
        boolean ipv6 = host.run(IPV6).exitStatus() == 0;
        List<ParsedRuleset> parsed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        if (installed.contains("nft")) {
            CommandResult nft = host.runPrivileged(NFT);
            if (nft.succeeded()) {
                parse(() -> NftJsonParser.parse(nft.stdout()), "nft -j list ruleset", parsed, failures);
            } else {
                failures.add("nft -j list ruleset: " + nft.firstErrorLine());
            }
        }
        boolean plain = BACKEND_TOOLS.stream().noneMatch(t -> installed.contains(t.command()));
        for (SaveTool tool : saveTools(installed)) {
            CommandResult save = host.runPrivileged(SBIN_PATH + tool.command());
            if (save.succeeded()) {
                String name = plain ? tool.tool() + (save.stdout().contains("(nf_tables)") ? "-nft" : "-legacy")
                        : tool.tool();
                parse(() -> IptablesSaveParser.parse(save.stdout(), tool.family(), name), tool.command(), parsed,
                        failures);
            } else {
                failures.add(tool.command() + ": " + save.firstErrorLine());
            }
        }
        if (!failures.isEmpty()) {
            return Fact.unknown("the firewall ruleset cannot be read: " + String.join("; ", failures)
                    + (host.usesSudo() ? "" : " (reading it needs root: run the gate as root or set sudo: true "
                            + "with NOPASSWD for nft and iptables-save)"), failures);
        }
        Forwarding forwarding = Forwarding.parse(host.run(FORWARDING).stdout());
        return Fact.known(FirewallRuleset.combine(parsed, ipv6, forwarding));
    }

    private static void parse(Supplier<ParsedRuleset> parse, String command, List<ParsedRuleset> parsed, List<String> failures) {
        try {
            parsed.add(parse.get());
        } catch (IllegalArgumentException e) {
            failures.add(command + " printed something that is not a ruleset: " + e.getMessage());
        }
    }
}
