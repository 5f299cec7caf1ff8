package dev.hardening.core.families.crypto;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an SSH server offers before authentication: its identification line and the name-lists of
 * its SSH_MSG_KEXINIT (RFC 4253 7.1), in the server's order of preference.
 *
 * @param serverIdentification the line the server sent, e.g. {@code SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10}
 */
public record KexInit(
        String serverIdentification,
        List<String> kexAlgorithms,
        List<String> serverHostKeyAlgorithms,
        List<String> encryptionClientToServer,
        List<String> encryptionServerToClient,
        List<String> macClientToServer,
        List<String> macServerToClient,
        List<String> compressionClientToServer,
        List<String> compressionServerToClient) {

    /** The server's side of strict key exchange, OpenSSH's countermeasure to Terrapin (CVE-2023-48795). */
    public static final String STRICT_KEX_MARKER = "kex-strict-s-v00@openssh.com";
    /**
     * Names in the kex list that announce protocol extensions (RFC 8308, strict kex); they are not
     * algorithms a client can pick, so no policy judges them and no config line names them.
     */
    private static final Set<String> KEX_MARKERS = Set.of(
            "ext-info-s", "ext-info-c", STRICT_KEX_MARKER, "kex-strict-c-v00@openssh.com");

    public KexInit {
        Objects.requireNonNull(serverIdentification, "serverIdentification");
        kexAlgorithms = List.copyOf(kexAlgorithms);
        serverHostKeyAlgorithms = List.copyOf(serverHostKeyAlgorithms);
        encryptionClientToServer = List.copyOf(encryptionClientToServer);
        encryptionServerToClient = List.copyOf(encryptionServerToClient);
        macClientToServer = List.copyOf(macClientToServer);
        macServerToClient = List.copyOf(macServerToClient);
        compressionClientToServer = List.copyOf(compressionClientToServer);
        compressionServerToClient = List.copyOf(compressionServerToClient);
    }

    /**
     * The algorithms a client can negotiate in a category, in the server's order; for ciphers and
     * MACs both directions together, since a weak one in either direction can be chosen.
     *
     * @throws IllegalArgumentException for {@link AlgorithmCategory#USER_KEY}, which the wire does not show
     */
    public List<String> offered(AlgorithmCategory category) {
        return switch (category) {
            case KEX -> kexAlgorithms.stream().filter(name -> !KEX_MARKERS.contains(name)).toList();
            case HOST_KEY -> serverHostKeyAlgorithms;
            case CIPHER -> union(encryptionClientToServer, encryptionServerToClient);
            case MAC -> union(macClientToServer, macServerToClient);
            case USER_KEY -> throw new IllegalArgumentException("a KEXINIT does not list user key algorithms");
        };
    }

    /** True when the server announces strict key exchange, which closes Terrapin. */
    public boolean strictKex() {
        return kexAlgorithms.contains(STRICT_KEX_MARKER);
    }

    private static List<String> union(List<String> first, List<String> second) {
        Set<String> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
