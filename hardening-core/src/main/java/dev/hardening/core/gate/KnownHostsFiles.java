package dev.hardening.core.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.hardening.core.host.HostException;
import dev.hardening.core.host.HostKeyVerification;
import dev.hardening.core.host.KnownHosts;

/**
 * The known_hosts files of one gate run, each read and parsed once however many hosts name it (a fleet
 * usually shares one file of thousands of lines). Thread-safe; a file that cannot be read is asked
 * again by the next host, so each host reports the failure in its own words.
 */
public final class KnownHostsFiles {
    private final Map<Path, KnownHosts> parsed = new ConcurrentHashMap<>();

    /** Files shared by the hosts of one run (or by the connections made with this instance). */
    public static KnownHostsFiles perRun() {
        return new KnownHostsFiles();
    }

    private KnownHostsFiles() {
    }

    /**
     * Strict verification against {@code file} (see {@link HostKeyVerification#knownHosts(Path)}): a new
     * verifier per connection, so each remembers its own rejection, over the file's one parse.
     */
    public HostKeyVerification verification(Path file) throws HostException {
        Path key = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(key)) {
            return HostKeyVerification.knownHosts(file);
        }
        KnownHosts known = parsed.get(key);
        if (known == null) {
            try {
                known = parsed.computeIfAbsent(key, k -> parse(file));
            } catch (UnreadableFile e) {
                throw new HostException("cannot read known_hosts file " + file + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
        }
        return HostKeyVerification.knownHosts(known);
    }

    /** How many distinct files have been parsed so far. */
    public int parsedFiles() {
        return parsed.size();
    }

    private static KnownHosts parse(Path file) {
        try {
            return KnownHosts.parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UnreadableFile(e);
        }
    }

    /** Carries an I/O failure out of {@link Map#computeIfAbsent}, which takes no checked exception. */
    private static final class UnreadableFile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadableFile(IOException cause) {
            super(cause);
        }
    }
}
