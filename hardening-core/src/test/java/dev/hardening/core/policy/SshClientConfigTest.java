package dev.hardening.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.hardening.core.Fixtures;

/**
 * The client config read as OpenSSH reads it: each fixture's interpretation against what
 * {@code ssh -G -F FILE HOST} of OpenSSH 9.2p1 printed for it ({@code lab/capture-ssh-config-fixtures.sh}).
 */
class SshClientConfigTest {
    private static final SshClientConfig.Includes NO_INCLUDES = pattern -> List.of();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"fleet.conf", "spelling.conf", "match.conf"})
    void readsEachFixtureAsSshDid(String name) throws Exception {
        Map<String, String> captured = keyValues(Fixtures.read("ssh_config/CAPTURED.txt"), "=");
        SshClientConfig.Local local = new SshClientConfig.Local(captured.get("home"), captured.get("user"));
        String text = Fixtures.read("ssh_config/" + name);
        SshClientConfig config = SshClientConfig.parse(new SshClientConfig.Source(name, text), NO_INCLUDES, local);
        List<String> hosts = List.of(text.lines().filter(l -> l.startsWith("# hosts: ")).findFirst().orElseThrow()
                .substring("# hosts: ".length()).split(" "));

        for (String host : hosts) {
            Map<String, List<String>> ssh = sshG(Fixtures.read("ssh_config/" + name + "." + host + ".G"));
            SshClientConfig.Resolved r = config.resolve(host, Optional.empty());

            assertThat(r.hostName().map(SshClientConfig.Setting::value).orElse(host)).as(host + " hostname")
                    .isEqualTo(ssh.get("hostname").get(0));
            assertThat(r.user().map(SshClientConfig.Setting::value).orElse(local.user())).as(host + " user")
                    .isEqualTo(ssh.get("user").get(0));
            assertThat(r.port().map(SshClientConfig.Setting::value).orElse("22")).as(host + " port")
                    .isEqualTo(ssh.get("port").get(0));
            assertThat(r.proxyJump().map(SshClientConfig.Setting::value).filter(v -> !v.equals("none")))
                    .as(host + " proxyjump").isEqualTo(Optional.ofNullable(ssh.get("proxyjump")).map(v -> v.get(0)));
            assertThat(strictness(r)).as(host + " stricthostkeychecking")
                    .isEqualTo(ssh.get("stricthostkeychecking").get(0));
            assertThat(r.identitiesOnly().map(s -> s.value().matches("yes|true") ? "yes" : "no").orElse("no"))
                    .as(host + " identitiesonly").isEqualTo(ssh.get("identitiesonly").get(0));
            if (!r.identityFiles().isEmpty()) {
                // ssh -G prints them unexpanded; the parser expands ~ to the capturing user's home
                assertThat(r.identityFiles()).extracting(SshClientConfig.Setting::value).as(host + " identityfile")
                        .isEqualTo(ssh.get("identityfile").stream().map(f -> f.replaceFirst("^~", local.home()))
                                .toList());
            }
            r.userKnownHostsFile().ifPresent(k -> assertThat(k.value()).as(host + " userknownhostsfile")
                    .isEqualTo(ssh.get("userknownhostsfile").get(0).split(" ")[0]));
        }
    }

    @Test
    void originsNameFileAndLine() throws Exception {
        SshClientConfig config = parse("Host web1\n  User deploy\n\nHost *\n  Port 2222\n");

        SshClientConfig.Resolved r = config.resolve("web1", Optional.empty());

        assertThat(r.user()).contains(new SshClientConfig.Setting("deploy", "/home/gate/.ssh/config:2"));
        assertThat(r.port()).contains(new SshClientConfig.Setting("2222", "/home/gate/.ssh/config:5"));
    }

    @Test
    void identityFileTokensAreExpanded() throws Exception {
        SshClientConfig config = parse("Host web1\n  HostName 10.0.0.1\n  User deploy\n  Port 2022\n"
                + "  IdentityFile %d/keys/%u-%r@%h:%p-%n%%\n");

        assertThat(config.resolve("web1", Optional.empty()).identityFiles()).extracting(SshClientConfig.Setting::value)
                .containsExactly("/home/gate/keys/gate-deploy@10.0.0.1:2022-web1%");
    }

    @Test
    void anIncludeIsReadRelativeToDotSshWithGlobsInOrderAndItsBlocksEndWithIt() throws Exception {
        Path home = dir.resolve("home");
        Path confd = Files.createDirectories(home.resolve(".ssh/conf.d"));
        Files.writeString(confd.resolve("20-db.conf"), "Host db*\n  User dba\n");
        Files.writeString(confd.resolve("10-web.conf"), "Host web*\n  User www\n");
        Files.writeString(confd.resolve("ignored.txt"), "Host *\n  User nobody\n");
        SshClientConfig.Local local = new SshClientConfig.Local(home.toString(), "gate");
        String main = "Host *.example.net\n  Include conf.d/*.conf\n  Port 2200\n";

        SshClientConfig config = SshClientConfig.parse(new SshClientConfig.Source("config", main),
                SshClientConfig.fileIncludes(local), local);

        assertThat(config.resolve("web1.example.net", Optional.empty()).user().orElseThrow().origin())
                .isEqualTo(confd.resolve("10-web.conf") + ":2");
        assertThat(config.resolve("db1.example.net", Optional.empty()).user().map(SshClientConfig.Setting::value))
                .contains("dba");
        // after the Include the Host *.example.net block goes on, whatever the included file's blocks said
        assertThat(config.resolve("db1.example.net", Optional.empty()).port().map(SshClientConfig.Setting::value))
                .contains("2200");
        assertThat(config.resolve("db1.other.org", Optional.empty()).user()).isEmpty();
    }

    @Test
    void anIncludeLoopIsAnErrorNotAStackOverflow() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/loop"), "Include loop\n");
        SshClientConfig.Local local = new SshClientConfig.Local(home.toString(), "gate");

        assertThatThrownBy(() -> SshClientConfig.parse(new SshClientConfig.Source("config", "Include loop\n"),
                SshClientConfig.fileIncludes(local), local)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("Include nested more than 16 deep");
    }

    @Test
    void anUnknownKeywordIsRefusedLikeSshDoesUnlessIgnoreUnknownListsIt() throws Exception {
        assertThatThrownBy(() -> parse("Host web1\n  Colour blue\n")).isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("/home/gate/.ssh/config:2: Bad configuration option: colour");
        assertThat(parse("IgnoreUnknown Col*,UseKeychain\nHost web1\n  Colour blue\n  UseKeychain yes\n")
                .resolve("web1", Optional.empty()).user()).isEmpty();
        assertThat(parse("Host *\n  ServerAliveInterval 30\n  ForwardAgent no\n  ControlMaster auto\n")
                .resolve("x", Optional.empty()).hostName()).isEmpty();
    }

    @Test
    void badValuesAreErrorsWithFileAndLineWhereverTheyAre() {
        assertThatThrownBy(() -> parse("Host nothing-matches-this\n  Port 0\n"))
                .hasMessage("/home/gate/.ssh/config:2: Bad port '0' (Port must be 1-65535)");
        assertThatThrownBy(() -> parse("Host *\n  StrictHostKeyChecking maybe\n"))
                .hasMessageStartingWith("/home/gate/.ssh/config:2: unsupported option \"maybe\" for stricthostkeychecking");
        assertThatThrownBy(() -> parse("Host *\n  IdentitiesOnly sometimes\n"))
                .hasMessageContaining(":2: unsupported option \"sometimes\" for identitiesonly");
        assertThatThrownBy(() -> parse("Host\n")).hasMessage("/home/gate/.ssh/config:1: host needs a value");
        assertThatThrownBy(() -> parse("Host *\n  User \"deploy\n"))
                .hasMessage("/home/gate/.ssh/config:2: invalid quotes (a \" is not closed)");
        assertThatThrownBy(() -> parse("Match exec \"test -f /x\"\n  User a\n"))
                .hasMessageStartingWith("/home/gate/.ssh/config:1: Match exec is not supported by the gate");
        assertThatThrownBy(() -> parse("Match hostname x\n")).hasMessage("/home/gate/.ssh/config:1: unsupported Match "
                + "attribute hostname");
    }

    @ParameterizedTest
    @ValueSource(strings = {"no", "accept-new", "off", "false"})
    void aWeakerStrictHostKeyCheckingIsRefusedNamingTheLine(String value) throws Exception {
        SshClientConfig config = parse("Host web*\n  StrictHostKeyChecking " + value + "\n");

        assertThatThrownBy(() -> config.applyTo(List.of(HostSpec.builder("web1").build())))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("/home/gate/.ssh/config:2: StrictHostKeyChecking " + value
                        + " applies to host web1, and the gate never trusts a host key it was not given");
        // the first value obtained wins: a strict one before it keeps the host strict
        assertThat(parse("Host web1\n  StrictHostKeyChecking yes\nHost web*\n  StrictHostKeyChecking " + value + "\n")
                .applyTo(List.of(HostSpec.builder("web1").build()))).hasSize(1);
        // a block for other hosts refuses nothing
        assertThat(config.applyTo(List.of(HostSpec.builder("db1").build()))).hasSize(1);
    }

    @Test
    void policyFieldsWinOverTheFileAndTheFileFillsTheRest() throws Exception {
        SshClientConfig config = parse("Host web1\n  HostName 10.0.0.5\n  User ops\n  Port 2222\n"
                + "  IdentityFile ~/.ssh/ops\n  UserKnownHostsFile ~/.ssh/kh_fleet\n  ProxyJump jump@198.18.0.1\n"
                + "  IdentitiesOnly yes\n");

        HostSpec filled = config.applyTo(List.of(HostSpec.builder("web1").name("web1").build())).get(0);
        HostSpec own = config.applyTo(List.of(HostSpec.builder("web1").name("web1").user("deploy").port(2200)
                .identity("/keys/deploy").knownHosts("/kh").jump("198.18.0.9").agent(true).build())).get(0);

        assertThat(filled.address()).isEqualTo("10.0.0.5");
        assertThat(filled.user()).isEqualTo("ops");
        assertThat(filled.port()).isEqualTo(2222);
        assertThat(filled.identity()).isEqualTo("/home/gate/.ssh/ops");
        assertThat(filled.knownHosts()).isEqualTo("/home/gate/.ssh/kh_fleet");
        assertThat(filled.jump()).containsExactly("jump@198.18.0.1");
        assertThat(filled.agent()).isFalse();
        assertThat(own.address()).isEqualTo("10.0.0.5");
        assertThat(List.of(own.user(), own.port(), own.identity(), own.knownHosts(), own.jump(), own.agent()))
                .containsExactly("deploy", 2200, "/keys/deploy", "/kh", List.of("198.18.0.9"), true);
    }

    @Test
    void aProxyCommandIsRefusedUnlessAJumpReplacesIt() throws Exception {
        SshClientConfig config = parse("Host web*\n  ProxyCommand ssh -W %h:%p bastion\n");

        assertThatThrownBy(() -> config.applyTo(List.of(HostSpec.builder("web1").build())))
                .hasMessage("/home/gate/.ssh/config:2: ProxyCommand applies to host web1, and the gate runs no local "
                        + "commands to connect: write the bastion as ProxyJump (or jump: in the policy)");
        assertThat(config.applyTo(List.of(HostSpec.builder("web1").jump("198.18.0.1").build())).get(0).jump())
                .containsExactly("198.18.0.1");
    }

    @Test
    void aHostNameThatIsNoAddressNamesItsLine() throws Exception {
        SshClientConfig config = parse("Host web1\n  HostName not_a_name!\n");

        assertThatThrownBy(() -> config.applyTo(List.of(HostSpec.builder("web1").build())))
                .hasMessageStartingWith("/home/gate/.ssh/config:2: address must be");
    }

    @Test
    void aPolicyNamesItsSshConfigAndTheHopsOfProxyJumpAreLookedUpInIt() throws Exception {
        Path ssh = Files.writeString(dir.resolve("ssh_config"), "Host bastion\n  HostName 198.18.0.1\n  User ops\n"
                + "  Port 2222\n\nHost db*\n  ProxyJump bastion\n  User postgres\n");
        Path policyFile = Files.writeString(dir.resolve("policy.yml"), "sshConfig: ssh_config\nhosts:\n"
                + "  - name: db1\n    address: db1\n    identity: keys/db\n");

        HostSpec db1 = PolicyLoader.load(policyFile, dev.hardening.core.family.FamilyRegistry.discover()).hosts().get(0);

        assertThat(db1.user()).isEqualTo("postgres");
        assertThat(db1.via()).singleElement().satisfies(hop -> {
            assertThat(hop.address()).isEqualTo("198.18.0.1");
            assertThat(hop.port()).isEqualTo(2222);
            assertThat(hop.user()).isEqualTo("ops");
            assertThat(hop.identity()).isEqualTo(dir.resolve("keys/db").toString());
        });
    }

    @Test
    void aPolicyWhoseSshConfigRefusesStrictnessFailsToLoad() throws Exception {
        Files.writeString(dir.resolve("ssh_config"), "Host *\n  StrictHostKeyChecking accept-new\n");
        Path policyFile = Files.writeString(dir.resolve("policy.yml"), "sshConfig: ssh_config\nhosts:\n"
                + "  - address: web1\n");

        assertThatThrownBy(() -> PolicyLoader.load(policyFile, dev.hardening.core.family.FamilyRegistry.discover()))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(dir.resolve("ssh_config") + ":2: StrictHostKeyChecking accept-new applies to "
                        + "host web1");
    }

    @Property
    void anyTextParsesOrIsAPolicyErrorWithItsLine(@ForAll @StringLength(max = 200) String text) {
        try {
            parse(text).resolve("web1", Optional.empty());
        } catch (PolicyException e) {
            assertThat(e.getMessage()).matches("(?s)/home/gate/\\.ssh/config:\\d+: .+");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).matches("(?s)/home/gate/\\.ssh/config:\\d+: the token .+");
        }
    }

    @Property
    void theFirstObtainedValueWins(@ForAll @AlphaChars @StringLength(min = 1, max = 12) String first,
            @ForAll @AlphaChars @StringLength(min = 1, max = 12) String later) throws PolicyException {
        SshClientConfig config = parse("Host web*\n  User " + first + "\nHost *\n  User " + later + "\n");

        assertThat(config.resolve("web1", Optional.empty()).user().map(SshClientConfig.Setting::value)).contains(first);
        assertThat(config.resolve("db1", Optional.empty()).user().map(SshClientConfig.Setting::value)).contains(later);
    }

    private static SshClientConfig parse(String text) throws PolicyException {
        return SshClientConfig.parse(new SshClientConfig.Source("/home/gate/.ssh/config", text), NO_INCLUDES,
                new SshClientConfig.Local("/home/gate", "gate"));
    }

    private static String strictness(SshClientConfig.Resolved r) {
        String value = r.strictHostKeyChecking().map(SshClientConfig.Setting::value).orElse("ask");
        return switch (value) {
            case "yes", "true" -> "true";
            case "no", "off", "false" -> "false";
            default -> value;
        };
    }

    /** ssh -G's lines: a keyword, a space, its value; keywords that repeat (identityfile) keep every value. */
    private static Map<String, List<String>> sshG(String output) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        output.lines().filter(l -> l.contains(" ")).forEach(l -> out.computeIfAbsent(l.substring(0, l.indexOf(' ')),
                k -> new ArrayList<>()).add(l.substring(l.indexOf(' ') + 1)));
        return out;
    }

    private static Map<String, String> keyValues(String text, String separator) {
        Map<String, String> out = new LinkedHashMap<>();
        text.lines().filter(l -> l.contains(separator)).forEach(l -> out.put(l.substring(0, l.indexOf(separator)),
                l.substring(l.indexOf(separator) + 1)));
        return out;
    }
}
