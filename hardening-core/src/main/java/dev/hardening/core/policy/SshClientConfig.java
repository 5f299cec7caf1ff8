package dev.hardening.core.policy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import dev.hardening.core.facts.ssh.Patterns;

/**
 * An OpenSSH client config file ({@code ~/.ssh/config}, {@code ssh -F}) read as {@code ssh} reads it:
 * {@code Host} and {@code Match} blocks, the first value obtained for a keyword wins ({@code IdentityFile}
 * accumulates), {@code Include} with globs relative to {@code ~/.ssh}, {@code IgnoreUnknown}. The
 * connection keywords the gate uses are read ({@link Resolved}); the others OpenSSH knows are accepted and
 * ignored, and one it does not know is an error as in {@code ssh}. A weaker {@code StrictHostKeyChecking}
 * than strict is refused: the gate never trusts a host key it has not been given.
 */
public final class SshClientConfig {
    /** OpenSSH's {@code READCONF_MAX_DEPTH}. */
    static final int MAX_INCLUDE_DEPTH = 16;
    /** A client config is a few KiB; anything larger is refused before it is read. */
    static final int MAX_BYTES = 1 << 20;
    private static final Set<String> MATCH_CRITERIA = Set.of("all", "host", "originalhost", "user", "localuser");
    private static final Set<String> UNSUPPORTED_CRITERIA = Set.of("canonical", "final", "exec", "localnetwork",
            "tagged");
    private static final Set<String> YES_NO = Set.of("yes", "no", "true", "false");
    private static final Set<String> STRICT = Set.of("yes", "no", "ask", "accept-new", "off", "true", "false");

    /** The file text's items in order, {@code Include}s read in place. */
    private final List<Item> items;
    private final Local local;

    /** Where {@code ~}, {@code %d} and {@code %u} point, and where relative {@code Include}s are. */
    public record Local(String home, String user) {
        public static Local current() {
            return new Local(System.getProperty("user.home"), System.getProperty("user.name"));
        }

        Path sshDir() {
            return Path.of(home, ".ssh");
        }
    }

    /** One file's text under a name for messages. */
    public record Source(String name, String text) {
    }

    /** Reads the files an {@code Include} pattern names, in the order OpenSSH reads them (sorted). */
    @FunctionalInterface
    public interface Includes {
        List<Source> read(String pattern) throws PolicyException;
    }

    /** A value with the {@code file:line} it came from. */
    public record Setting(String value, String origin) {
    }

    /**
     * What the file says for one host, each with its origin; empty what it does not say.
     *
     * @param identityFiles every {@code IdentityFile} that applies, in order, tokens and {@code ~} expanded
     */
    public record Resolved(Optional<Setting> hostName, Optional<Setting> user, Optional<Setting> port,
            List<Setting> identityFiles, Optional<Setting> identitiesOnly, Optional<Setting> proxyJump,
            Optional<Setting> userKnownHostsFile, Optional<Setting> strictHostKeyChecking,
            Optional<Setting> proxyCommand) {
    }

    private sealed interface Item permits Block, Option, Included {
    }

    /** {@code Host} or {@code Match}: which hosts the options up to the next block apply to. */
    private record Block(Line line, List<String> hostPatterns, List<Criterion> criteria) implements Item {
    }

    private record Criterion(String name, boolean negated, String patterns) {
    }

    private record Option(Line line) implements Item {
    }

    private record Included(List<Item> items) implements Item {
    }

    private record Line(String file, int number, String keyword, List<String> args) {
        String origin() {
            return file + ":" + number;
        }

        PolicyException error(String problem) {
            return new PolicyException(origin() + ": " + problem);
        }
    }

    private SshClientConfig(List<Item> items, Local local) {
        this.items = List.copyOf(items);
        this.local = local;
    }

    /** Reads a config file from disk, its {@code Include}s relative to the current user's {@code ~/.ssh}. */
    public static SshClientConfig read(Path file) throws PolicyException {
        Local local = Local.current();
        return parse(new Source(file.toString(), readBounded(file)), fileIncludes(local), local);
    }

    /** Parses config text; {@code includes} reads what an {@code Include} names. */
    public static SshClientConfig parse(Source source, Includes includes, Local local) throws PolicyException {
        return new SshClientConfig(items(source, includes, 0, new ArrayList<>()), local);
    }

    private static String readBounded(Path file) throws PolicyException {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new PolicyException(file + ": the ssh config file is larger than " + (MAX_BYTES >> 20)
                        + " MiB; it was not read");
            }
            return Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new PolicyException(file + ": ssh config file does not exist");
        } catch (IOException e) {
            throw new PolicyException(file + ": cannot read ssh config file: " + e.getMessage());
        }
    }

    /** Include patterns as {@code ssh} reads them: relative to {@code ~/.ssh}, globs in the last part, sorted. */
    public static Includes fileIncludes(Local local) {
        return pattern -> {
            Path path = Path.of(expandTilde(pattern, local));
            if (!path.isAbsolute()) {
                path = local.sshDir().resolve(path);
            }
            Path dir = path.getParent();
            String glob = path.getFileName().toString();
            List<Source> found = new ArrayList<>();
            if (dir == null || !Files.isDirectory(dir)) {
                return found;
            }
            List<Path> matches = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
                files.forEach(matches::add);
            } catch (IOException | IllegalArgumentException e) {
                throw new PolicyException(path + ": cannot read the files Include names: " + e.getMessage());
            }
            matches.sort(null);
            for (Path match : matches) {
                if (Files.isRegularFile(match)) {
                    found.add(new Source(match.toString(), readBounded(match)));
                }
            }
            return found;
        };
    }

    private static List<Item> items(Source source, Includes includes, int depth, List<String> ignoreUnknown)
            throws PolicyException {
        List<Item> items = new ArrayList<>();
        List<String> lines = source.text().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Optional<Line> parsed = line(source.name(), i + 1, lines.get(i));
            if (parsed.isEmpty()) {
                continue;
            }
            Line line = parsed.get();
            switch (line.keyword()) {
                case "host" -> items.add(hostBlock(line));
                case "match" -> items.add(matchBlock(line));
                case "include" -> {
                    if (depth + 1 > MAX_INCLUDE_DEPTH) {
                        throw line.error("Include nested more than " + MAX_INCLUDE_DEPTH + " deep (an Include loop?)");
                    }
                    List<Item> included = new ArrayList<>();
                    for (String pattern : requireArgs(line)) {
                        for (Source file : includes.read(pattern)) {
                            included.addAll(items(file, includes, depth + 1, ignoreUnknown));
                        }
                    }
                    items.add(new Included(included));
                }
                case "ignoreunknown" -> ignoreUnknown.addAll(requireArgs(line));
                default -> {
                    if (!Keywords.ALL.contains(line.keyword())) {
                        if (ignoreUnknown.stream().anyMatch(p -> Patterns.patternList(line.keyword(), p, true))) {
                            continue;
                        }
                        throw line.error("Bad configuration option: " + line.keyword() + " (OpenSSH's ssh refuses it "
                                + "too; list it in IgnoreUnknown if another client reads it)");
                    }
                    validate(line);
                    items.add(new Option(line));
                }
            }
        }
        return items;
    }

    /** A line's keyword (lower case) and arguments; empty for blank lines and comments. */
    private static Optional<Line> line(String file, int number, String text) throws PolicyException {
        String s = text.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return Optional.empty();
        }
        int end = 0;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '=') {
            end++;
        }
        String keyword = s.substring(0, end).toLowerCase(Locale.ROOT);
        String rest = s.substring(end).stripLeading();
        if (rest.startsWith("=")) {
            rest = rest.substring(1).stripLeading();
        }
        return Optional.of(new Line(file, number, keyword, arguments(rest, file + ":" + number)));
    }

    /** OpenSSH's {@code argv_split}: whitespace separates, quotes group, {@code \} escapes, {@code #} starts a comment. */
    private static List<String> arguments(String text, String origin) throws PolicyException {
        List<String> args = new ArrayList<>();
        StringBuilder current = null;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (current != null) {
                    args.add(current.toString());
                    current = null;
                }
                continue;
            }
            if (quote == 0 && c == '#' && current == null) {
                break;
            }
            if (current == null) {
                current = new StringBuilder();
            }
            if (c == '\\' && i + 1 < text.length()
                    && (text.charAt(i + 1) == '\\' || text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\''
                            || (quote == 0 && Character.isWhitespace(text.charAt(i + 1))))) {
                current.append(text.charAt(++i));
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            } else {
                current.append(c);
            }
        }
        if (quote != 0) {
            throw new PolicyException(origin + ": invalid quotes (a " + quote + " is not closed)");
        }
        if (current != null) {
            args.add(current.toString());
        }
        return args;
    }

    private static List<String> requireArgs(Line line) throws PolicyException {
        if (line.args().isEmpty() || line.args().get(0).isEmpty()) {
            throw line.error(line.keyword() + " needs a value");
        }
        return line.args();
    }

    private static Block hostBlock(Line line) throws PolicyException {
        return new Block(line, requireArgs(line), List.of());
    }

    private static Block matchBlock(Line line) throws PolicyException {
        List<String> args = requireArgs(line);
        List<Criterion> criteria = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i).toLowerCase(Locale.ROOT);
            boolean negated = word.startsWith("!");
            String name = negated ? word.substring(1) : word;
            if (UNSUPPORTED_CRITERIA.contains(name)) {
                throw line.error("Match " + name + " is not supported by the gate (it cannot decide it the way ssh "
                        + "does); use Host or Match host/user blocks");
            }
            if (!MATCH_CRITERIA.contains(name)) {
                throw line.error("unsupported Match attribute " + args.get(i));
            }
            if (name.equals("all")) {
                if (args.size() != 1) {
                    throw line.error("Match all cannot be combined with other criteria");
                }
                criteria.add(new Criterion(name, negated, ""));
                continue;
            }
            if (i + 1 >= args.size()) {
                throw line.error("Match " + name + " needs a pattern list");
            }
            criteria.add(new Criterion(name, negated, args.get(++i)));
        }
        return new Block(line, List.of(), criteria);
    }

    /** Bad values are errors wherever they are, as {@code ssh} refuses them before it matches anything. */
    private static void validate(Line line) throws PolicyException {
        switch (line.keyword()) {
            case "port" -> {
                String value = requireArgs(line).get(0);
                if (!value.matches("\\d{1,5}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 65535) {
                    throw line.error("Bad port '" + value + "' (Port must be 1-65535)");
                }
            }
            case "identitiesonly" -> oneOf(line, YES_NO);
            case "stricthostkeychecking" -> oneOf(line, STRICT);
            case "hostname", "user", "identityfile", "proxyjump", "userknownhostsfile" -> requireArgs(line);
            default -> {
                // a keyword the gate does not read: ssh's own checks of it do not change what the gate does
            }
        }
    }

    private static void oneOf(Line line, Set<String> values) throws PolicyException {
        String value = requireArgs(line).get(0).toLowerCase(Locale.ROOT);
        if (!values.contains(value)) {
            throw line.error("unsupported option \"" + line.args().get(0) + "\" for " + line.keyword() + " (one of "
                    + values.stream().sorted().toList() + ")");
        }
    }

    /**
     * What the file says for {@code host} (the name given to ssh, here a policy host's {@code address}),
     * logging in as {@code user} unless the file names one.
     */
    public Resolved resolve(String host, Optional<String> user) throws PolicyException {
        Map<String, Line> first = new LinkedHashMap<>();
        List<Line> identities = new ArrayList<>();
        collect(items, true, host, user, first, identities);
        String hostName = Optional.ofNullable(first.get("hostname")).map(l -> expandHostName(l, host)).orElse(host);
        String remoteUser = user.orElseGet(() -> Optional.ofNullable(first.get("user"))
                .map(l -> l.args().get(0)).orElse(local.user()));
        String port = Optional.ofNullable(first.get("port")).map(l -> l.args().get(0)).orElse("22");
        UnaryOperator<String> noExpansion = v -> v;
        List<Setting> identityFiles = new ArrayList<>();
        for (Line line : identities) {
            identityFiles.add(new Setting(expandPath(line, line.args().get(0), host, hostName, remoteUser, port),
                    line.origin()));
        }
        Optional<Setting> knownHosts = Optional.empty();
        if (first.containsKey("userknownhostsfile")) {
            Line line = first.get("userknownhostsfile");
            knownHosts = Optional.of(new Setting(expandPath(line, line.args().get(0), host, hostName, remoteUser,
                    port), line.origin()));
        }
        return new Resolved(setting(first, "hostname", v -> hostName), setting(first, "user", noExpansion),
                setting(first, "port", noExpansion), List.copyOf(identityFiles),
                setting(first, "identitiesonly", v -> v.toLowerCase(Locale.ROOT)),
                setting(first, "proxyjump", noExpansion), knownHosts,
                setting(first, "stricthostkeychecking", v -> v.toLowerCase(Locale.ROOT)),
                setting(first, "proxycommand", noExpansion));
    }

    private static Optional<Setting> setting(Map<String, Line> first, String keyword, UnaryOperator<String> value) {
        return Optional.ofNullable(first.get(keyword))
                .map(l -> new Setting(value.apply(String.join(",", l.args())), l.origin()));
    }

    private void collect(List<Item> scope, boolean startActive, String host, Optional<String> user,
            Map<String, Line> first, List<Line> identities) {
        boolean active = startActive;
        for (Item item : scope) {
            if (item instanceof Block block) {
                active = applies(block, host, user, first);
            } else if (item instanceof Option option && active) {
                if (option.line().keyword().equals("identityfile")) {
                    identities.add(option.line());
                } else {
                    first.putIfAbsent(option.line().keyword(), option.line());
                }
            } else if (item instanceof Included included && active) {
                // an included file's blocks end with it: what follows the Include is in the includer's block again
                collect(included.items(), true, host, user, first, identities);
            }
        }
    }

    private boolean applies(Block block, String host, Optional<String> user, Map<String, Line> first) {
        if (!block.hostPatterns().isEmpty()) {
            return Patterns.patternList(host, String.join(",", block.hostPatterns()), true);
        }
        // Match host sees the HostName obtained so far, as ssh's match_cfg_line does
        String hostName = Optional.ofNullable(first.get("hostname")).map(l -> expandHostName(l, host)).orElse(host);
        String remoteUser = user.orElseGet(() -> Optional.ofNullable(first.get("user")).map(l -> l.args().get(0))
                .orElse(local.user()));
        for (Criterion c : block.criteria()) {
            boolean hit = switch (c.name()) {
                case "all" -> true;
                case "host" -> Patterns.patternList(hostName, c.patterns(), true);
                case "originalhost" -> Patterns.patternList(host, c.patterns(), true);
                case "user" -> Patterns.patternList(remoteUser, c.patterns(), false);
                case "localuser" -> Patterns.patternList(local.user(), c.patterns(), false);
                default -> false;
            };
            if (hit == c.negated()) {
                return false;
            }
        }
        return true;
    }

    private static String expandHostName(Line line, String host) {
        return line.args().get(0).replace("%%", "\u0000").replace("%h", host).replace("\u0000", "%");
    }

    /** {@code ~} and the tokens {@code %d %u %h %r %p %n %%}; another token is an error naming the line. */
    private String expandPath(Line line, String value, String originalHost, String hostName, String remoteUser,
            String port) {
        String tilde = expandTilde(value, local);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tilde.length(); i++) {
            char c = tilde.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            char token = i + 1 < tilde.length() ? tilde.charAt(++i) : ' ';
            switch (token) {
                case '%' -> out.append('%');
                case 'd' -> out.append(local.home());
                case 'u' -> out.append(local.user());
                case 'h' -> out.append(hostName);
                case 'r' -> out.append(remoteUser);
                case 'p' -> out.append(port);
                case 'n' -> out.append(originalHost);
                default -> throw new IllegalArgumentException(line.origin() + ": the token %" + token + " in "
                        + line.keyword() + " is not supported by the gate (it expands %d %u %h %r %p %n and %%)");
            }
        }
        return out.toString();
    }

    private static String expandTilde(String path, Local local) {
        if (path.equals("~") || path.startsWith("~/")) {
            return local.home() + path.substring(1);
        }
        return path;
    }

    /**
     * The hosts completed from the file: what a host does not set itself ({@code user}, {@code identity},
     * {@code knownHosts}, {@code jump}, {@code agent}; {@code port} while it is the default 22) the file fills
     * in, and its {@code HostName} replaces the address it was looked up by.
     *
     * @throws PolicyException naming file:line of a refused or unusable value
     */
    public List<HostSpec> applyTo(List<HostSpec> hosts) throws PolicyException {
        List<HostSpec> completed = new ArrayList<>();
        for (HostSpec host : hosts) {
            completed.add(host.isLocal() ? host : complete(host));
        }
        return completed;
    }

    /** One host completed from the file (see {@link #applyTo(List)}). */
    public HostSpec complete(HostSpec host) throws PolicyException {
        Resolved r;
        try {
            r = resolve(host.address(), Optional.ofNullable(host.user()));
        } catch (IllegalArgumentException e) {
            throw new PolicyException(e.getMessage());
        }
        Optional<Setting> strict = r.strictHostKeyChecking();
        if (strict.isPresent() && Set.of("no", "off", "false", "accept-new").contains(strict.get().value())) {
            throw new PolicyException(strict.get().origin() + ": StrictHostKeyChecking " + strict.get().value()
                    + " applies to host " + host.name() + ", and the gate never trusts a host key it was not given: "
                    + "remove the line (or set it to yes) and put the host's verified key in known_hosts");
        }
        Optional<Setting> command = r.proxyCommand().filter(c -> !c.value().equals("none"));
        if (command.isPresent() && host.jump().isEmpty() && r.proxyJump().isEmpty()) {
            throw new PolicyException(command.get().origin() + ": ProxyCommand applies to host " + host.name()
                    + ", and the gate runs no local commands to connect: write the bastion as ProxyJump (or jump: in "
                    + "the policy)");
        }
        HostSpec.Builder b = HostSpec.builder(r.hostName().map(Setting::value).orElse(host.address()))
                .name(host.name()).sudo(host.sudo()).tls(host.tls().toArray(TlsEndpoint[]::new));
        b.port(host.port() != 22 ? host.port() : r.port().map(p -> Integer.parseInt(p.value())).orElse(22));
        b.user(host.user() != null ? host.user() : r.user().map(Setting::value).orElse(null));
        b.identity(host.identity() != null ? host.identity() : firstReadable(r.identityFiles()).orElse(null));
        b.passphraseEnv(host.passphraseEnv()).hostKey(host.hostKey()).server(host.server());
        b.knownHosts(host.knownHosts() != null || host.hostKey() != null ? host.knownHosts()
                : r.userKnownHostsFile().map(s -> s.value().equals("none") ? "/dev/null" : s.value()).orElse(null));
        if (host.agent() != null) {
            b.agent(host.agent());
        } else if (r.identitiesOnly().map(s -> s.value().equals("yes") || s.value().equals("true")).orElse(false)) {
            b.agent(false);
        }
        List<String> jump = !host.jump().isEmpty() ? host.jump()
                : r.proxyJump().map(s -> List.of(s.value())).orElse(List.of());
        try {
            return b.jump(jump.toArray(String[]::new)).build();
        } catch (IllegalArgumentException e) {
            String origin = r.hostName().map(Setting::origin).or(() -> r.proxyJump().map(Setting::origin))
                    .orElse("host " + host.name());
            throw new PolicyException(origin + ": " + e.getMessage());
        }
    }

    /** ssh tries every IdentityFile; the gate takes the first that exists, else the first named. */
    private static Optional<String> firstReadable(List<Setting> identities) {
        return identities.stream().map(Setting::value).filter(p -> Files.isReadable(Path.of(p))).findFirst()
                .or(() -> identities.stream().map(Setting::value).findFirst());
    }

    /** The keywords of OpenSSH 9.2's {@code ssh_config}, deprecated and unsupported ones included: ssh accepts them. */
    private static final class Keywords {
        static final Set<String> ALL = Set.of("host", "match", "include", "ignoreunknown", "addkeystoagent",
                "addressfamily", "batchmode", "bindaddress", "bindinterface", "canonicaldomains",
                "canonicalizefallbacklocal", "canonicalizehostname", "canonicalizemaxdots",
                "canonicalizepermittedcnames", "casignaturealgorithms", "certificatefile",
                "challengeresponseauthentication", "checkhostip", "cipher", "ciphers", "clearallforwardings",
                "compression", "compressionlevel", "connectionattempts", "connecttimeout", "controlmaster",
                "controlpath", "controlpersist", "dynamicforward", "enableescapecommandline", "enablesshkeysign",
                "escapechar", "exitonforwardfailure", "fingerprinthash", "forkafterauthentication", "forwardagent",
                "forwardx11", "forwardx11timeout", "forwardx11trusted", "gatewayports", "globalknownhostsfile",
                "gssapiauthentication", "gssapiclientidentity", "gssapidelegatecredentials", "gssapikeyexchange",
                "gssapikexalgorithms", "gssapirenewalforcesrekey", "gssapiserveridentity", "gssapitrustdns",
                "hashknownhosts", "hostbasedacceptedalgorithms", "hostbasedauthentication", "hostbasedkeytypes",
                "hostkeyalgorithms", "hostkeyalias", "hostname", "identitiesonly", "identityagent", "identityfile",
                "ipqos", "kbdinteractiveauthentication", "kbdinteractivedevices", "kexalgorithms",
                "knownhostscommand", "localcommand", "localforward", "loglevel", "logverbose", "macs",
                "nohostauthenticationforlocalhost", "numberofpasswordprompts", "passwordauthentication",
                "permitlocalcommand", "permitremoteopen", "pkcs11provider", "port", "preferredauthentications",
                "protocol", "proxycommand", "proxyjump", "proxyusefdpass", "pubkeyacceptedalgorithms",
                "pubkeyacceptedkeytypes", "pubkeyauthentication", "rekeylimit", "remotecommand", "remoteforward",
                "requesttty", "requiredrsasize", "revokedhostkeys", "rhostsrsaauthentication", "rsaauthentication",
                "securitykeyprovider", "sendenv", "serveralivecountmax", "serveraliveinterval", "sessiontype",
                "setenv", "smartcarddevice", "stdinnull", "streamlocalbindmask", "streamlocalbindunlink",
                "stricthostkeychecking", "tcpkeepalive", "tunnel", "tunneldevice", "updatehostkeys", "user",
                "userknownhostsfile", "useroaming", "usersh", "useprivilegedport", "fallbacktorsh",
                "verifyhostkeydns", "visualhostkey", "xauthlocation", "dsaauthentication", "skeyauthentication",
                "tisauthentication", "kerberosauthentication", "kerberostgtpassing", "afstokenpassing");
    }
}
