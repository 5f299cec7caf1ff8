package dev.hardening.core.facts.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hardening.core.util.Cidr;
import dev.hardening.core.util.IpAddresses;

/**
 * The host's interface addresses, from {@code ip -j addr show} where iproute2 is installed, otherwise
 * from {@code /proc/net/if_inet6} (IPv6, with interface names) and {@code /proc/net/fib_trie} (IPv4
 * local addresses, which the kernel lists without interface names).
 */
public final class InterfaceParsers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNNAMED = "?";

    private InterfaceParsers() {
    }

    /** @throws IllegalArgumentException when the text is not {@code ip -j addr} output */
    public static List<HostInterface> parseIpJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("ip -j addr printed no JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("ip -j addr printed no list of interfaces");
        }
        List<HostInterface> interfaces = new ArrayList<>();
        for (JsonNode link : root) {
            List<Cidr> addresses = new ArrayList<>();
            for (JsonNode info : link.path("addr_info")) {
                IpAddresses.parse(info.path("local").asText(""))
                        .ifPresent(a -> addresses.add(new Cidr(a, info.path("prefixlen").asInt(a.getAddress().length * 8))));
            }
            interfaces.add(new HostInterface(link.path("ifname").asText(UNNAMED), addresses));
        }
        return interfaces;
    }

    /**
     * @param ifInet6 {@code /proc/net/if_inet6}: address, index, prefix length (hex), scope, flags, name
     * @param fibTrie {@code /proc/net/fib_trie}: the {@code /32 host LOCAL} leaves are the host's IPv4 addresses
     */
    public static List<HostInterface> parseProc(String ifInet6, String fibTrie) {
        Map<String, List<Cidr>> byName = new LinkedHashMap<>();
        for (String line : ifInet6.lines().filter(l -> !l.isBlank()).toList()) {
            String[] f = line.strip().split("\\s+");
            if (f.length != 6 || f[0].length() != 32) {
                throw new IllegalArgumentException("unexpected line in /proc/net/if_inet6: " + line.strip());
            }
            byName.computeIfAbsent(f[5], k -> new ArrayList<>())
                    .add(new Cidr(ipv6(f[0], line), Integer.parseInt(f[2], 16)));
        }
        Set<InetAddress> local = new LinkedHashSet<>();
        String previous = "";
        for (String line : fibTrie.lines().map(String::strip).toList()) {
            if (line.equals("/32 host LOCAL") && previous.startsWith("|-- ")) {
                IpAddresses.parse(previous.substring(4)).ifPresent(local::add);
            }
            previous = line;
        }
        List<HostInterface> interfaces = new ArrayList<>();
        if (!local.isEmpty()) {
            interfaces.add(new HostInterface(UNNAMED, local.stream().map(a -> new Cidr(a, 32)).toList()));
        }
        byName.forEach((name, addresses) -> interfaces.add(new HostInterface(name, addresses)));
        return interfaces;
    }

    private static InetAddress ipv6(String hex, String line) {
        byte[] bytes = new byte[16];
        try {
            for (int i = 0; i < 16; i++) {
                bytes[i] = (byte) Integer.parseInt(hex.substring(i * 2, i * 2 + 2), 16);
            }
            return InetAddress.getByAddress(bytes);
        } catch (NumberFormatException | UnknownHostException e) {
            throw new IllegalArgumentException("bad address in /proc/net/if_inet6: " + line.strip());
        }
    }
}
