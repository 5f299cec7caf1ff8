package dev.hardening.core.families.crypto;

/**
 * Input that is not what a crypto parser reads (a KEXINIT packet, {@code sshd -T} output). Checked,
 * so that every caller decides what a source it did not understand means: never a pass.
 */
public final class CryptoParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public CryptoParseException(String message) {
        super(message);
    }
}
