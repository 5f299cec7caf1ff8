package dev.hardening.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import dev.hardening.core.family.FamilyRegistry;

/** {@code jump:} as written in policies, resolved against the policy's host names. */
class JumpChainsTest {
    private static final Path FILE = Path.of("/etc/hardening/policy.yml");

    private static Policy parse(String yaml) throws PolicyException {
        return PolicyLoader.parse(yaml, FILE, FamilyRegistry.discover());
    }

    private static String error(String yaml) {
        try {
            parse(yaml);
        } catch (PolicyException e) {
            return e.getMessage();
        }
        throw new AssertionError("the policy loaded");
    }

    @Test
    void entriesReadLikeProxyJump() {
        assertThat(JumpChains.parse("ops@bastion.example.net:2222"))
                .isEqualTo(new JumpChains.Hop(Optional.of("ops"), "bastion.example.net", Optional.of(2222)));
        assertThat(JumpChains.parse("bastion")).isEqualTo(new JumpChains.Hop(Optional.empty(), "bastion",
                Optional.empty()));
        assertThat(JumpChains.parse("ops@[2001:db8::1]:22").host()).isEqualTo("2001:db8::1");
        assertThat(JumpChains.parse("ssh://ops@b:2").port()).contains(2);
        assertThat(JumpChains.entries(List.of("a, ops@b:2", "c"))).containsExactly("a", "ops@b:2", "c");
        assertThat(JumpChains.entries(List.of("none"))).containsExactly("none");
        assertThatThrownBy(() -> JumpChains.entries(List.of("a,none"))).hasMessageContaining("cannot be part of a chain");
    }

    @Test
    void aSingleTextAndAListBothLoadAndAnAddressHopTakesTheTargetsUserIdentityAndKnownHosts() throws PolicyException {
        Policy policy = parse("hosts:\n"
                + "  - name: web1\n    address: 10.0.1.5\n    user: deploy\n    identity: keys/deploy\n"
                + "    knownHosts: kh\n    jump: ops@198.18.0.1:2222\n"
                + "  - name: web2\n    address: 10.0.1.6\n    jump: [198.18.0.1, 198.18.0.9]\n");

        HostSpec web1 = policy.hosts().get(0);
        assertThat(web1.jump()).containsExactly("ops@198.18.0.1:2222");
        assertThat(web1.via()).singleElement().satisfies(hop -> {
            assertThat(hop.address()).isEqualTo("198.18.0.1");
            assertThat(hop.port()).isEqualTo(2222);
            assertThat(hop.user()).isEqualTo("ops");
            assertThat(hop.identity()).isEqualTo("/etc/hardening/keys/deploy");
            assertThat(hop.knownHosts()).isEqualTo("/etc/hardening/kh");
        });
        assertThat(policy.hosts().get(1).via()).extracting(HostSpec::address).containsExactly("198.18.0.1", "198.18.0.9");
    }

    @Test
    void aNameOfThePolicyIsThatHostBehindItsOwnBastions() throws PolicyException {
        Policy policy = parse("hosts:\n"
                + "  - name: outer\n    address: 198.18.0.1\n    user: ops\n    identity: ops_key\n"
                + "  - name: inner\n    address: 10.0.0.2\n    user: ops\n    jump: outer\n"
                + "  - name: db1\n    address: 10.0.9.1\n    user: deploy\n    jump: inner\n");

        HostSpec db1 = policy.hosts().get(2);
        assertThat(db1.via()).extracting(HostSpec::name).containsExactly("outer", "inner");
        assertThat(db1.via().get(0).identity()).isEqualTo("/etc/hardening/ops_key");
        assertThat(db1.via()).allSatisfy(hop -> assertThat(hop.via()).isEmpty());
    }

    @Test
    void aLoopOfBastionsIsAnErrorAtTheJumpKey() {
        assertThat(error("hosts:\n  - name: a\n    address: 198.18.0.1\n    jump: b\n"
                + "  - name: b\n    address: 198.18.0.2\n    jump: a\n"))
                .isEqualTo(FILE + ":4:11: host a: jump of host b loops: a -> b -> a");
    }

    @Test
    void anEntryThatIsNeitherANameNorAnAddressNamesWhere() {
        assertThat(error("hosts:\n  - name: a\n    address: 198.18.0.1\n    jump: ops@bad_name!\n"))
                .startsWith(FILE + ":4:11: host a: jump entry 'ops@bad_name!' is not a host of the policy, and as an "
                        + "address: address must be");
        assertThat(error("hosts:\n  - name: a\n    address: 198.18.0.1\n    jump: 'ops@b:70000'\n"))
                .contains("jump entry 'ops@b:70000': port must be 1-65535, got 70000");
        assertThat(error("hosts:\n  - name: a\n    address: 198.18.0.1\n    jump: 'ops@@b'\n"))
                .contains("jump entry must be the name of a host of the policy or [user@]host[:port], got 'ops@@b'");
    }

    @Test
    void theResolvedHopsAreNoPolicyKey() {
        assertThat(error("hosts:\n  - name: a\n    address: 198.18.0.1\n    via: [b]\n")).contains("unknown key 'via'");
    }

    @Test
    void theLocalMachineIsNoBastion() {
        assertThat(error("hosts:\n  - name: me\n    address: local\n"
                + "  - name: a\n    address: 198.18.0.1\n    jump: me\n"))
                .contains("jump of host a names me, which is address: local");
    }

    @Test
    void aDefaultJumpReachesEveryHostButItselfAndThoseWithTheirOwnOrNone() throws PolicyException {
        Policy policy = parse("hosts:\n  - name: bastion\n    address: 198.18.0.1\n"
                + "  - name: web1\n    address: 10.0.1.5\n"
                + "  - name: db1\n    address: 10.0.9.1\n    jump: none\n"
                + "  - name: web2\n    address: 10.0.1.6\n    jump: 198.18.0.7\n");

        Policy defaulted = PolicyLoader.withDefaultJump(policy, "bastion");

        assertThat(defaulted.hosts()).extracting(h -> h.via().stream().map(HostSpec::address).toList())
                .containsExactly(List.of(), List.of("198.18.0.1"), List.of(), List.of("198.18.0.7"));
        assertThat(defaulted.hosts()).extracting(HostSpec::behindBastion).containsExactly(false, true, false, true);
    }

    @Property
    void anyTextIsAnEntryOrAClearError(@ForAll String text) {
        try {
            JumpChains.Hop hop = JumpChains.parse(text);
            assertThat(hop.host()).isNotBlank().doesNotContain("@", " ");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("jump entry");
        }
    }
}
