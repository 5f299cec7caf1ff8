package dev.hardening.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.hardening.core.families.crypto.CryptoFamily;
import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.policy.FirewallChecksConfig;
import dev.hardening.core.policy.PackagesChecksConfig;
import dev.hardening.core.policy.PortsChecksConfig;
import dev.hardening.core.policy.SshChecksConfig.RootLogin;
import dev.hardening.core.policy.SshChecksConfig;
import dev.hardening.core.policy.TlsChecksConfig;

class PolicyLoaderTest {
    private static final String HOME = System.getProperty("user.home");

    /** The example of DESIGN.md "Policy file", with rootLogin unquoted as people write it. */
    static final String FULL = """
            hosts:
              - name: web1                 # label in reports
                address: 198.18.0.2        # IP or DNS name; "local" = the machine running the gate
                port: 2222
                user: deploy
                identity: ~/.ssh/id_ed25519
                knownHosts: keys/known_hosts
                hostKey: "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8"
                sudo: true
                tls:
                  - port: 443
                    serverName: web1.example.com
                  - file: /etc/ssl/certs/web1.pem
              - address: local
            checks:
              ssh:      { keyOnly: true, rootLogin: no }
              ports:
                publicAllowed: ["22/tcp", "443/tcp"]
                privateNetworks: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, fc00::/7, fe80::/10]
              firewall: { defaultDeny: true }
              tls:      { trust: ca.pem, minDaysValid: 14, minProtocol: TLSv1.2 }
              packages: { upToDate: security, maxIndexAgeHours: 48 }
            waivers:
              - check: ports.private-only
                host: web1
                match: "8080/tcp"
                reason: "legacy admin port, ticket OPS-12"
                expires: 2027-01-31
            """;

    @TempDir
    Path dir;
    Path policyFile;

    @BeforeEach
    void setUp() throws IOException {
        policyFile = Files.createDirectories(dir.resolve("ops")).resolve("policy.yaml");
    }

    private Policy load(String yaml) throws Exception {
        Files.writeString(policyFile, yaml);
        return PolicyLoader.load(policyFile, FamilyRegistry.discover());
    }

    /** The message of the PolicyException that loading {@code yaml} gives; it must read like advice, not a trace. */
    private String error(String yaml) throws IOException {
        Files.writeString(policyFile, yaml);
        PolicyException e = catchThrowableOfType(PolicyException.class, () -> PolicyLoader.load(policyFile, FamilyRegistry.discover()));
        assertThat(e).as("loading should fail:\n" + yaml).isNotNull();
        assertThat(e.getMessage())
                .doesNotContain("com.fasterxml", "java.lang", "java.util", "dev.hardening", "Exception", "\tat ")
                .doesNotContain("\n")
                .startsWith(policyFile.toString());
        return e.getMessage().substring(policyFile.toString().length());
    }

    private static String host(String extra) {
        return "hosts:\n  - name: web1\n    address: 198.18.0.2\n" + extra;
    }

    @Test
    void theDesignExamplePolicyLoadsWithEveryValue() throws Exception {
        Policy policy = load(FULL);

        assertThat(policy.source()).contains(policyFile.toString());
        assertThat(policy.hosts()).hasSize(2);
        HostSpec web1 = policy.hosts().get(0);
        assertThat(web1.name()).isEqualTo("web1");
        assertThat(web1.address()).isEqualTo("198.18.0.2");
        assertThat(web1.port()).isEqualTo(2222);
        assertThat(web1.user()).isEqualTo("deploy");
        assertThat(web1.identity()).isEqualTo(Path.of(HOME, ".ssh", "id_ed25519").toString());
        assertThat(web1.knownHosts()).isEqualTo(dir.resolve("ops/keys/known_hosts").toString());
        assertThat(web1.hostKey()).isEqualTo("SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8");
        assertThat(web1.sudo()).isTrue();
        assertThat(web1.isLocal()).isFalse();
        assertThat(web1.tls()).containsExactly(new TlsEndpoint(443, "web1.example.com", null),
                new TlsEndpoint(null, null, "/etc/ssl/certs/web1.pem"));

        ChecksConfig checks = policy.checks();
        assertThat(checks.get(SshChecksConfig.KEY)).isEqualTo(new SshChecksConfig(true, true, RootLogin.NO));
        assertThat(checks.get(PortsChecksConfig.KEY).publicAllowed()).containsExactly("22/tcp", "443/tcp");
        assertThat(checks.get(PortsChecksConfig.KEY).privateNetworks()).isEqualTo(PortsChecksConfig.DEFAULT_PRIVATE_NETWORKS);
        assertThat(checks.get(FirewallChecksConfig.KEY).defaultDeny()).isTrue();
        assertThat(checks.get(TlsChecksConfig.KEY).trust()).isEqualTo(dir.resolve("ops/ca.pem").toString());
        assertThat(checks.get(TlsChecksConfig.KEY).minDaysValid()).isEqualTo(14);
        assertThat(checks.get(TlsChecksConfig.KEY).minProtocol()).isEqualTo("TLSv1.2");
        assertThat(checks.get(PackagesChecksConfig.KEY).upToDate()).isEqualTo("security");
        assertThat(checks.get(PackagesChecksConfig.KEY).maxIndexAgeHours()).isEqualTo(48);

        assertThat(policy.waivers()).singleElement().satisfies(w -> {
            assertThat(w.check()).isEqualTo(CheckId.PORTS_PRIVATE_ONLY.id());
            assertThat(w.host()).isEqualTo("web1");
            assertThat(w.match()).isEqualTo("8080/tcp");
            assertThat(w.reason()).isEqualTo("legacy admin port, ticket OPS-12");
            assertThat(w.expiryDate()).isEqualTo(java.time.LocalDate.of(2027, 1, 31));
        });
    }

    @Test
    void omittedValuesTakeTheirDefaults() throws Exception {
        Policy policy = load("hosts:\n  - address: 198.18.0.2\n");

        HostSpec host = policy.hosts().get(0);
        assertThat(host.name()).isEqualTo("198.18.0.2");
        assertThat(host.port()).isEqualTo(22);
        assertThat(host.user()).isNull();
        assertThat(host.identity()).isNull();
        assertThat(host.knownHosts()).isNull();
        assertThat(host.sudo()).isFalse();
        assertThat(host.tls()).isEmpty();
        assertThat(policy.checks()).isEqualTo(ChecksConfig.DEFAULT);
        assertThat(policy.checks().get(SshChecksConfig.KEY).rootLogin()).isEqualTo(RootLogin.NO);
        assertThat(policy.checks().get(SshChecksConfig.KEY).keyOnly()).isTrue();
        assertThat(policy.checks().get(PortsChecksConfig.KEY).privateNetworks()).contains("10.0.0.0/8", "fc00::/7");
        assertThat(policy.checks().get(TlsChecksConfig.KEY).trust()).isNull();
        assertThat(policy.checks().get(PackagesChecksConfig.KEY).refreshIndex()).isFalse();
        assertThat(policy.waivers()).isEmpty();
    }

    @Test
    void aFamilyCanBeTurnedOffAndTheOthersKeepTheirDefaults() throws Exception {
        Policy policy = load(host("checks:\n  ssh: { enabled: false }\n"));

        assertThat(policy.checks().get(SshChecksConfig.KEY).enabled()).isFalse();
        assertThat(policy.checks().get(SshChecksConfig.KEY).keyOnly()).isTrue();
        assertThat(policy.checks().get(FirewallChecksConfig.KEY).enabled()).isTrue();
    }

    @Test
    void pathsResolveAgainstThePolicyFolderAndHome() throws Exception {
        Policy policy = load("""
                hosts:
                  - address: 198.18.0.2
                    identity: ../keys/./id_ed25519
                    knownHosts: ~/known
                  - address: 198.18.0.3
                    identity: /abs/id
                    knownHosts: "~"
                checks:
                  tls: { trust: certs/internal-ca.pem }
                """);

        assertThat(policy.hosts().get(0).identity()).isEqualTo(dir.resolve("keys/id_ed25519").toString());
        assertThat(policy.hosts().get(0).knownHosts()).isEqualTo(Path.of(HOME, "known").toString());
        assertThat(policy.hosts().get(1).identity()).isEqualTo("/abs/id");
        assertThat(policy.hosts().get(1).knownHosts()).isEqualTo(Path.of(HOME).toString());
        assertThat(policy.checks().get(TlsChecksConfig.KEY).trust()).isEqualTo(dir.resolve("ops/certs/internal-ca.pem").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"no", "No", "NO", "\"no\"", "'no'", "false"})
    void rootLoginNoLoadsAsNoWhetherYamlReadsItAsTextOrBoolean(String value) throws Exception {
        Policy policy = load(host("checks:\n  ssh:\n    rootLogin: " + value + "\n"));

        assertThat(policy.checks().get(SshChecksConfig.KEY).rootLogin()).isEqualTo(RootLogin.NO);
        assertThat(policy.checks().get(SshChecksConfig.KEY).rootLogin()).hasToString("no");
    }

    @ParameterizedTest
    @ValueSource(strings = {"prohibit-password", "\"prohibit-password\"", "without-password"})
    void rootLoginProhibitPasswordLoads(String value) throws Exception {
        Policy policy = load(host("checks:\n  ssh:\n    rootLogin: " + value + "\n"));

        assertThat(policy.checks().get(SshChecksConfig.KEY).rootLogin()).isEqualTo(RootLogin.PROHIBIT_PASSWORD);
        assertThat(policy.checks().get(SshChecksConfig.KEY).rootLogin()).hasToString("prohibit-password");
    }

    @Test
    void unknownKeyNamesItsPositionAndTheKeyMeant() throws Exception {
        String yaml = host("checks:\n  ports:\n    enabled: true\n    publicAlowed: [\"22/tcp\"]\n    privateNetworks: []\n");

        assertThat(error(yaml)).isEqualTo(
                ":7:5: unknown key 'publicAlowed' (did you mean 'publicAllowed'?) in checks.ports");
    }

    @Test
    void unknownKeyOfAHostNamesTheKeyItself() throws Exception {
        assertThat(error("hosts:\n  - name: web1\n    adress: 198.18.0.2\n    port: 22\n"))
                .isEqualTo(":3:5: unknown key 'adress' (did you mean 'address'?) in hosts[0]");
    }

    @Test
    void aMisspeltRequiredKeyIsReportedAsTheUnknownKeyRatherThanAsMissing() throws Exception {
        assertThat(error("hosts:\n  - name: web1\n    adress: 198.18.0.2\n"))
                .isEqualTo(":3:5: unknown key 'adress' (did you mean 'address'?) in hosts[0]");
        assertThat(error(host("waivers:\n  - check: ssh.key-only\n    reasons: OPS-12\n    expires: 2027-01-31\n    match: legacy\n")))
                .isEqualTo(":6:5: unknown key 'reasons' (did you mean 'reason'?) in waivers[0]");
    }

    @Test
    void anEmptyHostsKeySaysAListIsExpected() throws Exception {
        assertThat(error("hosts:\n")).isEqualTo(":1:7: hosts: expected a list here");
    }

    @Test
    void unknownKeyFarFromAnyKnownOneListsTheKnownKeys() throws Exception {
        assertThat(error(host("colour: blue\n")))
                .isEqualTo(":4:1: unknown key 'colour' (known keys: checks, defaults, group, groups, hosts, inventory, waivers)");
    }

    @Test
    void wrongTypeNamesThePathAndTheTypeExpected() throws Exception {
        assertThat(error("hosts:\n  - name: web1\n    address: 198.18.0.2\n    port: abc\n"))
                .isEqualTo(":4:11: hosts[0].port: 'abc' is not a number");
        assertThat(error(host("    sudo: maybe\n"))).isEqualTo(":4:11: hosts[0].sudo: 'maybe' is not true or false");
        assertThat(error("hosts: web1\n")).isEqualTo(":1:8: hosts: expected a list here");
        assertThat(error(host("checks:\n  ports:\n    publicAllowed: 22/tcp\n")))
                .isEqualTo(":6:20: checks.ports.publicAllowed: expected a list here");
    }

    @Test
    void aPortOutOfRangeIsNamedAtItsValue() throws Exception {
        assertThat(error(host("    port: 70000\n"))).isEqualTo(":4:11: port must be 1-65535, got 70000");
    }

    @Test
    void missingAddressPointsAtTheHostEntry() throws Exception {
        assertThat(error("hosts:\n  - name: web1\n    port: 22\n  - name: web2\n    address: 198.18.0.3\n"))
                .isEqualTo(":2:5: a host needs address: (an IP, a DNS name, or \"local\")");
    }

    @Test
    void badRootLoginNamesTheValue() throws Exception {
        assertThat(error(host("checks:\n  ssh: { rootLogin: maybe }\n")))
                .isEqualTo(":5:21: rootLogin must be \"no\" or \"prohibit-password\", got 'maybe'");
    }

    @Test
    void badWaiverCheckIdNamesTheValueAndTheValidIds() throws Exception {
        String message = error(host("waivers:\n  - check: ports.private\n    reason: r\n    expires: 2027-01-31\n    match: legacy\n"));

        assertThat(message).startsWith(":5:12: waiver check must be one of [ssh.key-only, ssh.root-login, "
                + "ssh.crypto, ports.private-only,").endsWith("got 'ports.private'");
    }

    @Test
    void aWaiverThatSaysNothingOfWhatItWaivesIsAnError() throws Exception {
        String without = error(host("waivers:\n  - check: ports.private-only\n    reason: r\n    expires: 2027-01-31\n"));
        String empty = error(host("waivers:\n  - check: ports.private-only\n    match: \"\"\n    reason: r\n"
                + "    expires: 2027-01-31\n"));

        assertThat(without).isEqualTo(empty).isEqualTo(":5:5: a waiver must say what it waives: match: (words of the "
                + "finding) or a subject: port:, package:, file:, setting:, rule:, certificate: (an empty match: "
                + "would waive every failure of the check)");
    }

    @Test
    void waiverWithoutReasonOrExpiryPointsAtTheWaiver() throws Exception {
        assertThat(error(host("waivers:\n  - check: ports.private-only\n    expires: 2027-01-31\n    match: legacy\n")))
                .isEqualTo(":5:5: a waiver needs reason: (why the risk is accepted, e.g. a ticket)");
        assertThat(error(host("waivers:\n  - check: ports.private-only\n    reason: \"  \"\n    expires: 2027-01-31\n")))
                .isEqualTo(":5:5: a waiver needs reason: (why the risk is accepted, e.g. a ticket)");
        assertThat(error(host("waivers:\n  - check: ports.private-only\n    reason: OPS-12\n    match: legacy\n")))
                .isEqualTo(":5:5: a waiver needs expires: (an ISO date such as 2027-01-31)");
    }

    @Test
    void badWaiverDateNamesTheValue() throws Exception {
        assertThat(error(host("waivers:\n  - check: ports.private-only\n    reason: OPS-12\n    expires: 31.01.2027\n    match: legacy\n")))
                .isEqualTo(":7:14: waiver expires must be an ISO date such as 2027-01-31, got '31.01.2027'");
        assertThat(error(host("waivers:\n  - check: ports.private-only\n    reason: OPS-12\n    expires: 2027-02-30\n    match: legacy\n")))
                .isEqualTo(":7:14: waiver expires must be an ISO date such as 2027-01-31, got '2027-02-30'");
    }

    @Test
    void waiverForAHostThePolicyDoesNotHaveIsAnError() throws Exception {
        assertThat(error(host("waivers:\n  - check: ssh.key-only\n    host: web2\n    reason: r\n    expires: 2027-01-31\n    match: legacy\n")))
                .isEqualTo(":6:11: waiver for unknown host 'web2' (hosts are [web1], or * for all)");
    }

    @Test
    void waiverWithoutHostAppliesToEveryHost() throws Exception {
        Policy policy = load(host("waivers:\n  - check: ssh.key-only\n    reason: r\n    expires: 2027-01-31\n    match: legacy\n"));

        assertThat(policy.waivers().get(0).host()).isEqualTo("*");
        assertThat(policy.waivers().get(0).match()).isEqualTo("legacy");
    }

    @Test
    void duplicateHostNamesNameTheSecondOne() throws Exception {
        String yaml = """
                hosts:
                  - name: web1
                    address: 198.18.0.2
                    tls: [{ port: 443, serverName: web1.example.com }]
                  - name: web1
                    address: 198.18.0.3
                """;

        assertThat(error(yaml)).isEqualTo(
                ":5:11: two hosts are named 'web1'; host names label the reports and must be unique");
    }

    @Test
    void duplicateHostsByAddressNameTheSecondEntry() throws Exception {
        assertThat(error("hosts:\n  - address: 198.18.0.2\n  - address: 198.18.0.2\n"))
                .isEqualTo(":3:5: two hosts are named '198.18.0.2'; host names label the reports and must be unique");
    }

    @Test
    void aKeyGivenTwiceIsAnErrorNotASilentOverride() throws Exception {
        assertThat(error(host("    address: 198.18.0.3\n"))).startsWith(":4:").contains("'address'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "# only a comment\n", "   \n# hosts:\n"})
    void anEmptyFileSaysItIsEmpty(String yaml) throws Exception {
        assertThat(error(yaml)).isEqualTo(": the policy file is empty (it needs at least hosts:)");
    }

    @Test
    void aDocumentOfNullSaysItIsEmpty() throws Exception {
        assertThat(error("---\n~\n")).isEqualTo(": the policy file is empty (it needs at least hosts:)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hosts: []\n", "hosts: ~\n", "checks:\n  ssh: { keyOnly: true }\n"})
    void aPolicyWithoutHostsSaysHowToAddThem(String yaml) throws Exception {
        assertThat(error(yaml)).isEqualTo(
                ": no hosts: list the hosts to check under hosts: (address: local for this machine), or name an Ansible inventory with inventory:");
    }

    @Test
    void yamlSyntaxErrorsNameTheLineAndColumnOfTheProblem() throws Exception {
        assertThat(error("hosts:\n  - name: web1: x\n")).isEqualTo(":2:15: YAML syntax error: mapping values are not allowed here");
        assertThat(error("hosts:\n  - name: web1\n    address: 198.18.0.2\n\tport: 22\n"))
                .startsWith(":4:1: YAML syntax error: ").contains("TAB");
        assertThat(error("hosts:\n  - name: \"web1\n")).startsWith(":3:1: YAML syntax error: while scanning a quoted scalar, ");
    }

    @Test
    void aMissingFileSaysSo() {
        Path missing = dir.resolve("nope/policy.yaml");

        assertThatThrownBy(() -> PolicyLoader.load(missing, FamilyRegistry.discover()))
                .isInstanceOf(PolicyException.class)
                .hasMessage(missing + ": policy file does not exist");
    }

    @Test
    void aFolderIsNotAPolicyFile() {
        assertThatThrownBy(() -> PolicyLoader.load(dir, FamilyRegistry.discover()))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(dir + ": cannot read policy file");
    }

    @Test
    void badValuesInsideChecksNameTheirPosition() throws Exception {
        assertThat(error(host("checks:\n  ports:\n    publicAllowed: [\"22\"]\n")))
                .isEqualTo(":6:20: publicAllowed entry '22' must look like \"443/tcp\", \"53/udp\" or \"8000-8099/tcp\"");
        assertThat(error(host("checks:\n  packages: { upToDate: some }\n")))
                .isEqualTo(":5:25: upToDate must be \"security\" or \"all\", got 'some'");
        assertThat(error(host("checks:\n  ports: { privateNetworks: [10.0.0.0/33] }\n")))
                .isEqualTo(":5:10: not an IP network: '10.0.0.0/33' (prefix length 0-32)");
        assertThat(error(host("    hostKey: \"MD5:aa:bb\"\n"))).startsWith(":4:14: hostKey must be an OpenSSH SHA256 fingerprint");
    }

    @Test
    void anEmptyEntryInAListIsReportedReadably() throws Exception {
        assertThat(error(host("checks:\n  ports:\n    publicAllowed: [~]\n"))).startsWith(":6:");
        assertThat(error("hosts:\n  - name: web1\n    address: 198.18.0.2\n  -\n"))
                .isEqualTo(":4:4: hosts[1]: '' is not a mapping (key: value)");
    }

    @Test
    void parseWithoutAFileOnDiskUsesTheGivenNameAndFolder() throws Exception {
        Policy policy = PolicyLoader.parse("hosts:\n  - address: local\n    identity: id\n", Path.of("/etc/hardening/p.yaml"), FamilyRegistry.discover());

        assertThat(policy.source()).isEqualTo(Optional.of("/etc/hardening/p.yaml"));
        assertThat(policy.hosts().get(0).isLocal()).isTrue();
        assertThat(policy.hosts().get(0).identity()).isEqualTo("/etc/hardening/id");
        assertThat(List.of(Policy.baseline().hosts().get(0).address())).containsExactly(HostSpec.LOCAL);
    }

    @Test
    void aMisspeltFamilySectionIsAnUnknownKeyWithItsPositionAndTheNearestFamily() throws Exception {
        assertThat(error(host("checks:\n  sssh: { keyOnly: true }\n")))
                .isEqualTo(":5:3: unknown key 'sssh' (did you mean 'ssh'?) in checks");
    }

    @Test
    void eachSectionBindsToTheSettingsOfTheFamilyThatRegistersIt() throws Exception {
        Policy policy = load(host("checks:\n  crypto: { forbiddenCiphers: [\"*-cbc\"] }\n  ssh: { rootLogin: no }\n"));

        assertThat(policy.checks().get(CryptoFamily.CONFIG).forbiddenCiphers()).containsExactly("*-cbc");
        assertThat(policy.checks().get(SshChecksConfig.KEY).rootLogin()).isEqualTo(RootLogin.NO);
        assertThat(policy.checks().get(PortsChecksConfig.KEY)).as("an omitted family keeps its defaults")
                .isEqualTo(PortsChecksConfig.DEFAULT);
    }

    @Test
    void aBadValueInsideAFamilySectionNamesTheSectionAndPosition() throws Exception {
        assertThat(error(host("checks:\n  crypto: { forbiddenCiphres: [] }\n")))
                .isEqualTo(":5:13: unknown key 'forbiddenCiphres' (did you mean 'forbiddenCiphers'?) in checks.crypto");
    }

    @Test
    void aWaiverMayNameATypedSubjectInsteadOfText() throws Exception {
        Policy policy = load(host("waivers:\n  - check: packages.up-to-date\n    package: \"openssl*\"\n"
                + "    reason: r\n    expires: 2027-01-31\n"));

        assertThat(policy.waivers().get(0).subjectFields()).containsEntry("package", "openssl*");
        assertThat(policy.waivers().get(0).match()).isNull();
    }
}
