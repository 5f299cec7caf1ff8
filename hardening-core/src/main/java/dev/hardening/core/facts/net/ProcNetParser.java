package dev.hardening.core.facts.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the kernel's socket tables {@code /proc/net/{tcp,tcp6,udp,udp6}} into the sockets that listen:
 * TCP in state {@code 0A} (LISTEN), UDP with no remote end (unconnected, as {@code ss -lu} shows them).
 * Addresses are printed as 32-bit words in the host's byte order; this reads them as little-endian,
 * the order of every platform the gate targets (x86-64, arm64).
 */
public final class ProcNetParser {
    private static final String TCP_LISTEN = "0A";

    private ProcNetParser() {
    }

    /**
     * @param text the whole file, header line included
     * @throws IllegalArgumentException naming the line when the text is not such a table
     */
    public static List<ListeningSocket> parse(String text, Transport transport, IpFamily family) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).strip().startsWith("sl")) {
            throw new IllegalArgumentException("not a /proc/net socket table: the header line (sl local_address ...) "
                    + "is missing" + (lines.isEmpty() ? " (empty output)" : ", first line: " + lines.get(0).strip()));
        }
        int addressChars = family == IpFamily.IPV4 ? 8 : 32;
        List<ListeningSocket> sockets = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 10 || !fields[0].endsWith(":")) {
                throw new IllegalArgumentException("unexpected line in the socket table: " + line.strip());
            }
            Endpoint local = Endpoint.parse(fields[1], addressChars, line);
            Endpoint remote = Endpoint.parse(fields[2], addressChars, line);
            boolean listening = transport == Transport.TCP ? fields[3].equalsIgnoreCase(TCP_LISTEN)
                    : remote.port() == 0 && remote.address().isAnyLocalAddress();
            if (listening) {
                sockets.add(new ListeningSocket(transport, family, local.address(), local.port(),
                        parseInode(fields[9], line), List.of(), ""));
            }
        }
        return sockets;
    }

    private static long parseInode(String field, String line) {
        try {
            return Long.parseLong(field);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad inode '" + field + "' in: " + line.strip());
        }
    }

    private record Endpoint(InetAddress address, int port) {
        static Endpoint parse(String field, int addressChars, String line) {
            int colon = field.indexOf(':');
            if (colon != addressChars || field.length() != addressChars + 5) {
                throw new IllegalArgumentException("bad address '" + field + "' in: " + line.strip());
            }
            try {
                byte[] bytes = new byte[addressChars / 2];
                for (int word = 0; word < bytes.length / 4; word++) {
                    for (int i = 0; i < 4; i++) {
                        int at = word * 8 + (3 - i) * 2;
                        bytes[word * 4 + i] = (byte) Integer.parseInt(field.substring(at, at + 2), 16);
                    }
                }
                return new Endpoint(InetAddress.getByAddress(bytes),
                        Integer.parseInt(field.substring(colon + 1), 16));
            } catch (NumberFormatException | UnknownHostException e) {
                throw new IllegalArgumentException("bad address '" + field + "' in: " + line.strip());
            }
        }
    }
}
