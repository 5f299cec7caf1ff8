package dev.hardening.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.core.family.FamilyRegistry;

/** {@code defaults:} and {@code groups:}: precedence, per-group checks, and every mistake with its place. */
class PolicyGroupsTest {
    static final String FLEET = """
            defaults:
              user: deploy
              identity: keys/deploy
              knownHosts: keys/known_hosts
              sudo: true
            groups:
              web:
                hosts: [web*]
                port: 2222
                checks:
                  ports: { publicAllowed: ["22/tcp", "443/tcp"] }
              db:
                hosts: [db1, db2]
                sudo: false
              bastion:
                hosts: [bastion]
                user: jump
                checks:
                  ports: { publicAllowed: ["22/tcp"] }
                  ssh: { rootLogin: prohibit-password }
            hosts:
              - name: web1
                address: 198.18.0.11
              - name: web2
                address: 198.18.0.12
                port: 22
              - name: db1
                address: 198.18.0.21
                user: postgres
              - name: db2
                address: 198.18.0.22
              - name: bastion
                address: 198.18.0.2
            checks:
              ports:
                publicAllowed: []
                privateNetworks: [10.0.0.0/8]
            """;

    @TempDir
    Path dir;
    Path policyFile;

    @BeforeEach
    void setUp() {
        policyFile = dir.resolve("policy.yml");
    }

    private Policy load(String yaml) throws IOException, PolicyException {
        Files.writeString(policyFile, yaml);
        return PolicyLoader.load(policyFile, FamilyRegistry.discover());
    }

    /** The message, which must start with the policy file and read as advice; the part after the file name. */
    private String error(String yaml) throws IOException {
        Files.writeString(policyFile, yaml);
        PolicyException e = catchThrowableOfType(PolicyException.class,
                () -> PolicyLoader.load(policyFile, FamilyRegistry.discover()));
        assertThat(e).as("loading should fail:\n" + yaml).isNotNull();
        assertThat(e.getMessage()).startsWith(policyFile.toString()).doesNotContain("\n", "Exception", "com.fasterxml");
        return e.getMessage().substring(policyFile.toString().length());
    }

    private static HostSpec host(Policy policy, String name) {
        return policy.hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void hostFieldsComeFromTheHostThenItsGroupThenDefaults() throws Exception {
        Policy policy = load(FLEET);

        HostSpec web1 = host(policy, "web1");
        assertThat(web1.user()).isEqualTo("deploy");
        assertThat(web1.port()).as("from group web").isEqualTo(2222);
        assertThat(web1.sudo()).isTrue();
        assertThat(web1.identity()).as("a default's path resolves against the policy").isEqualTo(dir.resolve("keys/deploy").toString());
        assertThat(web1.knownHosts()).isEqualTo(dir.resolve("keys/known_hosts").toString());
        assertThat(host(policy, "web2").port()).as("the host's own port beats its group's").isEqualTo(22);
        assertThat(host(policy, "db1").user()).as("the host's own user").isEqualTo("postgres");
        assertThat(host(policy, "db1").sudo()).as("group db turns sudo off").isFalse();
        assertThat(host(policy, "db2").user()).isEqualTo("deploy");
        assertThat(host(policy, "bastion").user()).isEqualTo("jump");
        assertThat(policy.hosts()).extracting(HostSpec::name).containsExactly("web1", "web2", "db1", "db2", "bastion");
    }

    @Test
    void aGroupsChecksOverrideTheGlobalSectionFieldByFieldForItsMembersOnly() throws Exception {
        Policy policy = load(FLEET);

        PortsChecksConfig web = policy.checksFor(host(policy, "web1")).get(PortsChecksConfig.KEY);
        PortsChecksConfig db = policy.checksFor(host(policy, "db1")).get(PortsChecksConfig.KEY);
        assertThat(web.publicAllowed()).containsExactly("22/tcp", "443/tcp");
        assertThat(web.privateNetworks()).as("the field the group leaves alone stays global").containsExactly("10.0.0.0/8");
        assertThat(db.publicAllowed()).isEmpty();
        assertThat(policy.checksFor(host(policy, "db1"))).isSameAs(policy.checks());
        assertThat(policy.checksFor(host(policy, "bastion")).get(SshChecksConfig.KEY).rootLogin())
                .isEqualTo(SshChecksConfig.RootLogin.PROHIBIT_PASSWORD);
        assertThat(policy.checksFor(host(policy, "web1")).get(SshChecksConfig.KEY).rootLogin())
                .isEqualTo(SshChecksConfig.RootLogin.NO);
    }

    @Test
    void theEvidenceLinesNameTheGroupAndWhereItSetTheField() throws Exception {
        Policy policy = load(FLEET);

        assertThat(policy.groupSettings(host(policy, "web2"), "ports"))
                .containsExactly("checks.ports.publicAllowed from group web (" + policyFile + ":11:16)");
        assertThat(policy.groupSettings(host(policy, "bastion"), "ssh"))
                .containsExactly("checks.ssh.rootLogin from group bastion (" + policyFile + ":20:14)");
        assertThat(policy.groupSettings(host(policy, "db1"), "ports")).isEmpty();
        assertThat(policy.rules().groupsOf("web1")).containsExactly("web");
    }

    @Test
    void aNullOnTheHostDropsTheDefault() throws Exception {
        Policy policy = load("defaults:\n  identity: keys/deploy\nhosts:\n  - address: 198.18.0.2\n    identity: null\n");

        assertThat(policy.hosts().get(0).identity()).isNull();
    }

    @Test
    void withoutDefaultsOrGroupsEveryHostHasThePolicysChecks() throws Exception {
        Policy policy = load("hosts:\n  - address: 198.18.0.2\n");

        assertThat(policy.checksFor(policy.hosts().get(0))).isSameAs(policy.checks());
        assertThat(policy.groupSettings(policy.hosts().get(0), "ports")).isEmpty();
    }

    @Test
    void twoGroupsOfAHostSettingTheSameCheckFieldIsALoadErrorNamingBoth() throws Exception {
        assertThat(error("""
                groups:
                  web:
                    hosts: [web*]
                    checks: { ports: { publicAllowed: ["443/tcp"] } }
                  edge:
                    hosts: [web1]
                    checks: { ports: { publicAllowed: ["80/tcp"] } }
                hosts:
                  - name: web1
                    address: 198.18.0.2
                """)).isEqualTo(":7:24: host 'web1' is in groups 'web' and 'edge', which both set "
                + "checks.ports.publicAllowed (also at " + policyFile + ":4:24); set it in one of them, in defaults:, or "
                + "on the host itself");
    }

    @Test
    void twoGroupsOfAHostSettingTheSameHostFieldIsALoadErrorNamingBoth() throws Exception {
        assertThat(error("""
                groups:
                  web: { hosts: [web*], user: www }
                  ops: { hosts: ["*"], user: ops }
                hosts:
                  - name: web1
                    address: 198.18.0.2
                """)).isEqualTo(":3:24: host 'web1' is in groups 'web' and 'ops', which both set user (also at " + policyFile
                        + ":2:25); set it in one of them, in defaults:, or on the host itself");
    }

    @Test
    void twoGroupsSettingDifferentFieldsOfOneSectionBothApply() throws Exception {
        Policy policy = load("""
                groups:
                  web: { hosts: [web*], checks: { ports: { publicAllowed: ["443/tcp"] } } }
                  office: { hosts: ["*1"], checks: { ports: { privateNetworks: [192.168.0.0/16] } } }
                hosts:
                  - name: web1
                    address: 198.18.0.2
                """);

        PortsChecksConfig ports = policy.checksFor(policy.hosts().get(0)).get(PortsChecksConfig.KEY);
        assertThat(ports.publicAllowed()).containsExactly("443/tcp");
        assertThat(ports.privateNetworks()).containsExactly("192.168.0.0/16");
        assertThat(policy.groupSettings(policy.hosts().get(0), "ports")).hasSize(2);
    }

    @Test
    void aGroupWithoutMembersIsAnError() throws Exception {
        assertThat(error("groups:\n  web:\n    user: www\nhosts:\n  - address: 198.18.0.2\n"))
                .isEqualTo(":2:3: group 'web' has no members: give it hosts: with the names or globs of its hosts, "
                        + "e.g. [web*, api1]");
        assertThat(error("groups:\n  web:\n    hosts: []\nhosts:\n  - address: 198.18.0.2\n"))
                .startsWith(":3:12: group 'web' has no members");
        assertThat(error("groups:\n  web:\nhosts:\n  - address: 198.18.0.2\n"))
                .startsWith(":2:3: group 'web' is empty: give it hosts:");
    }

    @Test
    void aPatternThatMatchesNoHostIsAnErrorListingTheHosts() throws Exception {
        assertThat(error("groups:\n  web:\n    hosts: [web*, wbe2]\nhosts:\n  - name: web1\n    address: 198.18.0.2\n"))
                .isEqualTo(":3:19: group 'web': pattern 'wbe2' matches no host (the hosts are web1)");
    }

    @Test
    void anUnknownKeyInAGroupSuggestsTheFieldMeant() throws Exception {
        assertThat(error("groups:\n  web:\n    hosts: [web1]\n    knwonHosts: k\nhosts:\n  - name: web1\n    address: 198.18.0.2\n"))
                .isEqualTo(":4:5: unknown key 'knwonHosts' in group 'web' (did you mean 'knownHosts'?)");
        assertThat(error("defaults:\n  sudu: true\nhosts:\n  - address: 198.18.0.2\n"))
                .isEqualTo(":2:3: unknown key 'sudu' in defaults (did you mean 'sudo'?)");
    }

    @Test
    void defaultsAndGroupsCannotSayWhichHostAnEntryIs() throws Exception {
        assertThat(error("defaults:\n  address: 198.18.0.9\nhosts:\n  - address: 198.18.0.2\n"))
                .isEqualTo(":2:3: defaults cannot set address: it says which host an entry is; set it on each host");
    }

    @Test
    void aWrongValueInAGroupIsNamedAtItsPlace() throws Exception {
        assertThat(error("groups:\n  web:\n    hosts: [web1]\n    port: 70000\nhosts:\n  - name: web1\n    address: 198.18.0.2\n"))
                .isEqualTo(":4:11: host 'web1': port must be 1-65535, got 70000 (port from group 'web')");
        assertThat(error("defaults:\n  sudo: maybe\nhosts:\n  - name: web1\n    address: 198.18.0.2\n"))
                .startsWith(":2:9: host 'web1': sudo: 'maybe' is not true or false (sudo from defaults)");
    }

    @Test
    void aWrongValueInAGroupsChecksIsNamedAtItsPlace() throws Exception {
        assertThat(error("groups:\n  web:\n    hosts: [web1]\n    checks:\n      ports: { publicAllowed: [\"443\"] }\n"
                + "hosts:\n  - name: web1\n    address: 198.18.0.2\n"))
                .startsWith(":5:31: publicAllowed entry '443' must look like");
        assertThat(error("groups:\n  web:\n    hosts: [web1]\n    checks:\n      ports: { publicAlowed: [] }\n"
                + "hosts:\n  - name: web1\n    address: 198.18.0.2\n"))
                .startsWith(":5:16: unknown key 'publicAlowed' (did you mean 'publicAllowed'?)");
        assertThat(error("groups:\n  web:\n    hosts: [web1]\n    checks:\n      port: {}\n"
                + "hosts:\n  - name: web1\n    address: 198.18.0.2\n"))
                .startsWith(":5:7: unknown key 'port' (did you mean 'ports'?)");
    }

    @Test
    void membersMustBeNamesOrGlobs() throws Exception {
        assertThat(error("groups:\n  web:\n    hosts: web*\nhosts:\n  - name: web1\n    address: 198.18.0.2\n"))
                .isEqualTo(":3:12: group 'web': hosts: must be a list of host names or globs, e.g. [web*, api1]");
        assertThat(error("groups:\n  web:\n    hosts: [[web1]]\nhosts:\n  - name: web1\n    address: 198.18.0.2\n"))
                .startsWith(":3:13: group 'web': a member must be a host name or a glob such as web*, got a list");
    }

    @Test
    void aMisspeltKeyInsideADefaultIsNamedWhereTheDefaultsWriteIt() throws Exception {
        assertThat(error("defaults:\n  tls:\n    - port: 443\n      severName: web.example.com\nhosts:\n"
                + "  - name: web1\n    address: 198.18.0.2\n"))
                .startsWith(":4:7: host 'web1': unknown key 'severName' (did you mean 'serverName'?)")
                .endsWith("(tls from defaults)");
        assertThat(error("defaults: [user]\nhosts:\n  - address: 198.18.0.2\n")).contains("defaults: expected a mapping");
    }

    @Test
    void groupsMustBeAMappingOfGroups() throws Exception {
        assertThat(error("groups: [web]\nhosts:\n  - address: 198.18.0.2\n")).contains("groups: expected a mapping");
        assertThat(error("groups:\n  web: [web1]\nhosts:\n  - address: 198.18.0.2\n"))
                .isEqualTo(":2:8: group 'web' must be a mapping of hosts: and what its members share, e.g. "
                        + "{hosts: [web*], user: deploy}");
    }

    @Test
    void aGroupCanTurnAFamilyOffForItsMembers() throws Exception {
        Policy policy = load("groups:\n  lab: { hosts: [lab*], checks: { packages: { enabled: false } } }\nhosts:\n"
                + "  - name: lab1\n    address: 198.18.0.2\n  - name: prod1\n    address: 198.18.0.3\n");

        assertThat(policy.checksFor(host(policy, "lab1")).get(PackagesChecksConfig.KEY).enabled()).isFalse();
        assertThat(policy.checksFor(host(policy, "prod1")).get(PackagesChecksConfig.KEY).enabled()).isTrue();
    }

    @Test
    void aGroupsTrustFileResolvesAgainstThePolicyAndIsCheckedLikeTheGlobalOne() throws Exception {
        Policy policy = load("groups:\n  web: { hosts: [web1], checks: { tls: { trust: certs/ca.pem } } }\nhosts:\n"
                + "  - name: web1\n    address: 198.18.0.2\n");

        assertThat(policy.checksFor(policy.hosts().get(0)).get(TlsChecksConfig.KEY).trust())
                .isEqualTo(dir.resolve("certs/ca.pem").toString());
        assertThat(LocalFiles.problems(policy, FamilyRegistry.discover()))
                .containsExactly("checks.tls: file " + dir.resolve("certs/ca.pem") + " does not exist or is not readable");
    }

    @Test
    void theExampleOfTheReferenceLoads() throws Exception {
        String reference = Files.readString(Path.of(System.getProperty("user.dir")).getParent().resolve("docs/policy.md"));
        String example = reference.substring(reference.indexOf("```yaml\ndefaults:") + 8);

        Policy policy = load(example.substring(0, example.indexOf("```")));

        assertThat(policy.hosts()).extracting(HostSpec::user).containsExactly("deploy", "deploy", "admin");
        assertThat(policy.checksFor(host(policy, "web1")).get(PortsChecksConfig.KEY).publicAllowed()).contains("443/tcp");
    }

    @Test
    void theFleetSampleGivesEachGroupItsPublicPorts() throws Exception {
        Path sample = Path.of(System.getProperty("user.dir")).getParent().resolve("samples/fleet/project/hardening.yml");

        Policy policy = PolicyLoader.load(sample, FamilyRegistry.discover());

        assertThat(policy.hosts()).extracting(HostSpec::name).containsExactly("web1", "db1", "bastion1");
        assertThat(policy.hosts()).allSatisfy(h -> {
            assertThat(h.user()).as("group_vars/all.yml").isEqualTo("deploy");
            assertThat(h.sudo()).isTrue();
            assertThat(h.knownHosts()).isEqualTo(sample.resolveSibling("known_hosts").toString());
        });
        assertThat(policy.checksFor(host(policy, "web1")).get(PortsChecksConfig.KEY).publicAllowed())
                .containsExactly("22/tcp", "443/tcp");
        assertThat(policy.checksFor(host(policy, "db1")).get(PortsChecksConfig.KEY).publicAllowed()).containsExactly("22/tcp");
        assertThat(policy.checks().get(PortsChecksConfig.KEY).publicAllowed()).isEmpty();
    }

    @Test
    void theSameHostsWithCredentialsFilledKeepTheirGroupsChecks() throws Exception {
        Policy policy = load(FLEET);

        Policy subset = policy.withHosts(List.of(host(policy, "web1")));

        assertThat(subset.checksFor(subset.hosts().get(0)).get(PortsChecksConfig.KEY).publicAllowed()).contains("443/tcp");
    }
}
