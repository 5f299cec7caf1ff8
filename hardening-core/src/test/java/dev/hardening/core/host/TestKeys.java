package dev.hardening.core.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Key material for tests that never authenticate anywhere. */
public final class TestKeys {
    /** A throwaway key made with ssh-keygen for these tests; it authorizes nothing anywhere. */
    private static final String ED25519 = """
            -----BEGIN OPENSSH PRIVATE KEY-----
            b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
            QyNTUxOQAAACDEjzuoSteqBnrtsGjGgEdZIctfbsC8cQxyAdJsQVIH1AAAAJiaaJVbmmiV
            WwAAAAtzc2gtZWQyNTUxOQAAACDEjzuoSteqBnrtsGjGgEdZIctfbsC8cQxyAdJsQVIH1A
            AAAEC3pcoaYRR0QL7Ep/XZ0NeEM0OAI5Jup7voQ5Qo1b2c/sSPO6hK16oGeu2waMaAR1kh
            y19uwLxxDHIB0mxBUgfUAAAAEnRlc3RAaGFyZGVuaW5nLmRldgECAw==
            -----END OPENSSH PRIVATE KEY-----
            """;

    private TestKeys() {
    }

    /** Writes the throwaway private key into {@code dir} and returns its path. */
    public static Path writeEd25519(Path dir) throws IOException {
        return Files.writeString(dir.resolve("id_ed25519"), ED25519);
    }
}
