package dev.hardening.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import dev.hardening.core.family.FamilyRegistry;

/** Whole policies with random defaults, groups and hosts: each field comes from where the rules say. */
class PolicyGroupsPropertiesTest {
    private static final FamilyRegistry FAMILIES = FamilyRegistry.discover();
    private static final List<String> HOSTS = List.of("web1", "web2", "db1", "db2", "edge");

    /** A group: its members (names, or a glob when it takes every host with that prefix) and what it sets. */
    record GroupSpec(Set<String> members, boolean asGlob, Optional<Integer> port, Optional<String> allowed) {
    }

    record Fleet(Optional<Integer> defaultPort, List<Optional<Integer>> ownPorts, List<GroupSpec> groups) {
        String yaml() {
            StringBuilder out = new StringBuilder();
            defaultPort.ifPresent(p -> out.append("defaults:\n  port: ").append(p).append('\n'));
            if (!groups.isEmpty()) {
                out.append("groups:\n");
            }
            for (int g = 0; g < groups.size(); g++) {
                GroupSpec group = groups.get(g);
                out.append("  g").append(g).append(":\n    hosts: [")
                        .append(String.join(", ", group.asGlob() ? globs(group.members()) : group.members())).append("]\n");
                group.port().ifPresent(p -> out.append("    port: ").append(p).append('\n'));
                group.allowed().ifPresent(a -> out.append("    checks:\n      ports: { publicAllowed: [\"").append(a)
                        .append("\"] }\n"));
            }
            out.append("hosts:\n");
            for (int h = 0; h < HOSTS.size(); h++) {
                out.append("  - name: ").append(HOSTS.get(h)).append("\n    address: 198.18.0.").append(h + 1).append('\n');
                ownPorts.get(h).ifPresent(p -> out.append("    port: ").append(p).append('\n'));
            }
            out.append("checks:\n  ports: { publicAllowed: [\"22/tcp\"] }\n");
            return out.toString();
        }

        /** Each member by a glob of its own name with its last character a wildcard, still matching only hosts. */
        private static List<String> globs(Set<String> members) {
            return members.stream().map(m -> "\"" + m.substring(0, m.length() - 1) + "?\"").toList();
        }

        /** The groups containing the host, as the generated YAML makes them. */
        List<GroupSpec> groupsOf(String host) {
            List<GroupSpec> in = new ArrayList<>();
            for (GroupSpec group : groups) {
                boolean member = group.asGlob()
                        ? group.members().stream().anyMatch(m -> m.length() == host.length()
                                && host.startsWith(m.substring(0, m.length() - 1)))
                        : group.members().contains(host);
                if (member) {
                    in.add(group);
                }
            }
            return in;
        }
    }

    @Property(tries = 200)
    void eachFieldComesFromTheHostItsGroupOrTheDefaultsOrTwoGroupsAreRefused(@ForAll("fleets") Fleet fleet)
            throws PolicyException {
        boolean conflict = HOSTS.stream().map(fleet::groupsOf).anyMatch(in ->
                in.stream().filter(g -> g.port().isPresent()).count() > 1
                        || in.stream().filter(g -> g.allowed().isPresent()).count() > 1);
        Path file = Path.of("fleet.yml");
        Statistics.collect(conflict ? "refused" : "loaded");
        Statistics.coverage(c -> {
            c.check("loaded").percentage(p -> p > 20);
            c.check("refused").percentage(p -> p > 10);
        });

        if (conflict) {
            PolicyException e = catchThrowableOfType(PolicyException.class,
                    () -> PolicyLoader.parse(fleet.yaml(), file, FAMILIES));
            assertThat(e).as(fleet.yaml()).isNotNull();
            assertThat(e.getMessage()).startsWith("fleet.yml:").contains("which both set");
            return;
        }
        Policy policy = PolicyLoader.parse(fleet.yaml(), file, FAMILIES);
        for (int h = 0; h < HOSTS.size(); h++) {
            HostSpec host = policy.hosts().get(h);
            List<GroupSpec> in = fleet.groupsOf(host.name());
            int expectedPort = fleet.ownPorts().get(h)
                    .or(() -> in.stream().flatMap(g -> g.port().stream()).findFirst())
                    .or(fleet::defaultPort).orElse(22);
            String expectedAllowed = in.stream().flatMap(g -> g.allowed().stream()).findFirst().orElse("22/tcp");
            assertThat(host.port()).as(host.name() + " in\n" + fleet.yaml()).isEqualTo(expectedPort);
            assertThat(policy.checksFor(host).get(PortsChecksConfig.KEY).publicAllowed()).as(host.name() + " in\n"
                    + fleet.yaml()).containsExactly(expectedAllowed);
            assertThat(policy.groupSettings(host, "ports")).hasSize(in.stream().anyMatch(g -> g.allowed().isPresent()) ? 1 : 0);
        }
    }

    @Provide
    Arbitrary<Fleet> fleets() {
        Arbitrary<Optional<Integer>> port = Arbitraries.integers().between(1, 65535).optional(0.5);
        Arbitrary<GroupSpec> group = Builders.withBuilder(() -> new GroupSpec(Set.of(), false, Optional.empty(), Optional.empty()))
                .use(Arbitraries.of(HOSTS).set().ofMinSize(1).ofMaxSize(HOSTS.size()))
                .in((g, members) -> new GroupSpec(members, g.asGlob(), g.port(), g.allowed()))
                .use(Arbitraries.of(true, false)).in((g, glob) -> new GroupSpec(g.members(), glob, g.port(), g.allowed()))
                .use(port).in((g, p) -> new GroupSpec(g.members(), g.asGlob(), p, g.allowed()))
                .use(Arbitraries.of("443/tcp", "80/tcp", "53/udp", "8000-8099/tcp").optional(0.5))
                .in((g, a) -> new GroupSpec(g.members(), g.asGlob(), g.port(), a))
                .build();
        return Builders.withBuilder(() -> new Fleet(Optional.empty(), List.of(), List.of()))
                .use(port).in((f, p) -> new Fleet(p, f.ownPorts(), f.groups()))
                .use(port.list().ofSize(HOSTS.size())).in((f, own) -> new Fleet(f.defaultPort(), own, f.groups()))
                .use(group.list().ofMaxSize(3)).in((f, groups) -> new Fleet(f.defaultPort(), f.ownPorts(), groups))
                .build();
    }
}
