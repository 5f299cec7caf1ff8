package dev.hardening.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.Policy;

class ShardTest {

    @Property(tries = 200)
    void everyHostIsInExactlyOneShardAndTheShardsTogetherAreThePolicyInItsOrder(
            @ForAll @Size(max = 60) @UniqueElements List<String> names, @ForAll @IntRange(min = 1, max = 12) int count) {
        Policy policy = policyOf(names);
        List<String> union = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            Shard shard = new Shard(k, count);
            List<String> part = shard.apply(policy).hosts().stream().map(HostSpec::name).map(ShardTest::unprefixed)
                    .toList();
            assertThat(part).allMatch(n -> Shard.of("h-" + n, count) == shard.index());
            union.addAll(part);
        }
        assertThat(union).hasSize(names.size()).containsExactlyInAnyOrderElementsOf(names);
        for (int k = 1; k <= count; k++) {
            List<String> part = new Shard(k, count).apply(policy).hosts().stream().map(HostSpec::name)
                    .map(ShardTest::unprefixed).toList();
            assertThat(names.stream().filter(part::contains).toList()).as("policy order kept").isEqualTo(part);
        }
    }

    @Property(tries = 200)
    void aHostsShardDependsOnItsNameAloneNotOnTheOtherHosts(@ForAll String name,
            @ForAll @Size(max = 20) List<String> others, @ForAll @IntRange(min = 1, max = 50) int count) {
        int alone = Shard.of("h-" + name, count);
        Set<String> fleet = new LinkedHashSet<>(others);
        fleet.add(name);
        int shard = new Shard(alone, count).apply(policyOf(List.copyOf(fleet))).hosts().stream()
                .anyMatch(h -> h.name().equals("h-" + name)) ? alone : -1;
        assertThat(shard).isEqualTo(alone).isBetween(1, count);
    }

    @Example
    void theHashIsTheDocumentedOneSoOtherToolsCanReproduceTheSplit() {
        // printf web1 | sha256sum: 659a7fb2af476fae...; 0x659a7fb2af476fae mod 4 = 2, so shard 3 of 4
        assertThat(Shard.of("web1", 4)).isEqualTo(3);
        assertThat(Shard.of("web1", 1)).isEqualTo(1);
        assertThat(List.of(Shard.of("web1", 4), Shard.of("web2", 4), Shard.of("db1", 4)))
                .isEqualTo(List.of(expected("web1", 4), expected("web2", 4), expected("db1", 4)));
    }

    @Example
    void shardsAreWrittenKSlashNAndNonsenseIsAnErrorSayingHow() {
        assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
        assertThat(Shard.parse(" 1 / 1 ")).isEqualTo(new Shard(1, 1));
        assertThatThrownBy(() -> Shard.parse("0/2")).hasMessage("shard 0/2 does not exist: write K/N with 1 <= K <= N,"
                + " e.g. 1/4 ... 4/4 for a matrix of four jobs");
        assertThatThrownBy(() -> Shard.parse("3/2")).hasMessageStartingWith("shard 3/2 does not exist");
        assertThatThrownBy(() -> Shard.parse("1/0")).hasMessageStartingWith("shard 1/0 does not exist");
        for (String bad : new String[] {"x", "", "2", "1/2/3", "-1/2", "1/x", "99999999999/2"}) {
            assertThatThrownBy(() -> Shard.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("shard '" + bad + "' is not K/N: write the 1-based shard number and the number of "
                            + "shards, e.g. 2/4 for the second of four jobs");
        }
    }

    /** The documented hash, written out independently of the class under test. */
    private static int expected(String name, int count) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.math.BigInteger first8 = new java.math.BigInteger(1, java.util.Arrays.copyOf(d, 8));
            return first8.mod(java.math.BigInteger.valueOf(count)).intValueExact() + 1;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String unprefixed(String name) {
        return name.substring(2);
    }

    /** Host names get a prefix: a blank name would become the address. */
    private static Policy policyOf(List<String> names) {
        return new Policy(Optional.empty(), names.stream().map(n -> HostSpec.builder("192.0.2.1").name("h-" + n).build())
                .toList(), ChecksConfig.DEFAULT, List.of());
    }
}
