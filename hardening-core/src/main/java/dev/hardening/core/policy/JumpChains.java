package dev.hardening.core.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bastions of {@code jump:}, as OpenSSH's {@code ProxyJump} reads them: first hop first, each the
 * name of another host of the policy (which brings its own user, identity, known_hosts and bastions)
 * or {@code [user@]host[:port]}, reached with the target's identity and known_hosts and, unless given,
 * the target's user.
 */
public final class JumpChains {
    /** {@code user@host:port}, {@code host}, {@code user@[2001:db8::1]:2222}. */
    private static final Pattern ENTRY = Pattern.compile(
            "(?:(?<user>[^@\\s/\\[\\]:]+)@)?(?:\\[(?<v6>[0-9A-Fa-f:.]+)]|(?<host>[^@\\s/\\[\\]:]+))(?::(?<port>\\d{1,5}))?");
    /** {@code jump: none}: OpenSSH's word for a direct connection, which also keeps a default bastion away. */
    static final List<String> NONE = List.of("none");
    /** OpenSSH chains no further than this; a longer chain is a loop or a mistake. */
    static final int MAX_HOPS = 8;

    /** One written hop: a policy host's name or an address, with the user and port it gives. */
    public record Hop(Optional<String> user, String host, Optional<Integer> port) {
    }

    private JumpChains() {
    }

    /**
     * The entries of a {@code jump:} value, comma-separated texts split as OpenSSH splits {@code ProxyJump};
     * {@code none} stays, alone, as {@link #NONE}.
     *
     * @throws IllegalArgumentException naming an entry that is neither a name nor {@code [user@]host[:port]}
     */
    static List<String> entries(List<String> written) {
        if (written == null) {
            return List.of();
        }
        List<String> entries = new ArrayList<>();
        for (String text : written) {
            if (text == null) {
                throw new IllegalArgumentException("jump has an empty entry");
            }
            for (String entry : text.split(",", -1)) {
                String hop = entry.strip();
                parse(hop);
                entries.add(hop);
            }
        }
        if (entries.contains("none") && entries.size() > 1) {
            throw new IllegalArgumentException("jump: none means a direct connection and cannot be part of a chain");
        }
        if (entries.size() > MAX_HOPS) {
            throw new IllegalArgumentException("jump lists " + entries.size() + " bastions, more than the " + MAX_HOPS
                    + " a chain may have");
        }
        return List.copyOf(entries);
    }

    /** Reads one entry. @throws IllegalArgumentException when it is not {@code [user@]host[:port]} */
    public static Hop parse(String entry) {
        Matcher m = ENTRY.matcher(entry);
        if (entry.startsWith("ssh://")) {
            m = ENTRY.matcher(entry.substring("ssh://".length()));
        }
        if (!m.matches()) {
            throw new IllegalArgumentException("jump entry must be the name of a host of the policy or "
                    + "[user@]host[:port], got '" + entry + "'");
        }
        Optional<Integer> port = Optional.ofNullable(m.group("port")).map(Integer::valueOf);
        if (port.isPresent() && (port.get() < 1 || port.get() > 65535)) {
            throw new IllegalArgumentException("jump entry '" + entry + "': port must be 1-65535, got " + port.get());
        }
        return new Hop(Optional.ofNullable(m.group("user")), m.group("v6") != null ? m.group("v6") : m.group("host"),
                port);
    }

    /**
     * The hosts the target is reached through, first hop first: its resolved {@code via} when the loader
     * set it, else its {@code jump} entries read as addresses.
     */
    public static List<HostSpec> hops(HostSpec target) {
        return target.via().isEmpty() ? resolve(target, Map.of(), UnaryOperator.identity()) : target.via();
    }

    /**
     * The target's bastions, first hop first: entries naming a host of {@code byName} are that host (behind its
     * own bastions), the others addresses completed by {@code complete} (an ssh config's {@code Host} block)
     * and then from the target.
     *
     * @throws IllegalArgumentException for a loop of bastions, a chain longer than {@link #MAX_HOPS}, or an
     *     entry that is neither a name nor an address
     */
    static List<HostSpec> resolve(HostSpec target, Map<String, HostSpec> byName, UnaryOperator<HostSpec> complete) {
        List<HostSpec> chain = new ArrayList<>();
        expand(target, byName, complete, new LinkedHashSet<>(List.of(target.name())), chain);
        if (chain.size() > MAX_HOPS) {
            throw new IllegalArgumentException("host " + target.name() + " is reached through " + chain.size()
                    + " bastions, more than the " + MAX_HOPS + " a chain may have");
        }
        return List.copyOf(chain);
    }

    private static void expand(HostSpec host, Map<String, HostSpec> byName, UnaryOperator<HostSpec> complete,
            Set<String> path, List<HostSpec> chain) {
        if (path.size() > MAX_HOPS + 1) {
            throw new IllegalArgumentException("host " + path.iterator().next() + " is reached through more than "
                    + MAX_HOPS + " bastions: " + String.join(" -> ", path));
        }
        for (String entry : host.jump().equals(NONE) ? List.<String>of() : host.jump()) {
            HostSpec hop = byName.containsKey(entry) ? byName.get(entry) : inline(entry, host, complete);
            if (!path.add(hop.name())) {
                throw new IllegalArgumentException("jump of host " + host.name() + " loops: " + String.join(" -> ", path)
                        + " -> " + hop.name());
            }
            if (hop.isLocal()) {
                throw new IllegalArgumentException("jump of host " + host.name() + " names " + hop.name()
                        + ", which is address: local; a bastion is reached over SSH");
            }
            expand(hop, byName, complete, path, chain);
            chain.add(hop.withVia(List.of()));
            path.remove(hop.name());
        }
    }

    /**
     * A bastion written as an address: what the entry and {@code complete} do not say comes from the host behind
     * it (user, identity, known_hosts, passphrase, agent).
     */
    private static HostSpec inline(String entry, HostSpec behind, UnaryOperator<HostSpec> complete) {
        Hop hop = parse(entry);
        HostSpec bare;
        try {
            HostSpec.Builder b = HostSpec.builder(hop.host()).name(entry).port(hop.port().orElse(22));
            hop.user().ifPresent(b::user);
            bare = b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("jump entry '" + entry + "' is not a host of the policy, and as an "
                    + "address: " + e.getMessage(), e);
        }
        HostSpec c = complete.apply(bare);
        return new HostSpec(c.name(), c.address(), c.port(), c.user() != null ? c.user() : behind.user(),
                c.identity() != null ? c.identity() : behind.identity(), behind.passphraseEnv(),
                c.knownHosts() != null ? c.knownHosts() : behind.knownHosts(), null, false, List.of(), null, c.jump(),
                c.agent() != null ? c.agent() : behind.agent(), null);
    }
}
