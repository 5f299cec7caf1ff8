package dev.hardening.core.host;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import dev.hardening.core.host.KnownHostsLine.Marker;

/**
 * A known_hosts file read as OpenSSH reads it: every line it understands, in order, and the numbers of
 * those it does not (which, as in OpenSSH, trust nothing). A pure function of the text.
 *
 * @param file the file's name, for messages
 * @param notUnderstood why each skipped line was skipped, e.g. {@code line 4: not base64}
 */
public record KnownHosts(String file, List<KnownHostsLine> lines, List<String> notUnderstood) {
    private static final String CERT_SUFFIX = "-cert-v01@openssh.com";
    /** A key blob's type string; the key types OpenSSH writes are far shorter. */
    private static final int MAX_TYPE_LENGTH = 64;

    /** A host key as presented: its type and its SSH wire blob in base64. */
    public record HostKey(String type, String blob) {
        public static HostKey of(byte[] blob) {
            return new HostKey(typeOf(blob).orElse("unknown"), Base64.getEncoder().encodeToString(blob));
        }

        public String fingerprint() {
            return KnownHostsLine.fingerprintOf(Base64.getDecoder().decode(blob));
        }
    }

    /** What the file says of a key a host presented. */
    public sealed interface Decision {
        /** A host key line with this key, or a CA line for the certificate's signer. */
        record Trusted(KnownHostsLine line) implements Decision {
        }

        /** An {@code @revoked} line with this key (or the certificate's CA). */
        record Revoked(KnownHostsLine line) implements Decision {
        }

        /** The host has a key of this type on file, and it is another key. */
        record Changed(KnownHostsLine line) implements Decision {
        }

        /** No line vouches for the key; {@code otherTypes} are the host's lines for other key types. */
        record Unknown(List<KnownHostsLine> otherTypes) implements Decision {
            public Unknown {
                otherTypes = List.copyOf(otherTypes);
            }
        }
    }

    public KnownHosts {
        lines = List.copyOf(lines);
        notUnderstood = List.copyOf(notUnderstood);
    }

    public static KnownHosts parse(String file, String text) {
        List<KnownHostsLine> lines = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int number = 0;
        for (String raw : text.split("\n", -1)) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                lines.add(parseLine(number, line));
            } catch (NotUnderstood e) {
                skipped.add("line " + number + ": " + e.getMessage());
            }
        }
        return new KnownHosts(file, lines, skipped);
    }

    /** The name a host is filed under: {@code host} on port 22, {@code [host]:port} on any other. */
    public static String hostName(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /**
     * Decides as OpenSSH does: a revoked key (or CA) is refused whatever else the file says; a
     * certificate whose CA is trusted for the host is accepted; otherwise the plain key must be on a
     * line for the host (any of several); a line for the host with the same key type and another key
     * means the key changed.
     *
     * @param certificateAuthority the signer, when the host presented a certificate of {@code key}
     */
    public Decision decide(String hostName, HostKey key, Optional<HostKey> certificateAuthority) {
        List<KnownHostsLine> forHost = lines.stream().filter(l -> l.matches(hostName)).toList();
        Optional<KnownHostsLine> revoked = forHost.stream().filter(l -> l.marker() == Marker.REVOKED)
                .filter(l -> l.keyBlob().equals(key.blob())
                        || certificateAuthority.filter(ca -> ca.blob().equals(l.keyBlob())).isPresent())
                .findFirst();
        if (revoked.isPresent()) {
            return new Decision.Revoked(revoked.get());
        }
        Optional<KnownHostsLine> authority = certificateAuthority.flatMap(ca -> forHost.stream()
                .filter(l -> l.marker() == Marker.CERT_AUTHORITY && l.keyBlob().equals(ca.blob())).findFirst());
        if (authority.isPresent()) {
            return new Decision.Trusted(authority.get());
        }
        List<KnownHostsLine> hostKeys = forHost.stream().filter(l -> l.marker() == Marker.HOST_KEY).toList();
        Optional<KnownHostsLine> same = hostKeys.stream().filter(l -> l.keyBlob().equals(key.blob())).findFirst();
        if (same.isPresent()) {
            return new Decision.Trusted(same.get());
        }
        Optional<KnownHostsLine> old = hostKeys.stream().filter(l -> l.keyType().equals(key.type())).findFirst();
        return old.<Decision>map(Decision.Changed::new).orElseGet(() -> new Decision.Unknown(hostKeys));
    }

    /**
     * The host key algorithms the file vouches for at the host, for the client to ask for first: the
     * key types on its lines, and every certificate type where a CA is trusted for it.
     */
    public List<String> algorithmsFor(String hostName) {
        List<String> algorithms = new ArrayList<>();
        for (KnownHostsLine line : lines) {
            if (!line.matches(hostName) || line.marker() == Marker.REVOKED) {
                continue;
            }
            List<String> types = line.marker() == Marker.CERT_AUTHORITY
                    ? List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa")
                            .stream().map(t -> t + CERT_SUFFIX).toList()
                    : List.of(line.keyType());
            types.stream().filter(t -> !algorithms.contains(t)).forEach(algorithms::add);
        }
        return algorithms;
    }

    private static KnownHostsLine parseLine(int number, String line) throws NotUnderstood {
        List<String> fields = new ArrayList<>(List.of(line.split("[ \t]+")));
        Marker marker = Marker.HOST_KEY;
        if (fields.get(0).startsWith("@")) {
            String spelled = fields.remove(0);
            marker = switch (spelled) {
                case "@cert-authority" -> Marker.CERT_AUTHORITY;
                case "@revoked" -> Marker.REVOKED;
                default -> throw new NotUnderstood("unknown marker");
            };
        }
        if (fields.size() < 3) {
            throw new NotUnderstood("expected host patterns, key type and key");
        }
        String patterns = fields.get(0);
        if (patterns.startsWith("|") && !KnownHostsLine.isHashedName(patterns)) {
            throw new NotUnderstood("malformed hashed host name");
        }
        String keyType = fields.get(1);
        if (keyType.endsWith(CERT_SUFFIX)) {
            throw new NotUnderstood("a certificate is not a known host key");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(fields.get(2));
        } catch (IllegalArgumentException e) {
            throw new NotUnderstood("the key is not base64");
        }
        if (!typeOf(blob).filter(keyType::equals).isPresent()) {
            throw new NotUnderstood("the key is not a " + (keyType.length() > MAX_TYPE_LENGTH ? "valid" : keyType) + " key");
        }
        return new KnownHostsLine(number, marker, patterns, keyType, Base64.getEncoder().encodeToString(blob));
    }

    /** The type string an SSH key blob starts with (uint32 length, then the name), if it holds one and more. */
    private static Optional<String> typeOf(byte[] blob) {
        if (blob.length < 4) {
            return Optional.empty();
        }
        int length = ByteBuffer.wrap(blob, 0, 4).getInt();
        if (length <= 0 || length > MAX_TYPE_LENGTH || 4 + length >= blob.length) {
            return Optional.empty();
        }
        String type = new String(blob, 4, length, StandardCharsets.US_ASCII);
        return type.chars().allMatch(c -> c > 32 && c < 127) ? Optional.of(type) : Optional.empty();
    }

    private static final class NotUnderstood extends Exception {
        private static final long serialVersionUID = 1L;

        NotUnderstood(String reason) {
            super(reason, null, false, false);
        }
    }
}
