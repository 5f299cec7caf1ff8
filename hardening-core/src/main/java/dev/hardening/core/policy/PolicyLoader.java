package dev.hardening.core.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads a policy file (YAML, schema v1). Unknown keys, wrong types and missing required fields are
 * errors naming file, line and column; relative paths resolve against the policy file's folder.
 */
public final class PolicyLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private record Document(List<HostSpec> hosts, ChecksConfig checks, List<Waiver> waivers) {
    }

    private PolicyLoader() {
    }

    public static Policy load(Path file) throws PolicyException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new PolicyException(file + ": policy file does not exist");
        } catch (IOException e) {
            throw new PolicyException(file + ": cannot read policy file: " + e.getMessage());
        }
        return parse(text, file);
    }

    /** Parses policy text; {@code file} names it in errors and anchors relative paths. */
    public static Policy parse(String text, Path file) throws PolicyException {
        Document doc;
        try {
            doc = YAML.readValue(text, Document.class);
        } catch (JsonProcessingException e) {
            throw new PolicyException(describe(file, e));
        }
        if (doc == null) {
            throw new PolicyException(file + ": the policy file is empty (it needs at least hosts:)");
        }
        if (doc.hosts() == null || doc.hosts().isEmpty()) {
            throw new PolicyException(file + ": no hosts: list the hosts to check under hosts: (address: local "
                    + "for this machine)");
        }
        Set<String> names = new HashSet<>();
        for (HostSpec host : doc.hosts()) {
            if (host == null) {
                throw new PolicyException(file + ": hosts: has an empty entry");
            }
            if (!names.add(host.name())) {
                throw new PolicyException(file + ":" + lineOf(text, host.name(), 2) + ": two hosts are named '"
                        + host.name() + "'; host names label the reports and must be unique");
            }
        }
        Path base = Optional.ofNullable(file.toAbsolutePath().getParent()).orElse(Path.of("."));
        List<HostSpec> hosts = doc.hosts().stream().map(h -> h.withPaths(
                resolve(base, h.identity()), resolve(base, h.knownHosts()))).toList();
        ChecksConfig checks = doc.checks() == null ? ChecksConfig.DEFAULT : doc.checks();
        if (checks.tls().trust() != null) {
            checks = new ChecksConfig(checks.ssh(), checks.ports(), checks.firewall(), checks.tls().withTrust(
                    resolve(base, checks.tls().trust())), checks.packages());
        }
        for (Waiver waiver : doc.waivers() == null ? List.<Waiver>of() : doc.waivers()) {
            if (!waiver.host().equals("*") && !names.contains(waiver.host())) {
                throw new PolicyException(file + ":" + lineOf(text, waiver.host(), 1) + ": waiver for unknown host '"
                        + waiver.host() + "' (hosts are " + names.stream().sorted().toList() + ", or * for all)");
            }
        }
        return new Policy(Optional.of(file.toString()), hosts, checks, doc.waivers());
    }

    /** {@code ~/x} is under the user's home; a relative path is under the policy's folder. */
    static String resolve(Path base, String path) {
        if (path == null) {
            return null;
        }
        if (path.equals("~") || path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(path.substring(Math.min(2, path.length())))
                    .normalize().toString();
        }
        return base.resolve(path).normalize().toString();
    }

    private static String describe(Path file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr());
        String path = e instanceof JsonMappingException m ? path(m) : "";
        if (e instanceof UnrecognizedPropertyException u) {
            return where + ": unknown key '" + u.getPropertyName() + "'" + suggestion(u.getPropertyName(),
                    u.getKnownPropertyIds()) + (path.contains(".") ? " in " + path.substring(0, path.lastIndexOf('.')) : "");
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return where + ": " + v.getCause().getMessage();
        }
        if (e instanceof InvalidFormatException f) {
            return where + ": " + path + ": '" + f.getValue() + "' is not a valid " + typeName(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m) {
            return where + ": " + path + ": expected " + typeName(m.getTargetType()) + " here";
        }
        return where + ": " + e.getOriginalMessage().lines().findFirst().orElse("invalid YAML");
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping (key: value)";
    }

    private static String suggestion(String unknown, Collection<Object> known) {
        String closest = known.stream().map(String::valueOf)
                .min(Comparator.comparingInt(k -> distance(k.toLowerCase(), unknown.toLowerCase()))).orElse(null);
        String list = known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
        if (closest != null && distance(closest.toLowerCase(), unknown.toLowerCase()) <= 3) {
            return " (did you mean '" + closest + "'?)";
        }
        return " (known keys: " + list + ")";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The line of the n-th occurrence of a value, for errors found after binding (which has no locations). */
    private static int lineOf(String text, String value, int occurrence) {
        String[] lines = text.split("\n", -1);
        int seen = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(value) && ++seen == occurrence) {
                return i + 1;
            }
        }
        return 1;
    }
}
