package dev.hardening.core.facts.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.hardening.core.Fixtures;
import dev.hardening.core.util.Cidr;
import dev.hardening.core.util.IpAddresses;

class MatchCriteriaTest {
    /** /etc/passwd as on a Debian host: ops has sudo (gid 27) as primary group, alice is in sudo as a member. */
    static final String PASSWD = """
            root:x:0:0:root:/root:/bin/bash
            daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
            sshd:x:100:65534::/run/sshd:/usr/sbin/nologin
            deploy:x:1000:1000:Deploy,,,:/home/deploy:/bin/bash
            alice:x:1001:1001::/home/alice:/bin/bash
            ops:x:1002:27::/home/ops:/bin/sh
            """;
    static final String GROUP = """
            root:x:0:
            daemon:x:1:
            sudo:x:27:alice
            nogroup:x:65534:
            deploy:x:1000:
            alice:x:1001:
            sftponly:x:1003:deploy,alice
            admins:x:1004:
            """;
    static final UserDirectory USERS = UserDirectory.parse(PASSWD, GROUP);
    static final ConnectionSpec BASE = new ConnectionSpec("deploy", "gw.example", "192.0.2.10", "172.17.0.2", 22, null);

    /** The block of a one-line config {@code Match <criteria>}, parsed as sshd reads it. */
    static MatchBlock block(String criteria) {
        return Fixtures.config("Match " + criteria + "\n  PasswordAuthentication yes\n").matchBlocks().get(0);
    }

    static boolean matches(String criteria, ConnectionSpec spec) {
        return MatchCriteria.matches(block(criteria), spec, USERS);
    }

    static ConnectionSpec entered(String criteria, String preferredUser) {
        Optional<ConnectionSpec> spec = MatchCriteria.enter(block(criteria), BASE, preferredUser, USERS);
        assertThat(spec).as("a connection entering Match %s", criteria).isPresent();
        assertThat(MatchCriteria.matches(block(criteria), spec.get(), USERS))
                .as("the connection built for Match %s really matches it", criteria).isTrue();
        return spec.get();
    }

    @Nested
    class User {
        @ParameterizedTest(name = "Match User {0} with user {1}: {2}")
        @CsvSource(delimiter = '|', textBlock = """
                deploy            | deploy   | true
                deploy            | Deploy   | false
                deploy            | deploy2  | false
                dep*              | deploy   | true
                de?loy            | deploy   | true
                de?loy            | deeploy  | false
                *                 | anyone   | true
                alice,deploy      | deploy   | true
                alice,ops         | deploy   | false
                !root,*           | deploy   | true
                !root,*           | root     | false
                *,!root           | root     | false
                !root             | deploy   | false
                '!d*,*'           | deploy   | false
                """)
        void userPatternListsMatchAsSshdMatchesThem(String patterns, String user, boolean expected) {
            assertThat(matches("User " + patterns, BASE.withUser(user))).isEqualTo(expected);
        }

        @Test
        void aUserCriterionNeedsNoAccountOnTheHost() {
            assertThat(matches("User nosuch", BASE.withUser("nosuch"))).isTrue();
        }

        @Test
        void enterKeepsThePreferredUserWhenItMatches() {
            assertThat(entered("User deploy,alice", "alice")).isEqualTo(BASE.withUser("alice"));
        }

        @Test
        void enterSwitchesToAUserTheBlockNames() {
            assertThat(entered("User deploy", "root")).isEqualTo(BASE);
            assertThat(entered("User ci-*", "root").user()).isEqualTo("ci-x");
        }

        @Test
        void enterNeverPicksANegatedUser() {
            ConnectionSpec spec = entered("User !root,*", "root");

            assertThat(spec.user()).isNotEqualTo("root").isEqualTo("deploy");
        }

        @Test
        void enterFindsNothingForAListOfNegationsOnly() {
            assertThat(MatchCriteria.enter(block("User !root"), BASE, "root", USERS)).isEmpty();
        }
    }

    @Nested
    class Group {
        @ParameterizedTest(name = "Match Group {0} with user {1}: {2}")
        @CsvSource(delimiter = '|', textBlock = """
                sudo               | alice   | true
                sudo               | ops     | true
                sudo               | deploy  | false
                sftponly           | deploy  | true
                sftponly           | alice   | true
                deploy             | deploy  | true
                su*                | alice   | true
                sftponly,!sudo     | deploy  | true
                sftponly,!sudo     | alice   | false
                sftponly,!sudo     | ops     | false
                !sudo              | deploy  | false
                admins             | deploy  | false
                *                  | nosuch  | false
                """)
        void groupMembershipComesFromPrimaryAndSupplementaryGroups(String patterns, String user, boolean expected) {
            assertThat(matches("Group " + patterns, BASE.withUser(user))).isEqualTo(expected);
        }

        @Test
        void enterPicksAMemberWhenThePreferredUserIsNotOne() {
            ConnectionSpec spec = entered("Group sudo", "deploy");

            assertThat(USERS.groupsOf(spec.user())).contains("sudo");
        }

        @Test
        void enterPicksAUserWhosePrimaryGroupItIs() {
            ConnectionSpec spec = entered("Group sudo,!sftponly", "deploy");

            assertThat(spec.user()).isEqualTo("ops");
        }

        @Test
        void enterKeepsThePreferredUserWhenItIsAMember() {
            assertThat(entered("Group sftponly", "alice").user()).isEqualTo("alice");
        }

        @Test
        void aGroupWithoutMembersCannotBeEntered() {
            assertThat(MatchCriteria.enter(block("Group admins"), BASE, "deploy", USERS)).isEmpty();
            assertThat(MatchCriteria.enter(block("Group nosuchgroup"), BASE, "root", USERS)).isEmpty();
        }

        @Test
        void enterWithUserAndGroupNeedsAUserInBoth() {
            assertThat(entered("User alice,deploy Group sudo", "deploy").user()).isEqualTo("alice");
            assertThat(MatchCriteria.enter(block("User deploy Group sudo"), BASE, "deploy", USERS)).isEmpty();
        }
    }

    @Nested
    class Address {
        @ParameterizedTest(name = "Match Address {0} from {1}: {2}")
        @CsvSource(delimiter = '|', textBlock = """
                10.0.0.0/8                    | 10.0.0.1        | true
                10.0.0.0/8                    | 10.255.255.254  | true
                10.0.0.0/8                    | 11.0.0.1        | false
                10.0.0.0/8                    | 192.0.2.10      | false
                172.16.0.0/12                 | 172.31.0.1      | true
                172.16.0.0/12                 | 172.32.0.1      | false
                192.0.2.10                    | 192.0.2.10      | true
                2001:db8::/32                 | 2001:db8::1     | true
                2001:db8::/32                 | 2001:db9::1     | false
                2001:db8::/32                 | 10.0.0.1        | false
                10.0.0.0/8                    | 2001:db8::1     | false
                10.*                          | 10.1.2.3        | true
                10.*                          | 110.1.2.3       | false
                192.0.2.?                     | 192.0.2.7       | true
                192.0.2.?                     | 192.0.2.10      | false
                !10.0.0.1,10.0.0.0/8          | 10.0.0.1        | false
                !10.0.0.1,10.0.0.0/8          | 10.0.0.2        | true
                10.0.0.0/8,!10.1.0.0/16       | 10.1.2.3        | false
                10.0.0.0/8,!10.1.0.0/16       | 10.2.0.1        | true
                !10.0.0.0/8                   | 192.0.2.10      | false
                10.0.0.0/8                    | not-an-address  | false
                """)
        void addressListsMatchCidrsWildcardsAndNegations(String patterns, String addr, boolean expected) {
            assertThat(matches("Address " + patterns, BASE.withAddr(addr))).isEqualTo(expected);
        }

        @Test
        void enterMovesTheClientIntoTheNetworkAndChangesNothingElse() {
            assertThat(entered("Address 10.0.0.0/8", "deploy")).isEqualTo(BASE.withAddr("10.0.0.1"));
        }

        @Test
        void enterBuildsAFullIpv4AddressFromAWildcard() {
            assertThat(entered("Address 10.*", "deploy").addr()).isEqualTo("10.1.1.1");
            assertThat(entered("Address 192.168.?.*", "deploy").addr()).isEqualTo("192.168.1.1");
        }

        @Test
        void enterBuildsAnIpv6AddressInsideAnIpv6Network() {
            String addr = entered("Address fc00::/7", "deploy").addr();

            assertThat(Cidr.parse("fc00::/7").contains(IpAddresses.parse(addr).orElseThrow())).isTrue();
        }

        @Test
        void enterKeepsAnAddressThatAlreadyMatches() {
            assertThat(entered("Address 192.0.2.0/24", "deploy")).isEqualTo(BASE);
        }

        @Test
        void enterAvoidsANegatedAddress() {
            ConnectionSpec spec = entered("Address !10.0.0.1,10.0.0.0/8", "deploy");

            assertThat(spec.addr()).isNotEqualTo("10.0.0.1");
        }

        @Test
        void enterLooksBeyondTheFirstAddressesOfANetworkWhenASubnetIsExcluded() {
            ConnectionSpec spec = entered("Address 10.0.0.0/8,!10.0.0.0/24", "deploy");

            assertThat(spec.addr()).doesNotStartWith("10.0.0.");
            assertThat(entered("Address 2001:db8::/64,!2001:db8::1,!2001:db8::2", "deploy").addr())
                    .startsWith("2001:db8:0:0:");
        }

        @Test
        void aListOfNegationsOnlyCannotBeEntered() {
            assertThat(MatchCriteria.enter(block("Address !10.0.0.0/8"), BASE, "deploy", USERS)).isEmpty();
        }
    }

    @Nested
    class HostLocalAddressLocalPortAndAll {
        @ParameterizedTest(name = "Match Host {0} for {1}: {2}")
        @CsvSource(delimiter = '|', textBlock = """
                *.example.com          | gw.example.com   | true
                *.example.com          | GW.Example.COM   | true
                *.EXAMPLE.com          | gw.example.com   | true
                *.example.com          | example.com      | false
                gw.example             | gw.example       | true
                !bad.example,*         | bad.example      | false
                """)
        void hostPatternsIgnoreCase(String patterns, String host, boolean expected) {
            assertThat(matches("Host " + patterns, BASE.withHost(host))).isEqualTo(expected);
        }

        @Test
        void enterGivesAHostNameThePatternAccepts() {
            assertThat(entered("Host *.corp.example", "deploy")).isEqualTo(BASE.withHost("x.corp.example"));
        }

        @Test
        void localAddressIsMatchedAgainstTheServerAddress() {
            assertThat(matches("LocalAddress 172.17.0.0/16", BASE)).isTrue();
            assertThat(matches("LocalAddress 10.0.0.0/8", BASE)).isFalse();
            assertThat(matches("LocalAddress 10.0.0.0/8", BASE.withAddr("10.0.0.1"))).isFalse();
            assertThat(entered("LocalAddress 10.9.0.0/16", "deploy")).isEqualTo(BASE.withLaddr("10.9.0.1"));
        }

        @Test
        void localPortIsTheServerPort() {
            assertThat(matches("LocalPort 2222", BASE)).isFalse();
            assertThat(matches("LocalPort 2222", BASE.withLport(2222))).isTrue();
            assertThat(entered("LocalPort 2222", "deploy")).isEqualTo(BASE.withLport(2222));
        }

        @Test
        void aLocalPortThatIsNoNumberCannotBeEnteredAndSaysWhy() {
            assertThatThrownBy(() -> MatchCriteria.enter(block("LocalPort ssh"), BASE, "deploy", USERS))
                    .isInstanceOf(MatchCriteria.UnsupportedCriterionException.class)
                    .hasMessage("Match LocalPort 'ssh' is not a port number");
        }

        @Test
        void rdomainOnlyMatchesAConnectionInARoutingDomain() {
            assertThat(matches("RDomain vrf-*", BASE)).isFalse();
            assertThat(matches("RDomain vrf-*", BASE.withRdomain("vrf-mgmt"))).isTrue();
            assertThat(entered("RDomain vrf-*", "deploy").rdomain()).isEqualTo("vrf-x");
        }

        @Test
        void allMatchesEveryConnection() {
            assertThat(matches("All", BASE)).isTrue();
            assertThat(matches("all", BASE.withUser("root").withAddr("::1"))).isTrue();
            assertThat(entered("All", "root")).isEqualTo(BASE.withUser("root"));
        }
    }

    @Nested
    class SeveralCriteria {
        @Test
        void everyCriterionMustHold() {
            String criteria = "User deploy Address 10.0.0.0/8";

            assertThat(matches(criteria, BASE.withAddr("10.0.0.1"))).isTrue();
            assertThat(matches(criteria, BASE)).isFalse();
            assertThat(matches(criteria, BASE.withUser("root").withAddr("10.0.0.1"))).isFalse();
        }

        @Test
        void enterSatisfiesEveryCriterionAtOnce() {
            ConnectionSpec spec = entered("User deploy Address 10.0.0.0/8 LocalPort 2222 Host *.vpn", "root");

            assertThat(spec).isEqualTo(new ConnectionSpec("deploy", "x.vpn", "10.0.0.1", "172.17.0.2", 2222, null));
        }

        @Test
        void enterOfImpossibleCombinationsIsEmpty() {
            assertThat(MatchCriteria.enter(block("User deploy User root"), BASE, "deploy", USERS)).isEmpty();
            assertThat(MatchCriteria.enter(block("Group admins Address 10.0.0.0/8"), BASE, "deploy", USERS)).isEmpty();
        }

        @Test
        void theSpecOfEnterIsAnArgumentSshdTCAccepts() {
            ConnectionSpec spec = entered("User deploy Address 10.0.0.0/8", "deploy");

            assertThat(spec.toSshdArgument())
                    .isEqualTo("user=deploy,host=gw.example,addr=10.0.0.1,laddr=172.17.0.2,lport=22");
            assertThat(spec.withRdomain("vrf1").toSshdArgument()).endsWith(",lport=22,rdomain=vrf1");
        }
    }

    @Test
    void aCriterionOutsideSshdsListIsReportedAsUnsupported() {
        MatchBlock odd = new MatchBlock(List.of(new MatchBlock.Criterion("invalid-user", "x")), "Invalid-User x",
                new ConfigOrigin("/etc/ssh/sshd_config", 1));

        assertThatThrownBy(() -> MatchCriteria.matches(odd, BASE, USERS))
                .isInstanceOf(MatchCriteria.UnsupportedCriterionException.class)
                .hasMessage("Match criterion 'invalid-user' is not supported by this analysis");
    }
}
