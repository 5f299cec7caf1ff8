package dev.hardening.core.facts.ssh;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.hardening.core.util.Cidr;

/** Evaluates Match criteria as sshd does, and builds connections that enter a given Match block. */
public final class MatchCriteria {
    private MatchCriteria() {
    }

    /** A criterion (such as {@code RDomain} without a value) that cannot be evaluated here. */
    public static final class UnsupportedCriterionException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedCriterionException(String message) {
            super(message);
        }
    }

    public static boolean matches(MatchBlock block, ConnectionSpec spec, UserDirectory users) {
        for (MatchBlock.Criterion c : block.criteria()) {
            if (!matches(c, spec, users)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(MatchBlock.Criterion c, ConnectionSpec spec, UserDirectory users) {
        return switch (c.type()) {
            case "all" -> true;
            case "user" -> Patterns.patternList(spec.user(), c.patterns(), false);
            case "group" -> users.exists(spec.user())
                    && groupListMatches(users.groupsOf(spec.user()), c.patterns());
            case "host" -> Patterns.patternList(spec.host(), c.patterns(), true);
            case "address" -> Patterns.addressList(spec.addr(), c.patterns());
            case "localaddress" -> Patterns.addressList(spec.laddr(), c.patterns());
            case "localport" -> c.patterns().strip().equals(String.valueOf(spec.lport()));
            case "rdomain" -> spec.rdomain() != null && Patterns.patternList(spec.rdomain(), c.patterns(), false);
            default -> throw new UnsupportedCriterionException("Match criterion '" + c.type()
                    + "' is not supported by this analysis");
        };
    }

    /** {@code ga_match_pattern_list}: a negated group the user is in excludes; a positive one includes. */
    private static boolean groupListMatches(Set<String> groups, String list) {
        boolean positive = false;
        for (String raw : list.split(",")) {
            String entry = raw.strip();
            boolean negated = entry.startsWith("!");
            String pattern = negated ? entry.substring(1) : entry;
            boolean hit = groups.stream().anyMatch(g -> Patterns.wildcard(g, pattern));
            if (hit && negated) {
                return false;
            }
            positive |= hit;
        }
        return positive;
    }

    /**
     * A connection that enters {@code block}: {@code base} changed only where a criterion demands,
     * with {@code preferredUser} as the user when the criteria allow it.
     */
    public static Optional<ConnectionSpec> enter(MatchBlock block, ConnectionSpec base, String preferredUser,
            UserDirectory users) {
        ConnectionSpec spec = base.withUser(preferredUser);
        Optional<MatchBlock.Criterion> userCriterion = criterion(block, "user");
        Optional<MatchBlock.Criterion> groupCriterion = criterion(block, "group");
        if (userCriterion.isPresent() || groupCriterion.isPresent()) {
            Set<String> candidates = new LinkedHashSet<>(List.of(preferredUser, base.user(), "root"));
            userCriterion.ifPresent(c -> Patterns.positives(c.patterns())
                    .forEach(p -> candidates.add(Patterns.instance(p, "x"))));
            candidates.addAll(users.groupsByUser().keySet());
            ConnectionSpec current = spec;
            Optional<String> user = candidates.stream().filter(u -> {
                ConnectionSpec s = current.withUser(u);
                return userCriterion.map(c -> matches(c, s, users)).orElse(true)
                        && groupCriterion.map(c -> matches(c, s, users)).orElse(true);
            }).findFirst();
            if (user.isEmpty()) {
                return Optional.empty();
            }
            spec = spec.withUser(user.get());
        }
        for (MatchBlock.Criterion c : block.criteria()) {
            spec = switch (c.type()) {
                case "host" -> satisfy(spec, c, users, hostCandidates(spec.host(), c), ConnectionSpec::withHost);
                case "address" -> satisfy(spec, c, users, addressCandidates(spec.addr(), c), ConnectionSpec::withAddr);
                case "localaddress" ->
                    satisfy(spec, c, users, addressCandidates(spec.laddr(), c), ConnectionSpec::withLaddr);
                case "localport" -> spec.withLport(parsePort(c.patterns()));
                case "rdomain" -> satisfy(spec, c, users, hostCandidates("default", c), ConnectionSpec::withRdomain);
                default -> spec;
            };
            if (spec == null) {
                return Optional.empty();
            }
        }
        return matches(block, spec, users) ? Optional.of(spec) : Optional.empty();
    }

    private static ConnectionSpec satisfy(ConnectionSpec spec, MatchBlock.Criterion c, UserDirectory users,
            List<String> candidates, java.util.function.BiFunction<ConnectionSpec, String, ConnectionSpec> with) {
        for (String candidate : candidates) {
            ConnectionSpec s = with.apply(spec, candidate);
            if (matches(c, s, users)) {
                return s;
            }
        }
        return null;
    }

    private static List<String> hostCandidates(String current, MatchBlock.Criterion c) {
        List<String> out = new ArrayList<>();
        out.add(current);
        Patterns.positives(c.patterns()).forEach(p -> out.add(Patterns.instance(p, "x")));
        return out;
    }

    private static List<String> addressCandidates(String current, MatchBlock.Criterion c) {
        List<String> out = new ArrayList<>();
        out.add(current);
        for (String p : Patterns.positives(c.patterns())) {
            if (p.contains("/")) {
                out.addAll(spread(Cidr.parse(p)));
            } else if (p.contains(":")) {
                out.add(Patterns.instance(p, "1"));
            } else {
                out.add(padIpv4(Patterns.instance(p, "1")));
            }
        }
        return out;
    }

    /**
     * Addresses spread over a network (its sample, the next one, one in the upper half and the last but
     * one), so that a negated address or subnet next to the sample does not hide the rest of the network.
     */
    private static List<String> spread(Cidr cidr) {
        byte[] base = cidr.sampleAddress().getAddress();
        int hostBits = base.length * 8 - cidr.prefixLength();
        java.math.BigInteger first = new java.math.BigInteger(1, base);
        List<java.math.BigInteger> values = new ArrayList<>(List.of(first));
        if (hostBits >= 2) {
            java.math.BigInteger size = java.math.BigInteger.ONE.shiftLeft(hostBits);
            java.math.BigInteger network = first.subtract(java.math.BigInteger.ONE);
            values.add(first.add(java.math.BigInteger.ONE));
            values.add(network.add(size.shiftRight(1)).add(java.math.BigInteger.ONE));
            values.add(network.add(size).subtract(java.math.BigInteger.TWO));
        }
        List<String> out = new ArrayList<>();
        for (java.math.BigInteger value : values) {
            byte[] raw = value.toByteArray();
            byte[] bytes = new byte[base.length];
            int copy = Math.min(raw.length, bytes.length);
            System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
            try {
                String address = java.net.InetAddress.getByAddress(bytes).getHostAddress();
                if (!out.contains(address)) {
                    out.add(address);
                }
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
            }
        }
        return out;
    }

    /** {@code 10.1} (from {@code 10.*}) becomes {@code 10.1.1.1}. */
    private static String padIpv4(String partial) {
        StringBuilder s = new StringBuilder(partial);
        long dots = partial.chars().filter(ch -> ch == '.').count();
        for (long i = dots; i < 3; i++) {
            s.append(".1");
        }
        return s.toString();
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new UnsupportedCriterionException("Match LocalPort '" + text + "' is not a port number");
        }
    }

    private static Optional<MatchBlock.Criterion> criterion(MatchBlock block, String type) {
        return block.criteria().stream().filter(c -> c.type().equals(type.toLowerCase(Locale.ROOT))).findFirst();
    }
}
