package dev.hardening.core.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.hierynomus.sshj.userauth.certificate.Certificate;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.FingerprintVerifier;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * Strict SSH host-key verification: against a known_hosts file read as OpenSSH reads it
 * ({@link KnownHosts}) or a pinned {@code SHA256:} fingerprint. Unknown, changed and revoked keys are
 * rejected, and the rejection is remembered so the caller can say which it was and which line said so.
 */
public final class HostKeyVerification implements HostKeyVerifier {
    private final HostKeyVerifier delegate;
    private final String trustSource;
    private final AtomicReference<String> rejection = new AtomicReference<>();

    private HostKeyVerification(HostKeyVerifier delegate, String trustSource) {
        this.delegate = delegate;
        this.trustSource = trustSource;
    }

    /**
     * Trusts the host as OpenSSH would with {@code StrictHostKeyChecking yes}: a key on a line for the
     * host (hashed or plain, patterns and negations honoured), or a certificate signed by an
     * {@code @cert-authority} for it; never a key or CA marked {@code @revoked}. A missing file trusts nothing.
     */
    public static HostKeyVerification knownHosts(Path knownHosts) throws HostException {
        Objects.requireNonNull(knownHosts, "knownHosts");
        String source = knownHosts.toString();
        if (!Files.isRegularFile(knownHosts)) {
            // ssh-keyscan's >> creates the file the message names
            return knownHosts(KnownHosts.parse(source, ""));
        }
        try {
            return knownHosts(KnownHosts.parse(source, Files.readString(knownHosts)));
        } catch (IOException e) {
            throw new HostException("cannot read known_hosts file " + source + ": " + e.getMessage(), e);
        }
    }

    /** Trusts the host as the parsed known_hosts file says (see {@link #knownHosts(Path)}). */
    public static HostKeyVerification knownHosts(KnownHosts file) {
        AtomicReference<HostKeyVerification> self = new AtomicReference<>();
        HostKeyVerification verification = new HostKeyVerification(new HostKeyVerifier() {
            @Override
            public boolean verify(String hostname, int port, PublicKey key) {
                String name = KnownHosts.hostName(hostname, port);
                KnownHosts.Decision decision = file.decide(name, plainKey(key), certificateAuthority(key));
                refusal(file, hostname, port, key, decision).ifPresent(self.get().rejection::set);
                return decision instanceof KnownHosts.Decision.Trusted;
            }

            @Override
            public List<String> findExistingAlgorithms(String hostname, int port) {
                return file.algorithmsFor(KnownHosts.hostName(hostname, port));
            }
        }, file.file());
        self.set(verification);
        return verification;
    }

    /** Why a decision refuses the key, in the words the user acts on; empty when it trusts it. */
    private static Optional<String> refusal(KnownHosts file, String hostname, int port, PublicKey key,
            KnownHosts.Decision decision) {
        String name = KnownHosts.hostName(hostname, port);
        String presented = KeyType.fromKey(key) + " key " + fingerprint(key);
        if (decision instanceof KnownHosts.Decision.Revoked revoked) {
            return Optional.of("host key revoked: the " + presented + " presented by " + name + " is marked @revoked "
                    + "at " + revoked.line().describe(file.file()) + "; refused before authentication, nothing "
                    + "was sent to the server (a revoked key means a compromised or retired host: investigate, "
                    + "and give the host a new key)");
        }
        if (decision instanceof KnownHosts.Decision.Changed changed) {
            String line = file.file() + ":" + changed.line().number();
            return Optional.of("host key changed: possible attack (a man-in-the-middle), or the host was rebuilt: "
                    + name + " presented the " + presented + ", but " + line + " holds its "
                    + changed.line().keyType() + " key " + changed.line().fingerprint() + "; verify the new key out of "
                    + "band, then replace line " + changed.line().number() + " of " + file.file());
        }
        if (decision instanceof KnownHosts.Decision.Unknown unknown) {
            String type = plainKey(key).type();
            return Optional.of("host key unknown: the " + presented + " presented by " + name
                    + " is not in known_hosts " + file.file() + ": add it with `ssh-keyscan "
                    + (port == 22 ? "" : "-p " + port + " ") + "-t " + keyscanType(type) + " " + hostname + " >> "
                    + file.file() + "` after verifying the fingerprint " + fingerprint(key)
                    + ", or pin it with hostKey: in the policy"
                    + (unknown.otherTypes().isEmpty() ? "" : "; the file holds other key types for " + name + ": "
                            + unknown.otherTypes().stream().map(l -> l.describe(file.file())).toList())
                    + (file.notUnderstood().isEmpty() ? "" : "; lines not understood: " + file.notUnderstood()));
        }
        return Optional.empty();
    }

    /** The key itself; for a host certificate, the certified key. */
    private static KnownHosts.HostKey plainKey(PublicKey key) {
        PublicKey plain = key instanceof Certificate<?> certificate ? certificate.getKey() : key;
        return KnownHosts.HostKey.of(blob(plain));
    }

    private static Optional<KnownHosts.HostKey> certificateAuthority(PublicKey key) {
        return key instanceof Certificate<?> certificate
                ? Optional.of(KnownHosts.HostKey.of(certificate.getSignatureKey())) : Optional.empty();
    }

    /** ssh-keyscan's -t name of a key type: {@code ed25519}, {@code ecdsa}, {@code rsa}. */
    private static String keyscanType(String keyType) {
        if (keyType.startsWith("ecdsa-")) {
            return "ecdsa";
        }
        return switch (keyType) {
            case "ssh-ed25519" -> "ed25519";
            case "ssh-rsa" -> "rsa";
            case "ssh-dss" -> "dsa";
            default -> keyType;
        };
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
                    + fingerprint(key) + " presented by " + where + " is not the one trusted by " + trustSource
                    + ": possible attack, or the host was rebuilt (verify the key out of band, then pin the new one "
                    + "with hostKey: or add it to known_hosts)");
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
        return KnownHostsLine.fingerprintOf(blob(key));
    }

    private static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
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

    @Override
    public String toString() {
        return trustSource;
    }
}
