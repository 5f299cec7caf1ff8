package dev.hardening.core.policy;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.hardening.core.model.Finding;
import dev.hardening.core.util.Glob;

/**
 * An accepted risk: failures of {@code check} on {@code host} ({@code *} for every host) about the
 * subject it names are WAIVED until {@code expires}. A waiver names what it waives: a subject field
 * ({@code port: 8443/tcp}, {@code package: openssl*}, {@code file: /etc/ssh/sshd_config.d/*},
 * {@code setting: PasswordAuthentication}, {@code rule:}, {@code certificate:}), matched exactly or by
 * glob against the finding's typed subject, and/or {@code match:} text, found as whole words in the
 * finding's message or evidence ({@code 22/tcp} never matches {@code 8022/tcp}).
 */
public record Waiver(String check, String host, String match, String port,
        @JsonProperty("package") String packageName, String file, String setting, String rule, String certificate,
        String reason, String expires) {

    private static final Pattern PORT_RANGE = Pattern.compile("(\\d{1,5})-(\\d{1,5})/(tcp|udp)");
    private static final Pattern BARE_PORT = Pattern.compile("\\d{1,5}");

    public Waiver {
        if (check == null || check.isBlank()) {
            throw new IllegalArgumentException("a waiver needs check: (the id of the check it waives, e.g. ports.private-only)");
        }
        host = host == null ? "*" : host;
        match = match == null || match.isBlank() ? null : match;
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a waiver needs reason: (why the risk is accepted, e.g. a ticket)");
        }
        if (expires == null) {
            throw new IllegalArgumentException("a waiver needs expires: (an ISO date such as 2027-01-31)");
        }
        try {
            LocalDate.parse(expires);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("waiver expires must be an ISO date such as 2027-01-31, got '" + expires + "'");
        }
        if (match == null && port == null && packageName == null && file == null && setting == null && rule == null
                && certificate == null) {
            throw new IllegalArgumentException("a waiver must say what it waives: match: (words of the finding) or "
                    + "a subject: port:, package:, file:, setting:, rule:, certificate: (an empty match: would "
                    + "waive every failure of the check)");
        }
    }

    /** A waiver matching findings by text only, as policies before typed subjects wrote them. */
    public Waiver(String check, String host, String match, String reason, String expires) {
        this(check, host, match, null, null, null, null, null, null, reason, expires);
    }

    public LocalDate expiryDate() {
        return LocalDate.parse(expires);
    }

    public boolean isExpired(LocalDate today) {
        return today.isAfter(expiryDate());
    }

    /** The subject fields this waiver names, by the names findings' subjects use. */
    public Map<String, String> subjectFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        putIfSet(fields, "port", port);
        putIfSet(fields, "package", packageName);
        putIfSet(fields, "file", file);
        putIfSet(fields, "setting", setting);
        putIfSet(fields, "rule", rule);
        putIfSet(fields, "certificate", certificate);
        return fields;
    }

    /** What the waiver names, for notes: {@code port 8080/tcp matching 'legacy'}. */
    public String describe() {
        String subject = subjectFields().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        String text = match == null ? "" : "matching '" + match + "'";
        return subject.isEmpty() ? text : text.isEmpty() ? subject : subject + " " + text;
    }

    /** True when this waiver is about the finding (expiry aside). */
    public boolean covers(Finding finding) {
        if (!finding.check().id().equals(check) || !(host.equals("*") || host.equals(finding.host()))) {
            return false;
        }
        Map<String, String> subject = finding.subject().fields();
        for (Map.Entry<String, String> wanted : subjectFields().entrySet()) {
            String actual = subject.get(wanted.getKey());
            if (actual == null || !matches(wanted.getKey(), wanted.getValue(), actual)) {
                return false;
            }
        }
        return match == null || containsWords(finding.message(), match)
                || finding.evidence().stream().anyMatch(e -> containsWords(e, match));
    }

    private static boolean matches(String field, String pattern, String actual) {
        if (field.equals("port")) {
            Matcher range = PORT_RANGE.matcher(pattern);
            if (range.matches()) {
                String[] parts = actual.split("/", 2);
                int number = Integer.parseInt(parts[0]);
                return parts.length == 2 && parts[1].equals(range.group(3))
                        && number >= Integer.parseInt(range.group(1)) && number <= Integer.parseInt(range.group(2));
            }
            if (BARE_PORT.matcher(pattern).matches()) {
                return Glob.of(pattern + "/*").matches(actual);
            }
        }
        return Glob.of(field.equals("setting") ? pattern.toLowerCase(Locale.ROOT) : pattern)
                .matches(field.equals("setting") ? actual.toLowerCase(Locale.ROOT) : actual);
    }

    /**
     * True when {@code words} stands in {@code text} as whole words: not glued to a letter or digit on
     * either side, nor to a dot or dash that continues a word ({@code 10.0.0.22/tcp}, {@code openssl-dev}).
     */
    public static boolean containsWords(String text, String words) {
        for (int at = text.indexOf(words); at >= 0; at = text.indexOf(words, at + 1)) {
            if (boundaryBefore(text, at) && boundaryAfter(text, at + words.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean boundaryBefore(String text, int at) {
        if (at == 0) {
            return true;
        }
        char before = text.charAt(at - 1);
        if (Character.isLetterOrDigit(before) || before == '_') {
            return false;
        }
        return !((before == '.' || before == '-') && at >= 2 && Character.isLetterOrDigit(text.charAt(at - 2)));
    }

    private static boolean boundaryAfter(String text, int end) {
        if (end >= text.length()) {
            return true;
        }
        char after = text.charAt(end);
        if (Character.isLetterOrDigit(after) || after == '_') {
            return false;
        }
        return !((after == '.' || after == '-') && end + 1 < text.length()
                && Character.isLetterOrDigit(text.charAt(end + 1)));
    }

    private static void putIfSet(Map<String, String> fields, String name, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(name, value);
        }
    }

    /** A waiver of {@code check} on {@code host} ({@code *}: every host), built by what it names. */
    public static Builder builder(String check, String host) {
        return new Builder(check, host);
    }

    /** Builds a {@link Waiver}; it must name a subject field or {@code match} text, a reason and an expiry. */
    public static final class Builder {
        private final String check;
        private final String host;
        private String match;
        private String port;
        private String packageName;
        private String file;
        private String setting;
        private String rule;
        private String certificate;

        private Builder(String check, String host) {
            this.check = check;
            this.host = host;
        }

        /** Words of the finding's message or evidence. */
        public Builder matching(String words) {
            this.match = words;
            return this;
        }

        /** {@code 8443/tcp}, {@code 8000-8099/tcp}, {@code 53}. */
        public Builder port(String value) {
            this.port = value;
            return this;
        }

        /** A package name or glob ({@code openssl*}). */
        public Builder packageName(String value) {
            this.packageName = value;
            return this;
        }

        /** A path or glob on the host ({@code /etc/ssh/sshd_config.d/*}). */
        public Builder file(String value) {
            this.file = value;
            return this;
        }

        public Builder setting(String value) {
            this.setting = value;
            return this;
        }

        public Builder rule(String value) {
            this.rule = value;
            return this;
        }

        public Builder certificate(String value) {
            this.certificate = value;
            return this;
        }

        /** @throws IllegalArgumentException naming what is missing or wrong */
        public Waiver until(String expires, String reason) {
            return new Waiver(check, host, match, port, packageName, file, setting, rule, certificate, reason, expires);
        }
    }
}
