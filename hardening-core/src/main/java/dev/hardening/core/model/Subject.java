package dev.hardening.core.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a finding is about, as data: waivers match it, SARIF locates and fingerprints it, reports group
 * and count by it. {@link #fields()} are the names a waiver matches ({@code port: 8443/tcp},
 * {@code package: openssl*}, {@code file: /etc/ssh/sshd_config.d/*}).
 */
public sealed interface Subject {

    /** The host as a whole (a setting that is missing, a host that cannot be reached). */
    Subject HOST = new Host();

    /** {@code port}, {@code file}, {@code package}, ... as in {@code hardening.json}. */
    String kind();

    /** The waiver-matchable fields, in a stable order; the JSON report writes them as they are. */
    Map<String, String> fields();

    /** A stable one-line name of the subject; the same thing found in two runs gets the same key. */
    default String key() {
        return kind() + ":" + String.join("|", fields().values());
    }

    /** A short name people read in a list, e.g. {@code openssl 3.0.11-1 -> 3.0.15-1} or {@code 8080/tcp on 0.0.0.0}. */
    default String label() {
        return String.join(" ", fields().values());
    }

    /** The file and line on the host this subject is written at, where known. */
    default Optional<FileLine> location() {
        return Optional.empty();
    }

    record Host() implements Subject {
        @Override
        public String kind() {
            return "host";
        }

        @Override
        public Map<String, String> fields() {
            return Map.of();
        }
    }

    /** A listening or published port: {@code port: "8080/tcp"} matches it. */
    record Port(int port, String protocol, String address) implements Subject {
        public Port {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String kind() {
            return "port";
        }

        @Override
        public String label() {
            return port + "/" + protocol + " on " + address;
        }

        @Override
        public Map<String, String> fields() {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("port", port + "/" + protocol);
            out.put("address", address);
            return out;
        }
    }

    /** A line of a file on the host ({@code line} 0 when the whole file is meant). */
    record FileLine(String path, int line) implements Subject {
        public FileLine {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String kind() {
            return "file";
        }

        @Override
        public String label() {
            return path + ":" + line;
        }

        @Override
        public Map<String, String> fields() {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("file", path);
            out.put("line", String.valueOf(line));
            return out;
        }

        @Override
        public Optional<FileLine> location() {
            return Optional.of(this);
        }

        @Override
        public String toString() {
            return line > 0 ? path + ":" + line : path;
        }
    }

    /** An installed package and the version it should move to (empty when unknown). */
    record Package(String name, String installed, String candidate) implements Subject {
        public Package {
            Objects.requireNonNull(name, "name");
            installed = installed == null ? "" : installed;
            candidate = candidate == null ? "" : candidate;
        }

        @Override
        public String kind() {
            return "package";
        }

        @Override
        public String label() {
            return name + (installed.isEmpty() ? "" : " " + installed) + " -> " + candidate;
        }

        @Override
        public Map<String, String> fields() {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("package", name);
            out.put("installed", installed);
            out.put("candidate", candidate);
            return out;
        }

        @Override
        public String key() {
            // the versions change from run to run while the package stays the same finding
            return kind() + ":" + name;
        }
    }

    /** A certificate served at an endpoint ({@code host:port}) or read from a file. */
    record Certificate(String endpoint, String subjectName, String sha256) implements Subject {
        public Certificate {
            Objects.requireNonNull(endpoint, "endpoint");
            subjectName = subjectName == null ? "" : subjectName;
            sha256 = sha256 == null ? "" : sha256;
        }

        @Override
        public String kind() {
            return "certificate";
        }

        @Override
        public String label() {
            return endpoint + " (" + subjectName + ")";
        }

        @Override
        public Map<String, String> fields() {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("certificate", endpoint);
            out.put("subject", subjectName);
            out.put("sha256", sha256);
            return out;
        }

        @Override
        public String key() {
            return kind() + ":" + endpoint;
        }
    }

    /** A firewall rule: the table, the chain and the rule's handle or line. */
    record Rule(String table, String chain, String rule) implements Subject {
        public Rule {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(chain, "chain");
            rule = rule == null ? "" : rule;
        }

        @Override
        public String kind() {
            return "rule";
        }

        @Override
        public Map<String, String> fields() {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("rule", table + " " + chain + (rule.isEmpty() ? "" : " " + rule));
            return out;
        }
    }

    /**
     * A configuration setting and its value ({@code setting: PasswordAuthentication}), with the file and
     * line that set it where known.
     */
    record Setting(String name, String value, Optional<FileLine> source) implements Subject {
        public Setting {
            Objects.requireNonNull(name, "name");
            value = value == null ? "" : value;
            source = source == null ? Optional.empty() : source;
        }

        public Setting(String name, String value) {
            this(name, value, Optional.empty());
        }

        @Override
        public String kind() {
            return "setting";
        }

        @Override
        public String label() {
            return name + " " + value + source.map(s -> " (" + s.label() + ")").orElse("");
        }

        @Override
        public Map<String, String> fields() {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("setting", name);
            out.put("value", value);
            source.ifPresent(s -> out.put("file", s.path()));
            return out;
        }

        @Override
        public String key() {
            return kind() + ":" + name + "|" + value + source.map(s -> "|" + s.path()).orElse("");
        }

        @Override
        public Optional<FileLine> location() {
            return source;
        }
    }
}
