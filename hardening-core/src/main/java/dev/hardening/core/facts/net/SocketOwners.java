package dev.hardening.core.facts.net;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which processes hold which sockets, from {@code ls -l /proc/[0-9]*}{@code /fd} (stderr merged): a
 * {@code /proc/PID/fd:} header per process, then {@code N -> socket:[INODE]} per socket descriptor,
 * and {@code cannot open directory '/proc/PID/fd': Permission denied} for processes the reader may not
 * look into.
 *
 * @param unreadable the processes whose descriptors could not be read
 */
public record SocketOwners(Map<Long, List<ProcessRef>> byInode, Set<Integer> unreadable) {
    private static final Pattern HEADER = Pattern.compile("^/proc/(\\d+)/fd:$");
    private static final Pattern SOCKET = Pattern.compile("\\s(\\d+) -> socket:\\[(\\d+)]$");
    private static final Pattern DENIED = Pattern.compile("/proc/(\\d+)/fd'?: Permission denied");
    private static final Pattern COMM = Pattern.compile("^/proc/(\\d+)/comm:(.*)$");

    public SocketOwners {
        byInode = Map.copyOf(byInode);
        unreadable = Set.copyOf(unreadable);
    }

    /** Parses the listing (stderr merged); processes are named by pid until {@link #withNames} names them. */
    public static SocketOwners parse(String fdListing) {
        Map<Long, List<ProcessRef>> byInode = new LinkedHashMap<>();
        Set<Integer> unreadable = new LinkedHashSet<>();
        int pid = -1;
        for (String line : fdListing.lines().toList()) {
            Matcher header = HEADER.matcher(line);
            Matcher socket = SOCKET.matcher(line);
            Matcher denied = DENIED.matcher(line);
            if (header.matches()) {
                pid = Integer.parseInt(header.group(1));
            } else if (denied.find()) {
                unreadable.add(Integer.parseInt(denied.group(1)));
            } else if (socket.find() && pid > 0) {
                byInode.computeIfAbsent(Long.parseLong(socket.group(2)), k -> new ArrayList<>())
                        .add(new ProcessRef(pid, "pid " + pid, Integer.parseInt(socket.group(1))));
            }
        }
        return new SocketOwners(byInode, unreadable);
    }

    /** The pids that hold at least one socket. */
    public Set<Integer> pids() {
        Set<Integer> pids = new TreeSet<>();
        byInode.values().forEach(owners -> owners.forEach(p -> pids.add(p.pid())));
        return pids;
    }

    /**
     * The same owners, named from {@code grep -H '' /proc/PID/comm} lines. A name may hold a newline
     * (a process can name itself anything); grep then prints each part with the file's prefix, and
     * the parts are joined again, so the name keeps its real characters and never turns into its last part.
     */
    public SocketOwners withNames(String comms) {
        Map<Integer, String> names = new HashMap<>();
        comms.lines().map(COMM::matcher).filter(Matcher::matches)
                .forEach(m -> names.merge(Integer.parseInt(m.group(1)), m.group(2), (a, b) -> a + "\n" + b));
        Map<Long, List<ProcessRef>> named = new LinkedHashMap<>();
        byInode.forEach((inode, owners) -> named.put(inode, owners.stream()
                .map(p -> new ProcessRef(p.pid(), names.getOrDefault(p.pid(), p.name()), p.fd())).toList()));
        return new SocketOwners(named, unreadable);
    }

    /** The socket with its owners, or with the reason they are unknown. */
    public ListeningSocket attach(ListeningSocket socket) {
        List<ProcessRef> owners = byInode.getOrDefault(socket.inode(), List.of());
        if (!owners.isEmpty()) {
            return socket.withProcesses(owners, "");
        }
        return socket.withProcesses(List.of(), unreadable.isEmpty()
                ? "process unknown: no process holds it (a kernel socket, or the process just ended)"
                : "process unknown: not permitted (" + unreadable.size() + " process(es) could not be looked into)");
    }
}
