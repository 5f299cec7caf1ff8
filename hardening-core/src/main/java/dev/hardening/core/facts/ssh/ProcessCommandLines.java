package dev.hardening.core.facts.ssh;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The raw {@code /proc/PID/cmdline} bytes of processes, read through a text channel as hex
 * ({@code od -An -v -tx1}) so that NULs and any other byte arrive intact.
 */
public final class ProcessCommandLines {
    private static final String PID_MARK = "@@pid ";
    /** /proc/PID/cmdline is read up to this many bytes; sshd's getopt never needs more. */
    public static final int MAX_BYTES = 64 * 1024;

    private ProcessCommandLines() {
    }

    /** One command for all the pids: a {@code @@pid N} line, then the hex dump of its command line. */
    public static String command(List<Integer> pids) {
        return "for p in " + pids.stream().map(String::valueOf).collect(Collectors.joining(" "))
                + "; do echo \"" + PID_MARK + "$p\"; head -c " + MAX_BYTES + " /proc/$p/cmdline 2>/dev/null"
                + " | od -An -v -tx1; done; true";
    }

    /**
     * One command for every process whose name ({@code /proc/PID/comm}) is {@code name}, in the same
     * form; it needs no list of pids first. The name is read with the shell's own {@code read}: no
     * process is started per process.
     */
    public static String named(String name) {
        return "for p in /proc/[0-9]*; do { read -r c < \"$p/comm\"; } 2>/dev/null || continue; [ \"$c\" = " + name
                + " ] || continue; echo \"" + PID_MARK + "${p#/proc/}\"; head -c " + MAX_BYTES
                + " \"$p/cmdline\" 2>/dev/null | od -An -v -tx1; done; true";
    }

    /** The bytes per pid; a pid whose process ended before it was read has none. Hex that is not hex is dropped. */
    public static Map<Integer, byte[]> parse(String listing) {
        Map<Integer, ByteArrayOutputStream> bytes = new LinkedHashMap<>();
        ByteArrayOutputStream current = null;
        for (String line : listing.split("\n", -1)) {
            if (line.startsWith(PID_MARK)) {
                String pid = line.substring(PID_MARK.length()).strip();
                current = pid.matches("\\d{1,9}") ? bytes.computeIfAbsent(Integer.parseInt(pid), k -> new ByteArrayOutputStream()) : null;
                continue;
            }
            if (current == null) {
                continue;
            }
            for (String hex : line.strip().split("\\s+")) {
                if (hex.matches("[0-9a-fA-F]{2}") && current.size() < MAX_BYTES) {
                    current.write(Integer.parseInt(hex, 16));
                }
            }
        }
        Map<Integer, byte[]> result = new LinkedHashMap<>();
        bytes.forEach((pid, out) -> {
            if (out.size() > 0) {
                result.put(pid, out.toByteArray());
            }
        });
        return result;
    }
}
