package dev.hardening.core.families.crypto;

/**
 * What an SSH algorithm is used for, with the sshd_config keyword that sets it and the keyword
 * {@code sshd -T} prints it under.
 */
public enum AlgorithmCategory {
    KEX("KexAlgorithms", "kexalgorithms", "key exchange"),
    HOST_KEY("HostKeyAlgorithms", "hostkeyalgorithms", "host key signature"),
    CIPHER("Ciphers", "ciphers", "cipher"),
    MAC("MACs", "macs", "MAC"),
    /** Signatures the server accepts from users' keys; only {@code sshd -T} tells, the wire does not. */
    USER_KEY("PubkeyAcceptedAlgorithms", "pubkeyacceptedalgorithms", "user key signature");

    private final String configKeyword;
    private final String sshdTKeyword;
    private final String noun;

    AlgorithmCategory(String configKeyword, String sshdTKeyword, String noun) {
        this.configKeyword = configKeyword;
        this.sshdTKeyword = sshdTKeyword;
        this.noun = noun;
    }

    /** The keyword as written in sshd_config, e.g. {@code Ciphers}. */
    public String configKeyword() {
        return configKeyword;
    }

    /** The keyword as {@code sshd -T} prints it, e.g. {@code ciphers}. */
    public String sshdTKeyword() {
        return sshdTKeyword;
    }

    /** False for the one category a server's KEXINIT does not list. */
    public boolean onTheWire() {
        return this != USER_KEY;
    }

    /** What the algorithm is, in words, e.g. {@code key exchange}. */
    public String noun() {
        return noun;
    }
}
