package dev.hardening.core.facts.packages;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.hardening.core.facts.FactKey;

/**
 * The operating system as {@code /etc/os-release} names it, and the package manager that goes with it.
 *
 * @param id {@code ID}, e.g. {@code debian}
 * @param idLike {@code ID_LIKE}, the distributions this one derives from, e.g. {@code [rhel, centos, fedora]}
 * @param prettyName {@code PRETTY_NAME}, or the best name the file gives when it has none
 */
public record OsRelease(String id, List<String> idLike, String prettyName) {
    /** The fact: /etc/os-release of the host. */
    public static final FactKey<OsRelease> KEY = FactKey.of("osRelease");

    /** The package manager families this project knows by name. */
    public enum PackageManager {
        APT(List.of("debian", "ubuntu")),
        DNF(List.of("rhel", "fedora", "centos", "rocky", "almalinux", "ol", "amzn")),
        APK(List.of("alpine"));

        private final List<String> distributions;

        PackageManager(List<String> distributions) {
            this.distributions = distributions;
        }
    }

    public OsRelease {
        idLike = List.copyOf(idLike);
    }

    /**
     * Parses the {@code KEY=value} lines of os-release (values may be quoted).
     *
     * @throws IllegalArgumentException when the text has no {@code ID} and no {@code NAME}, i.e. is not os-release
     */
    public static OsRelease parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            int eq = trimmed.indexOf('=');
            if (trimmed.isEmpty() || trimmed.startsWith("#") || eq <= 0) {
                continue;
            }
            values.put(trimmed.substring(0, eq), unquote(trimmed.substring(eq + 1).strip()));
        }
        if (!values.containsKey("ID") && !values.containsKey("NAME")) {
            throw new IllegalArgumentException("not an os-release file: no ID= or NAME= line");
        }
        // os-release(5): a missing ID means "linux"
        String id = values.getOrDefault("ID", "linux");
        String pretty = Optional.ofNullable(values.get("PRETTY_NAME"))
                .orElse(values.getOrDefault("NAME", id) + Optional.ofNullable(values.get("VERSION_ID"))
                        .map(v -> " " + v).orElse(""));
        List<String> like = Arrays.stream(values.getOrDefault("ID_LIKE", "").split("\\s+"))
                .filter(s -> !s.isEmpty()).toList();
        return new OsRelease(id, like, pretty);
    }

    /** The package manager of this OS or the one it derives from; empty when neither is known. */
    public Optional<PackageManager> packageManager() {
        for (PackageManager manager : PackageManager.values()) {
            if (manager.distributions.contains(id) || idLike.stream().anyMatch(manager.distributions::contains)) {
                return Optional.of(manager);
            }
        }
        return Optional.empty();
    }

    /** The OS for messages: its pretty name and id, e.g. {@code Debian GNU/Linux 12 (bookworm) [ID=debian]}. */
    public String describe() {
        return prettyName + " [ID=" + id + (idLike.isEmpty() ? "" : ", ID_LIKE=" + String.join(" ", idLike)) + "]";
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return value;
    }
}
