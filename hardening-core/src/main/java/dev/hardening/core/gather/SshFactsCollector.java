package dev.hardening.core.gather;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.net.ListeningSocket;
import dev.hardening.core.facts.net.SocketInventory;
import dev.hardening.core.facts.net.Transport;
import dev.hardening.core.facts.ssh.ConfigOrigin;
import dev.hardening.core.facts.ssh.ConnectionSpec;
import dev.hardening.core.facts.ssh.Directive;
import dev.hardening.core.facts.ssh.MatchBlock;
import dev.hardening.core.facts.ssh.MatchCriteria;
import dev.hardening.core.facts.ssh.ProcessCommandLines;
import dev.hardening.core.facts.ssh.SocketActivatedSshd;
import dev.hardening.core.facts.ssh.SshContext;
import dev.hardening.core.facts.ssh.SshDaemon;
import dev.hardening.core.facts.ssh.SshDaemonFacts;
import dev.hardening.core.facts.ssh.SshFacts;
import dev.hardening.core.facts.ssh.SshdCommandLine;
import dev.hardening.core.facts.ssh.SshdConfig;
import dev.hardening.core.facts.ssh.SshdConfigParser.ConfigFile;
import dev.hardening.core.facts.ssh.SshdConfigDump;
import dev.hardening.core.facts.ssh.SshdConfigParser;
import dev.hardening.core.facts.ssh.SshdDefaults;
import dev.hardening.core.facts.ssh.SshdSettings;
import dev.hardening.core.facts.ssh.SshdTBatch;
import dev.hardening.core.facts.ssh.SshdTParser;
import dev.hardening.core.facts.ssh.UnexaminedDaemon;
import dev.hardening.core.facts.ssh.UserDirectory;
import dev.hardening.core.facts.ssh.WireProbe;
import dev.hardening.core.family.FactSource;
import dev.hardening.core.family.GatherContext;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.HostCommand;
import dev.hardening.core.host.HostException;
import dev.hardening.core.host.HostKeyVerification;
import dev.hardening.core.host.Shell;
import dev.hardening.core.host.SshHost;

/**
 * Reads the SSH facts of every daemon on a host: the listening sshd processes (from the socket table's
 * owners and each process's command line: {@code -f}, {@code -p}, {@code -o}) and the systemd socket units
 * that start sshd; for each, its config files, the effective settings from {@code sshd -T -f FILE -C} for
 * the login user, root and every Match block (falling back to that daemon's files when sshd -T cannot
 * run), and the methods it offers on the wire on each port.
 */
public final class SshFactsCollector {
    /** Every sshd's effective settings for the login user, root and every Match block, and its wire offers. */
    public static final FactSource<SshFacts> SOURCE = FactSource.remote(SshFacts.KEY,
            context -> SshFactsCollector.COMMANDS, SshFactsCollector::collect);

    private static final String SBIN_PATH = "PATH=\"$PATH:/usr/sbin:/sbin\"; ";
    private static final String WHICH_SSHD = SBIN_PATH + "command -v sshd";
    private static final String PASSWD = "getent passwd || cat /etc/passwd";
    private static final String GROUP = "getent group || cat /etc/group";
    private static final String SSH_CONNECTION = "printf '%s' \"$SSH_CONNECTION\"";
    /** What needs no earlier answer: the first script carries it, the default config file with its includes among it. */
    private static final List<HostCommand> COMMANDS = List.of(HostCommand.plain(WHICH_SSHD), HostCommand.plain(PASSWD),
            HostCommand.plain(GROUP), HostCommand.plain(SSH_CONNECTION), HostCommand.plain(NetFactsCollector.PROCESS_NAMES),
            HostCommand.plain(ProcessCommandLines.named("sshd")),
            HostCommand.privileged(SshdConfigDump.command(SshDaemon.DEFAULT_CONFIG)));
    /** What an Include glob may contain: it is expanded by the host's shell, so nothing that shell would interpret otherwise. */
    private static final Pattern SAFE_GLOB = Pattern.compile("[A-Za-z0-9_./*?\\[\\]@+,:-]+");
    private static final Pattern COMM_LINE = Pattern.compile("^/proc/(\\d+)/comm:sshd$");

    private final GatherContext context;
    private final Host host;
    private final String loginUser;

    private SshFactsCollector(GatherContext context) {
        this.context = context;
        this.host = context.host();
        this.loginUser = context.spec().loginUser();
    }

    static Fact<SshFacts> collect(GatherContext context) {
        try {
            return new SshFactsCollector(context).collect();
        } catch (HostException e) {
            return Fact.unknown(e.getMessage(), List.of());
        }
    }

    /** The daemons found, and those that listen like sshd but whose command line cannot be read. */
    private record Discovery(List<SshDaemon> daemons, List<UnexaminedDaemon> unexamined) {
    }

    private Fact<SshFacts> collect() throws HostException {
        CommandResult which = host.run(WHICH_SSHD);
        if (!which.succeeded() || which.stdout().isBlank()) {
            Fact<SshdConfig> files = readConfig(SshDaemon.notRunning(List.of()));
            int port = configuredPorts(files instanceof Fact.Known<SshdConfig> k ? k.value() : null).get(0);
            WireProbe probe = probe(loginUser, port, Optional.empty());
            if (probe instanceof WireProbe.NotListening) {
                return Fact.notApplicable("no SSH server: sshd is not installed and nothing listens on port " + port);
            }
            return Fact.unknown("an SSH server answers on port " + port + " but OpenSSH's sshd is not installed "
                    + "(another SSH server?), so its configuration cannot be read", List.of(which.firstErrorLine()));
        }
        UserDirectory users = readUsers();
        Connection connection = connection();
        Discovery discovery = discover();
        List<SshDaemon> daemons = discovery.daemons().isEmpty() && discovery.unexamined().isEmpty()
                ? List.of(SshDaemon.notRunning(List.of())) : discovery.daemons();
        List<SshDaemonFacts> examined = new ArrayList<>();
        List<UnexaminedDaemon> unexamined = new ArrayList<>(discovery.unexamined());
        for (SshDaemon daemon : daemons) {
            Fact<SshDaemonFacts> facts = examine(daemon, users, connection);
            if (facts instanceof Fact.Known<SshDaemonFacts> known) {
                examined.add(known.value());
            } else if (facts instanceof Fact.Unknown<SshDaemonFacts> why) {
                if (daemons.size() == 1 && discovery.unexamined().isEmpty()) {
                    return Fact.unknown(why.reason(), why.evidence());
                }
                unexamined.add(new UnexaminedDaemon(daemon.label(), why.reason(), why.evidence()));
            }
        }
        return Fact.known(new SshFacts(examined, unexamined, connection.serverPort()));
    }

    /** Where the gate's own connection arrived: the client and the server address and port ({@code SSH_CONNECTION}). */
    private record Connection(ConnectionSpec base, OptionalInt serverPort) {
    }

    /** The connection the gate itself makes, from {@code SSH_CONNECTION}; loopback when there is none. */
    private Connection connection() throws HostException {
        String[] conn = host.run(SSH_CONNECTION).stdout().strip().split("\\s+");
        if (conn.length == 4 && conn[3].matches("\\d{1,5}")) {
            int port = Integer.parseInt(conn[3]);
            return new Connection(new ConnectionSpec(loginUser, conn[0], conn[0], conn[2], port, null), OptionalInt.of(port));
        }
        return new Connection(new ConnectionSpec(loginUser, "127.0.0.1", "127.0.0.1", "127.0.0.1", 22, null),
                OptionalInt.empty());
    }

    /**
     * Every sshd that listens: each process named sshd whose command line is a listener's, with the TCP
     * ports the socket table says it holds, and each systemd socket unit for sshd that listens while no
     * sshd process holds its port.
     */
    private Discovery discover() throws HostException {
        Optional<SocketInventory> sockets = context.fact(SocketInventory.KEY) instanceof Fact.Known<SocketInventory> k
                ? Optional.of(k.value()) : Optional.empty();
        Set<Integer> pids = new TreeSet<>();
        host.run(NetFactsCollector.PROCESS_NAMES).stdout().lines().map(COMM_LINE::matcher)
                .filter(Matcher::matches).forEach(m -> pids.add(Integer.parseInt(m.group(1))));
        sockets.ifPresent(s -> s.sockets().forEach(socket -> socket.processes().stream()
                .filter(p -> p.name().equals("sshd")).forEach(p -> pids.add(p.pid()))));
        List<SshDaemon> daemons = new ArrayList<>();
        List<UnexaminedDaemon> unexamined = new ArrayList<>();
        if (!pids.isEmpty()) {
            Map<Integer, byte[]> cmdlines = ProcessCommandLines.parse(
                    host.run(ProcessCommandLines.named("sshd")).stdout());
            cmdlines.keySet().retainAll(pids);
            cmdlines.forEach((pid, bytes) -> {
                try {
                    SshdCommandLine.parse(bytes).filter(c -> !c.perConnection()).ifPresent(c -> daemons.add(
                            new SshDaemon(OptionalInt.of(pid), Optional.empty(), c, tcpPorts(sockets, pid))));
                } catch (SshdCommandLine.UnreadableCommandLine e) {
                    unexamined.add(new UnexaminedDaemon("sshd pid " + pid, "its command line (/proc/" + pid
                            + "/cmdline) cannot be read as sshd reads it: " + e.getMessage(), List.of()));
                }
            });
        }
        daemons.addAll(socketActivated(sockets, daemons));
        return new Discovery(daemons, unexamined);
    }

    private static List<Integer> tcpPorts(Optional<SocketInventory> sockets, int pid) {
        return sockets.map(s -> s.sockets().stream().filter(socket -> socket.transport() == Transport.TCP)
                .filter(socket -> socket.processes().stream().anyMatch(p -> p.pid() == pid))
                .map(ListeningSocket::port).distinct().sorted().toList()).orElse(List.of());
    }

    /**
     * The sshd socket units whose port listens while systemd holds it, or, where the owners could not be
     * read, while no sshd process listens at all (a unit file alone, as Debian ships ssh.socket, starts
     * nothing); read only when the socket table has such a socket.
     */
    private List<SshDaemon> socketActivated(Optional<SocketInventory> sockets, List<SshDaemon> processes)
            throws HostException {
        Set<Integer> held = new TreeSet<>();
        processes.forEach(d -> held.addAll(d.ports()));
        List<ListeningSocket> candidates = sockets.map(s -> s.sockets().stream()
                .filter(socket -> socket.transport() == Transport.TCP && !held.contains(socket.port()))
                .filter(socket -> socket.processes().isEmpty() ? processes.isEmpty()
                        : socket.processes().stream().anyMatch(p -> p.name().equals("systemd")))
                .toList()).orElse(List.of());
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<SshDaemon> daemons = new ArrayList<>();
        for (SocketActivatedSshd unit : SocketActivatedSshd.parse(host.run(SocketActivatedSshd.listingCommand()).stdout())) {
            List<Integer> listening = unit.ports().stream()
                    .filter(port -> candidates.stream().anyMatch(c -> c.port() == port)).toList();
            if (!listening.isEmpty()) {
                daemons.add(new SshDaemon(OptionalInt.empty(), Optional.of(unit.unit()), unit.commandLine(), listening));
            }
        }
        return daemons;
    }

    /** One daemon's facts: its configuration as sshd -T (or else its files) says, and its wire offers. */
    private Fact<SshDaemonFacts> examine(SshDaemon found, UserDirectory users, Connection connection)
            throws HostException {
        Fact<SshdConfig> files = readConfig(found);
        SshdConfig config = files instanceof Fact.Known<SshdConfig> k ? k.value() : null;
        List<Integer> filePorts = found.commandLine().ports().isEmpty() ? configuredPorts(config)
                : found.commandLine().ports();
        int firstPort = found.ports().isEmpty() ? filePorts.get(0) : found.ports().get(0);
        ConnectionSpec base = connection.serverPort().isPresent() && found.ports().contains(connection.serverPort().getAsInt())
                ? connection.base() : connection.base().withLport(firstPort);
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
        CommandResult batch = host.runPrivileged(SshdTBatch.command(found.commandLine().sshdTArguments(),
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

        SshDaemonFacts.ConfigSource source = SshDaemonFacts.ConfigSource.SSHD_T;
        List<Integer> ports = found.ports();
        if (sshdTFailure != null) {
            if (config == null) {
                Fact.Unknown<SshdConfig> why = (Fact.Unknown<SshdConfig>) files;
                return Fact.unknown("cannot determine sshd's effective configuration: " + sshdTFailure
                        + "; and the config files are unreadable: " + why.reason()
                        + (host.usesSudo() ? "" : " (run the gate as root or set sudo: true with NOPASSWD for sshd and cat)"),
                        List.of(sshdTFailure, why.reason()));
            }
            source = SshDaemonFacts.ConfigSource.CONFIG_FILES;
            settings.clear();
            for (ConnectionSpec spec : specs) {
                settings.add(SshdDefaults.effective(config, spec, users));
            }
            ports = ports.isEmpty() ? filePorts : ports;
        } else if (ports.isEmpty()) {
            ports = settings.get(0).all("port").stream().filter(p -> p.matches("\\d{1,5}")).map(Integer::parseInt).toList();
            ports = ports.isEmpty() ? filePorts : ports;
        }
        SshDaemon daemon = new SshDaemon(found.pid(), found.socketUnit(), found.commandLine(), ports);

        List<SshContext> contexts = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            contexts.add(new SshContext(blocks.get(i), specs.get(i), settings.get(i)));
        }
        List<WireProbe> wire = new ArrayList<>();
        for (int port : ports) {
            // a host not reached over SSH (this machine, a container by docker exec) knows its own ports
            boolean viaLogin = context.spec().isLocal() || connection.serverPort().isEmpty()
                    || connection.serverPort().getAsInt() == port;
            Optional<HostKeyVerification> hostKeys = viaLogin ? Optional.empty() : Optional.of(ownHostKeys(daemon, settings.get(0)));
            wire.add(probe(loginUser, port, hostKeys));
            if (!loginUser.equals("root")) {
                wire.add(probe("root", port, hostKeys));
            }
        }
        return Fact.known(new SshDaemonFacts(daemon, source, sshdTFailure == null ? "" : sshdTFailure, contexts,
                unenterable, Optional.ofNullable(config), users, wire));
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

    /** The daemon's own files, with its {@code -o} options in front: sshd reads them first, and the first value wins. */
    private Fact<SshdConfig> readConfig(SshDaemon daemon) throws HostException {
        String main = daemon.configFile();
        CommandResult read = host.runPrivileged(SshdConfigDump.command(main));
        if (!read.succeeded()) {
            return Fact.unknown(main + ": " + read.firstErrorLine(), List.of());
        }
        try {
            SshdConfigDump dump = SshdConfigDump.parse(read.stdout());
            SshdConfigDump.Content content = dump.files().get(main);
            if (content == null || content.text().isEmpty()) {
                return Fact.unknown(main + ": " + (content == null ? "not read" : content.error()), List.of());
            }
            SshdConfig files = SshdConfigParser.parse(new ConfigFile(main, content.text().get()),
                    pattern -> resolveInclude(pattern, dump));
            List<Directive> directives = new ArrayList<>();
            List<List<String>> options = daemon.commandLine().optionPairs();
            for (int i = 0; i < options.size(); i++) {
                List<String> option = options.get(i);
                directives.add(new Directive(SshdSettings.canonical(option.get(0)), option.get(0), option.get(1),
                        new ConfigOrigin(SshDaemonFacts.COMMAND_LINE, i + 1), Optional.empty()));
            }
            directives.addAll(files.directives());
            return Fact.known(new SshdConfig(files.files(), directives, files.matchBlocks()));
        } catch (IOException | IllegalArgumentException e) {
            return Fact.unknown(e.getMessage(), List.of());
        }
    }

    /** The files of an Include, from the dump; a pattern the dump did not expand is listed on its own. */
    private List<ConfigFile> resolveInclude(String pattern, SshdConfigDump dump) throws IOException {
        if (!SAFE_GLOB.matcher(pattern).matches()) {
            throw new IOException("Include '" + pattern + "' has characters this analysis does not expand");
        }
        List<String> matched = dump.globs().get(pattern);
        if (matched != null) {
            List<ConfigFile> files = new ArrayList<>();
            for (String path : matched.stream().sorted().toList()) {
                SshdConfigDump.Content content = dump.files().get(path);
                if (content == null || content.text().isEmpty()) {
                    throw new IOException(path + " (included from " + pattern + "): "
                            + (content == null ? "not read" : content.error()));
                }
                files.add(new ConfigFile(path, content.text().get()));
            }
            return files;
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
        CommandResult passwd = host.run(PASSWD);
        CommandResult group = host.run(GROUP);
        return UserDirectory.parse(passwd.stdout(), group.stdout());
    }

    /** The global {@code Port} lines of the files, or 22; as sshd, ignoring values that are not ports. */
    private static List<Integer> configuredPorts(SshdConfig config) {
        List<Integer> ports = config == null ? List.of() : config.directives().stream()
                .filter(d -> d.block().isEmpty() && d.keyword().equals("port"))
                .map(d -> d.value().strip()).filter(v -> v.matches("\\d{1,5}")).map(Integer::parseInt).distinct().toList();
        return ports.isEmpty() ? List.of(22) : ports;
    }

    /**
     * The daemon's own host public keys ({@code HostKey} files + {@code .pub}), read over the verified
     * connection: a port other than the one the gate logged in through is trusted only when it presents one of them.
     */
    private HostKeyVerification ownHostKeys(SshDaemon daemon, SshdSettings settings) throws HostException {
        List<String> files = new ArrayList<>(daemon.commandLine().hostKeyFiles());
        files.addAll(settings.all("hostkey"));
        if (files.isEmpty()) {
            files.addAll(List.of("/etc/ssh/ssh_host_rsa_key", "/etc/ssh/ssh_host_ecdsa_key", "/etc/ssh/ssh_host_ed25519_key"));
        }
        String command = files.stream().map(f -> "cat -- " + Shell.quote(f + ".pub") + " 2>/dev/null")
                .collect(java.util.stream.Collectors.joining("; ")) + "; true";
        List<PublicKey> keys = new ArrayList<>();
        for (String line : host.run(command).stdout().lines().filter(l -> !l.isBlank()).toList()) {
            try {
                keys.add(HostKeyVerification.parsePublicKeyLine(line));
            } catch (IOException e) {
                // a line that is not a key vouches for nothing
            }
        }
        return HostKeyVerification.exactly(keys, "the host keys of " + daemon.label() + " " + files
                + ", read over the verified connection");
    }

    /**
     * Asks one port: through the host for the port the gate logged in through (and on the gate's own
     * machine), otherwise from the gate's machine along the route to that port, verified by the daemon's keys.
     */
    private WireProbe probe(String user, int port, Optional<HostKeyVerification> ownKeys) {
        try {
            if (ownKeys.isEmpty()) {
                return new WireProbe.Offered(host.offeredAuthentication(user, port));
            }
            Optional<InetSocketAddress> route = context.route(port);
            if (route.isEmpty()) {
                return new WireProbe.Unreachable(port, "no route from the gate's machine to it");
            }
            try {
                return new WireProbe.Offered(SshHost.probe(route.get().getHostString(), route.get().getPort(), user,
                        ownKeys.get(), context.timeouts()));
            } catch (ConnectException e) {
                return new WireProbe.Unreachable(port, route.get().getHostString() + ":" + route.get().getPort()
                        + " refused the connection");
            }
        } catch (ConnectException e) {
            return new WireProbe.NotListening("127.0.0.1:" + port);
        } catch (IOException e) {
            return new WireProbe.Failed(user, e.getMessage());
        }
    }
}
