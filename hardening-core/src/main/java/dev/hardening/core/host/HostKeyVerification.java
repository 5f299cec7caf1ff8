package dev.hardening.core.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.FingerprintVerifier;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Strict SSH host-key verification: against a known_hosts file (hashed entries and {@code [host]:port}
 * forms included) or a pinned {@code SHA256:} fingerprint. Unknown and changed keys are rejected, and
 * the rejection is remembered so the caller can say which of the two it was.
 */
public final class HostKeyVerification implements HostKeyVerifier {
    private final HostKeyVerifier delegate;
    private final String trustSource;
    private final AtomicReference<String> rejection = new AtomicReference<>();

    private HostKeyVerification(HostKeyVerifier delegate, String trustSource) {
        this.delegate = delegate;
        this.trustSource = trustSource;
    }

    /** Trusts exactly the keys listed for the host in {@code knownHosts}; a missing file trusts nothing. */
    public static HostKeyVerification knownHosts(Path knownHosts) throws HostException {
        Objects.requireNonNull(knownHosts, "knownHosts");
        String source = knownHosts.toString();
        if (!Files.isRegularFile(knownHosts)) {
            return new HostKeyVerification(new RejectAll(), source + " (file does not exist)");
        }
        AtomicReference<HostKeyVerification> self = new AtomicReference<>();
        try {
            OpenSSHKnownHosts file = new OpenSSHKnownHosts(knownHosts.toFile(), SshClients.SILENT) {
                @Override
                protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
                    return false;
                }

                @Override
                protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
                    self.get().rejection.set("host key mismatch: " + source + " lists a different "
                            + KeyType.fromKey(key) + " key for " + hostname + "; the server presented "
                            + fingerprint(key) + " (possible man-in-the-middle, or the host was rebuilt: "
                            + "verify the new key out of band, then update " + source + ")");
                    return false;
                }
            };
            HostKeyVerification verification = new HostKeyVerification(file, source);
            self.set(verification);
            return verification;
        } catch (IOException e) {
            throw new HostException("cannot read known_hosts file " + source + ": " + e.getMessage(), e);
        }
    }

    /** Trusts only the key whose fingerprint is {@code pin}, e.g. {@code SHA256:abc...}. */
    public static HostKeyVerification pinned(String pin) {
        Objects.requireNonNull(pin, "pin");
        if (!pin.startsWith("SHA256:")) {
            throw new IllegalArgumentException("hostKey pin must be an OpenSSH SHA256 fingerprint "
                    + "(SHA256:..., as printed by ssh-keygen -lf), got '" + pin + "'");
        }
        return new HostKeyVerification(FingerprintVerifier.getInstance(pin), "pinned fingerprint " + pin);
    }

    /** Trusts exactly the given keys, e.g. the local machine's own {@code /etc/ssh/ssh_host_*_key.pub}. */
    public static HostKeyVerification exactly(List<PublicKey> keys, String source) {
        List<String> trusted = keys.stream().map(HostKeyVerification::fingerprint).toList();
        return new HostKeyVerification(new HostKeyVerifier() {
            @Override
            public boolean verify(String hostname, int port, PublicKey key) {
                return trusted.contains(fingerprint(key));
            }

            @Override
            public List<String> findExistingAlgorithms(String hostname, int port) {
                return keys.stream().map(k -> KeyType.fromKey(k).toString()).distinct().toList();
            }
        }, source);
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        boolean trusted = delegate.verify(hostname, port, key);
        if (!trusted) {
            String where = port == 22 ? hostname : "[" + hostname + "]:" + port;
            rejection.compareAndSet(null, "host key mismatch: the " + KeyType.fromKey(key) + " key "
                    + fingerprint(key) + " presented by " + where + " is not trusted by " + trustSource
                    + " (add the verified key to known_hosts, or pin it with hostKey: in the policy)");
        }
        return trusted;
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        return delegate.findExistingAlgorithms(hostname, port);
    }

    /** Why the last key was rejected, if one was. */
    String rejection() {
        return rejection.get();
    }

    /** The OpenSSH form {@code SHA256:<unpadded base64>} of a key's fingerprint. */
    public static String fingerprint(PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Reads the key of an OpenSSH public key line ({@code ssh-ed25519 AAAA... comment}). */
    public static PublicKey parsePublicKeyLine(String line) throws IOException {
        String[] parts = line.strip().split("\\s+");
        if (parts.length < 2) {
            throw new IOException("not an OpenSSH public key line: '" + line.strip() + "'");
        }
        try {
            return new Buffer.PlainBuffer(Base64.getDecoder().decode(parts[1])).readPublicKey();
        } catch (IllegalArgumentException | Buffer.BufferException e) {
            throw new IOException("not an OpenSSH public key line: '" + line.strip() + "'", e);
        }
    }

    private static final class RejectAll implements HostKeyVerifier {
        @Override
        public boolean verify(String hostname, int port, PublicKey key) {
            return false;
        }

        @Override
        public List<String> findExistingAlgorithms(String hostname, int port) {
            return List.of();
        }
    }

    @Override
    public String toString() {
        return trustSource;
    }
}
