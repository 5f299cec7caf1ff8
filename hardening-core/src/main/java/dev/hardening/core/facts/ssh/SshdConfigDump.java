package dev.hardening.core.facts.ssh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.hardening.core.host.Shell;

/**
 * An sshd config file and every file its {@code Include} lines name, read by one command, so that the
 * whole configuration arrives in one round trip. The host's shell expands each pattern (relative ones
 * under /etc/ssh, as sshd does; never evaluated, only globbed) and reads each match the same way, up to
 * {@link #MAX_DEPTH} levels. Every content line is prefixed with {@code |}, so a file cannot forge a header.
 *
 * <pre>
 * &#64;&#64;file DEPTH PATH          then its lines, each as |LINE
 * &#64;&#64;unreadable DEPTH PATH    then |the error line
 * &#64;&#64;glob DEPTH PATTERN       the files it matched follow at DEPTH+1
 * </pre>
 */
public record SshdConfigDump(Map<String, Content> files, Map<String, List<String>> globs) {
    public static final int MAX_DEPTH = 8;

    /** A file's text, or the error reading it gave. */
    public record Content(Optional<String> text, String error) {
    }

    public SshdConfigDump {
        files = Map.copyOf(files);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        globs.forEach((pattern, matched) -> copy.put(pattern, List.copyOf(matched)));
        globs = java.util.Collections.unmodifiableMap(copy);
    }

    /** The command that dumps {@code main} and its includes. */
    public static String command(String main) {
        return "w() {\n"
                + "  if [ -r \"$2\" ] && [ -f \"$2\" ]; then printf '@@file %s %s\\n' \"$1\" \"$2\"; awk '{print \"|\" $0}' \"$2\"\n"
                + "  else printf '@@unreadable %s %s\\n' \"$1\" \"$2\"; cat -- \"$2\" 2>&1 >/dev/null | head -n 1 | awk '{print \"|\" $0}'; return 0; fi\n"
                + "  [ \"$1\" -lt " + MAX_DEPTH + " ] || return 0\n"
                + "  pats=$(awk 'tolower($1)==\"include\"{for(i=2;i<=NF;i++){f=$i; if(substr(f,1,1)!=\"/\")f=\"/etc/ssh/\" f; print f}}' \"$2\" 2>/dev/null)\n"
                + "  set -f; set -- \"$1\" $pats; set +f; dd=$1; shift\n"
                + "  for p do printf '@@glob %s %s\\n' \"$dd\" \"$p\"; for f in $p; do [ -e \"$f\" ] && (w $((dd + 1)) \"$f\"); done; done\n"
                + "}\n"
                + "w 0 " + Shell.quote(main) + "; true";
    }

    /**
     * @throws IllegalArgumentException when a line is not one {@link #command} prints, naming it
     */
    public static SshdConfigDump parse(String dump) {
        Map<String, Content> files = new LinkedHashMap<>();
        Map<String, List<String>> globs = new LinkedHashMap<>();
        Map<Integer, String> openGlob = new HashMap<>();
        StringBuilder text = null;
        String path = null;
        boolean readable = false;
        String[] lines = dump.split("\n", -1);
        for (int number = 1; number <= lines.length; number++) {
            String line = lines[number - 1];
            if (line.startsWith("|")) {
                if (text == null) {
                    throw new IllegalArgumentException("config dump line " + number + " belongs to no file");
                }
                text.append(line, 1, line.length()).append('\n');
                continue;
            }
            if (path != null) {
                files.put(path, content(text, readable));
                path = null;
                text = null;
            }
            if (line.isEmpty() && number == lines.length) {
                break;
            }
            String[] header = line.split(" ", 3);
            if (header.length != 3 || !header[1].matches("\\d{1,2}")) {
                throw new IllegalArgumentException("config dump line " + number + " is not a header: '" + line + "'");
            }
            int depth = Integer.parseInt(header[1]);
            switch (header[0]) {
                case "@@file", "@@unreadable" -> {
                    path = header[2];
                    text = new StringBuilder();
                    readable = header[0].equals("@@file");
                    if (depth > 0) {
                        String glob = openGlob.get(depth - 1);
                        if (glob == null) {
                            throw new IllegalArgumentException("config dump line " + number + ": " + path
                                    + " is included by no pattern");
                        }
                        globs.get(glob).add(path);
                    }
                }
                case "@@glob" -> {
                    openGlob.put(depth, header[2]);
                    globs.putIfAbsent(header[2], new ArrayList<>());
                }
                default -> throw new IllegalArgumentException("config dump line " + number + " is not a header: '"
                        + line + "'");
            }
        }
        return new SshdConfigDump(files, globs);
    }

    private static Content content(StringBuilder text, boolean readable) {
        return readable ? new Content(Optional.of(text.toString()), "")
                : new Content(Optional.empty(), text.toString().strip().lines().findFirst().orElse("unreadable"));
    }
}
