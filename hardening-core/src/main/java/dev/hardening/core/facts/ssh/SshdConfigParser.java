package dev.hardening.core.facts.ssh;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Parses sshd configuration files the way sshd reads them: keywords case-insensitive, {@code Keyword
 * value} or {@code Keyword=value}, {@code #} comments, {@code Include} expanded in place (relative
 * paths under {@code /etc/ssh}), and {@code Match} blocks running to the next Match or the end of file.
 */
public final class SshdConfigParser {
    private static final String SSH_DIR = "/etc/ssh/";
    private static final int MAX_INCLUDE_DEPTH = 16;
    private static final Set<String> CRITERIA =
            Set.of("all", "user", "group", "host", "address", "localaddress", "localport", "rdomain");

    /** A file's path and text. */
    public record ConfigFile(String path, String content) {
    }

    /** Expands an Include pattern to the files it names, sorted as sshd sorts them; reads each. */
    @FunctionalInterface
    public interface IncludeResolver {
        List<ConfigFile> resolve(String absolutePattern) throws IOException;
    }

    /** A configuration line sshd would reject; the message names file and line. */
    public static final class ConfigSyntaxException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ConfigSyntaxException(String message) {
            super(message);
        }
    }

    private final IncludeResolver includes;
    private final List<String> files = new ArrayList<>();
    private final List<Directive> directives = new ArrayList<>();
    private final List<MatchBlock> blocks = new ArrayList<>();

    private SshdConfigParser(IncludeResolver includes) {
        this.includes = includes;
    }

    public static SshdConfig parse(ConfigFile main, IncludeResolver includes) throws IOException {
        SshdConfigParser parser = new SshdConfigParser(includes);
        parser.read(main, Optional.empty(), 0);
        return new SshdConfig(parser.files, parser.directives, parser.blocks);
    }

    private void read(ConfigFile file, Optional<MatchBlock> enclosing, int depth) throws IOException {
        if (depth > MAX_INCLUDE_DEPTH) {
            throw new ConfigSyntaxException(file.path() + ": Include nested deeper than " + MAX_INCLUDE_DEPTH);
        }
        files.add(file.path());
        Optional<MatchBlock> current = enclosing;
        String[] lines = file.content().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            ConfigOrigin origin = new ConfigOrigin(file.path(), i + 1);
            List<String> tokens = tokenize(lines[i], origin);
            if (tokens.isEmpty()) {
                continue;
            }
            String spelled = tokens.get(0);
            String keyword = SshdSettings.canonical(spelled);
            List<String> args = tokens.subList(1, tokens.size());
            switch (keyword) {
                case "match" -> {
                    MatchBlock block = matchBlock(args, origin);
                    blocks.add(block);
                    current = Optional.of(block);
                }
                case "include" -> {
                    if (args.isEmpty()) {
                        throw new ConfigSyntaxException(origin + ": Include without a file");
                    }
                    for (String pattern : args) {
                        String absolute = pattern.startsWith("/") ? pattern : SSH_DIR + pattern;
                        for (ConfigFile included : includes.resolve(absolute)) {
                            read(included, current, depth + 1);
                        }
                    }
                }
                default -> directives.add(new Directive(keyword, spelled, String.join(" ", args), origin, current));
            }
        }
    }

    private static MatchBlock matchBlock(List<String> args, ConfigOrigin origin) {
        if (args.isEmpty()) {
            throw new ConfigSyntaxException(origin + ": Match without criteria");
        }
        List<MatchBlock.Criterion> criteria = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String type = args.get(i).toLowerCase(Locale.ROOT);
            if (!CRITERIA.contains(type)) {
                throw new ConfigSyntaxException(origin + ": unsupported Match criterion '" + args.get(i) + "'");
            }
            if (type.equals("all")) {
                criteria.add(new MatchBlock.Criterion(type, ""));
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new ConfigSyntaxException(origin + ": Match " + args.get(i) + " without a value");
            }
            criteria.add(new MatchBlock.Criterion(type, args.get(++i)));
        }
        return new MatchBlock(criteria, String.join(" ", args), origin);
    }

    /** Splits a line into keyword and arguments; comments and blank lines give nothing. */
    static List<String> tokenize(String line, ConfigOrigin origin) {
        List<String> tokens = new ArrayList<>();
        String text = line.strip();
        int i = 0;
        boolean first = true;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || (first && tokens.size() == 1 && c == '=')) {
                i++;
                continue;
            }
            if (c == '#') {
                break;
            }
            StringBuilder token = new StringBuilder();
            if (c == '"') {
                int close = text.indexOf('"', i + 1);
                if (close < 0) {
                    throw new ConfigSyntaxException(origin + ": unterminated quote");
                }
                token.append(text, i + 1, close);
                i = close + 1;
            } else {
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))
                        && !(tokens.isEmpty() && text.charAt(i) == '=')) {
                    token.append(text.charAt(i++));
                }
            }
            tokens.add(token.toString());
            if (tokens.size() > 1) {
                first = false;
            }
        }
        return tokens;
    }
}
