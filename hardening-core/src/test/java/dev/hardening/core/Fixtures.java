package dev.hardening.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.hardening.core.facts.ssh.SshdConfig;
import dev.hardening.core.facts.ssh.SshdConfigParser;
import dev.hardening.core.facts.ssh.SshdConfigParser.ConfigFile;

/** The captured OpenSSH 9.2p1 fixtures under {@code src/test/resources/fixtures/sshd}, and helpers over them. */
public final class Fixtures {
    public static final String SSHD_DIR = "/fixtures/sshd/";
    public static final String MAIN_CONFIG = "/etc/ssh/sshd_config";
    public static final String DROP_IN_GLOB = "/etc/ssh/sshd_config.d/*.conf";
    public static final String HARDENING_DROP_IN = "/etc/ssh/sshd_config.d/00-hardening.conf";

    private Fixtures() {
    }

    /** A fixture's text exactly as captured, by its path under {@code fixtures/}. */
    public static String read(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An OpenSSH fixture's text exactly as captured. */
    public static String sshd(String name) {
        return read("sshd/" + name);
    }

    /** The text of a transcript fixture without its last line {@code exit status: N}. */
    public static String withoutExitStatus(String text) {
        int at = text.lastIndexOf("exit status: ");
        if (at < 0) {
            throw new IllegalArgumentException("no exit status line");
        }
        return text.substring(0, at);
    }

    /** The exit status recorded on a transcript fixture's last line. */
    public static int exitStatus(String text) {
        String last = text.strip().lines().reduce((a, b) -> b).orElseThrow();
        return Integer.parseInt(last.substring("exit status: ".length()).strip());
    }

    /** Names of the fixture files. */
    public static List<String> sshdFixtureNames() {
        try {
            URL dir = Fixtures.class.getResource(SSHD_DIR);
            try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
                return files.map(p -> p.getFileName().toString()).sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fixture's text with one whole {@code sshd -T} line replaced, e.g. {@code usepam yes} by {@code usepam no}. */
    public static String replaceLine(String sshdT, String line, String replacement) {
        String marked = "\n" + sshdT;
        if (!marked.contains("\n" + line + "\n")) {
            throw new IllegalArgumentException("the fixture has no line '" + line + "'");
        }
        return marked.replace("\n" + line + "\n", "\n" + replacement + "\n").substring(1);
    }

    /**
     * Parses a configuration as sshd would read it from {@code /etc/ssh/sshd_config}, with the Include
     * patterns resolved from {@code includes} (pattern to files; an unknown pattern matches nothing).
     */
    public static SshdConfig config(String mainText, Map<String, List<ConfigFile>> includes) {
        try {
            return SshdConfigParser.parse(new ConfigFile(MAIN_CONFIG, mainText),
                    pattern -> includes.getOrDefault(pattern, List.of()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A configuration without drop-ins. */
    public static SshdConfig config(String mainText) {
        return config(mainText, Map.of());
    }

    /** The stock Debian sshd_config with the captured hardening drop-in as {@code 00-hardening.conf}. */
    public static SshdConfig hardenedDebianConfig() {
        return config(sshd("debian-default.sshd_config"), Map.of(DROP_IN_GLOB,
                List.of(new ConfigFile(HARDENING_DROP_IN, sshd("hardened.00-hardening.conf")))));
    }
}
