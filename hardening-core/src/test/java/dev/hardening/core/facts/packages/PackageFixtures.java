package dev.hardening.core.facts.packages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the captured outputs under {@code fixtures/packages/} (see the README there). */
public final class PackageFixtures {
    private static final String EXIT_STATUS = "exit status: ";

    private PackageFixtures() {
    }

    /** The file as captured, including a trailing {@code exit status: N} line where it has one. */
    public static String read(String name) {
        try (InputStream in = PackageFixtures.class.getResourceAsStream("/fixtures/packages/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command's output, without the {@code exit status: N} line the capture appended. */
    public static String output(String name) {
        String text = read(name);
        int at = text.lastIndexOf(EXIT_STATUS);
        return at < 0 ? text : text.substring(0, at);
    }

    /** The exit status the capture recorded, 0 when it recorded none. */
    public static int exitStatus(String name) {
        String text = read(name);
        int at = text.lastIndexOf(EXIT_STATUS);
        return at < 0 ? 0 : Integer.parseInt(text.substring(at + EXIT_STATUS.length()).strip());
    }

    /** Pending updates as the collector computes them from a captured simulation and version tables. */
    public static java.util.List<PendingUpdate> pending(String simulation, String policy) {
        return AptUpdates.pending(AptSimulation.parse(read(simulation)),
                policy == null ? java.util.Map.of() : AptPolicy.parse(read(policy)));
    }
}
