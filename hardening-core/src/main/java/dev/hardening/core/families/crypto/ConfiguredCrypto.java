package dev.hardening.core.families.crypto;

import java.util.List;

/**
 * The algorithms sshd's effective configuration allows ({@code sshd -T}), in its order of preference.
 *
 * @param hostKeyFiles the {@code hostkey} files; the wire offers a host key algorithm only for a key it has
 */
public record ConfiguredCrypto(
        List<String> kexAlgorithms,
        List<String> hostKeyAlgorithms,
        List<String> ciphers,
        List<String> macs,
        List<String> pubkeyAcceptedAlgorithms,
        List<String> hostKeyFiles) {

    public ConfiguredCrypto {
        kexAlgorithms = List.copyOf(kexAlgorithms);
        hostKeyAlgorithms = List.copyOf(hostKeyAlgorithms);
        ciphers = List.copyOf(ciphers);
        macs = List.copyOf(macs);
        pubkeyAcceptedAlgorithms = List.copyOf(pubkeyAcceptedAlgorithms);
        hostKeyFiles = List.copyOf(hostKeyFiles);
    }

    public List<String> configured(AlgorithmCategory category) {
        return switch (category) {
            case KEX -> kexAlgorithms;
            case HOST_KEY -> hostKeyAlgorithms;
            case CIPHER -> ciphers;
            case MAC -> macs;
            case USER_KEY -> pubkeyAcceptedAlgorithms;
        };
    }

    /** The category's line as {@code sshd -T} printed it, e.g. {@code ciphers aes128-cbc,aes256-ctr}. */
    public String sshdTLine(AlgorithmCategory category) {
        return category.sshdTKeyword() + " " + String.join(",", configured(category));
    }
}
