package dev.hardening.core.gather;

import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.ssh.ConnectionSpec;
import dev.hardening.core.facts.ssh.MatchBlock;
import dev.hardening.core.facts.ssh.MatchCriteria;
import dev.hardening.core.facts.ssh.SshContext;
import dev.hardening.core.facts.ssh.SshFacts;
import dev.hardening.core.facts.ssh.SshdConfig;
import dev.hardening.core.facts.ssh.SshdConfigParser;
import dev.hardening.core.facts.ssh.SshdConfigParser.ConfigFile;
import dev.hardening.core.facts.ssh.SshdDefaults;
import dev.hardening.core.facts.ssh.SshdSettings;
import dev.hardening.core.facts.ssh.SshdTBatch;
import dev.hardening.core.facts.ssh.SshdTParser;
import dev.hardening.core.facts.ssh.UserDirectory;
import dev.hardening.core.facts.ssh.WireProbe;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.HostException;
import dev.hardening.core.host.Shell;
import dev.hardening.core.family.FactSource;

/**
 * Reads a host's SSH facts: the config files, the effective settings from {@code sshd -T -C} for the
 * login user, root and every Match block (falling back to the files when sshd -T cannot run), and
 * the methods the server offers on the wire.
 */
public final class SshFactsCollector {
    /** sshd's effective settings for the login user, root and every Match block, and the wire offer. */
    public static final FactSource<SshFacts> SOURCE = FactSource.remote(SshFacts.KEY,
            context -> collect(context.host(), context.spec().loginUser()));

    private static final String MAIN_CONFIG = "/etc/ssh/sshd_config";
    private static final String SBIN_PATH = "PATH=\"$PATH:/usr/sbin:/sbin\"; ";
    /** What an Include glob may contain: it is expanded by the host's shell, so nothing that shell would interpret otherwise. */
    private static final Pattern SAFE_GLOB = Pattern.compile("[A-Za-z0-9_./*?\\[\\]@+,:-]+");

    private final Host host;
    private final String loginUser;

    private SshFactsCollector(Host host, String loginUser) {
        this.host = host;
        this.loginUser = loginUser;
    }

    static Fact<SshFacts> collect(Host host, String loginUser) {
        try {
            return new SshFactsCollector(host, loginUser).collect();
        } catch (HostException e) {
            return Fact.unknown(e.getMessage(), List.of());
        }
    }

    private Fact<SshFacts> collect() throws HostException {
        CommandResult which = host.run(SBIN_PATH + "command -v sshd");
        boolean installed = which.succeeded() && !which.stdout().isBlank();
        Fact<SshdConfig> files = readConfig();
        SshdConfig config = files instanceof Fact.Known<SshdConfig> k ? k.value() : null;
        int port = configuredPort(config);

        if (!installed) {
            WireProbe probe = probe(loginUser, port);
            if (probe instanceof WireProbe.NotListening) {
                return Fact.notApplicable("no SSH server: sshd is not installed and nothing listens on port " + port);
            }
            return Fact.unknown("an SSH server answers on port " + port + " but OpenSSH's sshd is not installed "
                    + "(another SSH server?), so its configuration cannot be read", List.of(which.firstErrorLine()));
        }

        UserDirectory users = readUsers();
        ConnectionSpec base = baseSpec(port);
        List<ConnectionSpec> specs = new ArrayList<>();
        List<Optional<MatchBlock>> blocks = new ArrayList<>();
        List<MatchBlock> unenterable = new ArrayList<>();
        addSpec(specs, blocks, base.withUser(loginUser), Optional.empty());
        addSpec(specs, blocks, base.withUser("root"), Optional.empty());
        if (config != null) {
            for (MatchBlock block : config.matchBlocks()) {
                Optional<ConnectionSpec> forLogin = enter(block, base, loginUser, users);
                Optional<ConnectionSpec> forRoot = enter(block, base, "root", users)
                        .filter(s -> s.user().equals("root"));
                forLogin.ifPresent(s -> addSpec(specs, blocks, s, Optional.of(block)));
                forRoot.ifPresent(s -> addSpec(specs, blocks, s, Optional.of(block)));
                if (forLogin.isEmpty() && forRoot.isEmpty()) {
                    unenterable.add(block);
                }
            }
        }

        String sshdTFailure = null;
        List<SshdSettings> settings = new ArrayList<>();
        CommandResult batch = host.runPrivileged(SshdTBatch.command(
                specs.stream().map(ConnectionSpec::toSshdArgument).toList()));
        try {
            for (SshdTBatch.Answer answer : SshdTBatch.parse(batch.stdout(), specs.size())) {
                if (answer.exitStatus() != 0) {
                    sshdTFailure = "sshd -T -C " + answer.spec() + " exited " + answer.exitStatus() + ": "
                            + answer.output().strip().lines().findFirst().orElse("no output");
                    break;
                }
                settings.add(SshdTParser.parse(answer.output()));
            }
        } catch (IllegalArgumentException e) {
            sshdTFailure = (host.usesSudo() ? "sudo -n " : "") + "sshd -T could not run: "
                    + (batch.exitStatus() != 0 ? batch.firstErrorLine() : e.getMessage());
        }

        SshFacts.ConfigSource source = SshFacts.ConfigSource.SSHD_T;
        if (sshdTFailure != null) {
            if (config == null) {
                Fact.Unknown<SshdConfig> why = (Fact.Unknown<SshdConfig>) files;
                return Fact.unknown("cannot determine sshd's effective configuration: " + sshdTFailure
                        + "; and the config files are unreadable: " + why.reason()
                        + (host.usesSudo() ? "" : " (run the gate as root or set sudo: true with NOPASSWD for sshd and cat)"),
                        List.of(sshdTFailure, why.reason()));
            }
            source = SshFacts.ConfigSource.CONFIG_FILES;
            settings.clear();
            for (ConnectionSpec spec : specs) {
                settings.add(SshdDefaults.effective(config, spec, users));
            }
        }

        List<SshContext> contexts = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            contexts.add(new SshContext(blocks.get(i), specs.get(i), settings.get(i)));
        }
        int wirePort = source == SshFacts.ConfigSource.SSHD_T
                ? settings.get(0).first("port").map(Integer::parseInt).orElse(port) : port;
        WireProbe loginWire = probe(loginUser, wirePort);
        Optional<WireProbe> rootWire = loginUser.equals("root") ? Optional.empty()
                : Optional.of(probe("root", wirePort));
        return Fact.known(new SshFacts(source, sshdTFailure == null ? "" : sshdTFailure, contexts, unenterable,
                Optional.ofNullable(config), users, loginWire, rootWire));
    }

    private static Optional<ConnectionSpec> enter(MatchBlock block, ConnectionSpec base, String user,
            UserDirectory users) {
        try {
            return MatchCriteria.enter(block, base, user, users);
        } catch (MatchCriteria.UnsupportedCriterionException e) {
            return Optional.empty();
        }
    }

    private static void addSpec(List<ConnectionSpec> specs, List<Optional<MatchBlock>> blocks, ConnectionSpec spec,
            Optional<MatchBlock> block) {
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).equals(spec) && blocks.get(i).equals(block)) {
                return;
            }
        }
        specs.add(spec);
        blocks.add(block);
    }

    private Fact<SshdConfig> readConfig() throws HostException {
        CommandResult main = readFile(MAIN_CONFIG);
        if (!main.succeeded()) {
            return Fact.unknown(MAIN_CONFIG + ": " + main.firstErrorLine(), List.of());
        }
        try {
            return Fact.known(SshdConfigParser.parse(new ConfigFile(MAIN_CONFIG, main.stdout()), this::resolveInclude));
        } catch (IOException | IllegalArgumentException e) {
            return Fact.unknown(e.getMessage(), List.of());
        }
    }

    private List<ConfigFile> resolveInclude(String pattern) throws IOException {
        if (!SAFE_GLOB.matcher(pattern).matches()) {
            throw new IOException("Include '" + pattern + "' has characters this analysis does not expand");
        }
        CommandResult listing = host.runPrivileged("for f in " + pattern + "; do [ -e \"$f\" ] && printf '%s\\n' \"$f\"; done; true");
        if (!listing.succeeded()) {
            throw new IOException("cannot expand Include " + pattern + ": " + listing.firstErrorLine());
        }
        List<ConfigFile> files = new ArrayList<>();
        for (String path : listing.stdout().lines().filter(l -> !l.isBlank()).sorted().toList()) {
            CommandResult content = readFile(path);
            if (!content.succeeded()) {
                throw new IOException(path + " (included from " + pattern + "): " + content.firstErrorLine());
            }
            files.add(new ConfigFile(path, content.stdout()));
        }
        return files;
    }

    private CommandResult readFile(String path) throws HostException {
        return host.runPrivileged("cat -- " + Shell.quote(path));
    }

    private UserDirectory readUsers() throws HostException {
        CommandResult passwd = host.run("getent passwd || cat /etc/passwd");
        CommandResult group = host.run("getent group || cat /etc/group");
        return UserDirectory.parse(passwd.stdout(), group.stdout());
    }

    /** The connection the gate itself makes, from {@code SSH_CONNECTION}; loopback when there is none. */
    private ConnectionSpec baseSpec(int port) throws HostException {
        String[] conn = host.run("printf '%s' \"$SSH_CONNECTION\"").stdout().strip().split("\\s+");
        if (conn.length == 4) {
            return new ConnectionSpec(loginUser, conn[0], conn[0], conn[2], Integer.parseInt(conn[3]), null);
        }
        return new ConnectionSpec(loginUser, "127.0.0.1", "127.0.0.1", "127.0.0.1", port, null);
    }

    private static int configuredPort(SshdConfig config) {
        if (config == null) {
            return 22;
        }
        Map<String, String> global = new LinkedHashMap<>();
        config.directives().stream().filter(d -> d.block().isEmpty())
                .forEach(d -> global.putIfAbsent(d.keyword(), d.value()));
        try {
            return Integer.parseInt(global.getOrDefault("port", "22").strip());
        } catch (NumberFormatException e) {
            return 22;
        }
    }

    private WireProbe probe(String user, int port) {
        try {
            return new WireProbe.Offered(host.offeredAuthentication(user, port));
        } catch (ConnectException e) {
            return new WireProbe.NotListening("127.0.0.1:" + port);
        } catch (IOException e) {
            return new WireProbe.Failed(user, e.getMessage());
        }
    }
}
