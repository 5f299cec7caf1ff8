package dev.hardening.core.report;

/**
 * The one place where text from a host becomes output. Host names, messages, evidence and fixes
 * can carry anything a host sent (a certificate subject, a process name, a banner), so before they
 * reach a terminal, a log or a report every character that could act instead of show is written as a
 * visible escape: {@code \n}, {@code \r}, {@code \t}, {@code \x1b} for the other C0 controls and DEL,
 * {@code \u009b} for C1 controls, lone surrogates, non-characters, line and paragraph separators and
 * bidirectional overrides. An escape sequence (ANSI colours, OSC window titles) is thereby inert text,
 * one finding stays one line, and XML 1.0 gets no character it forbids. Backslashes stay as they are:
 * the escapes are for reading, not for decoding back.
 */
public final class Sanitizer {
    private Sanitizer() {
    }

    /** The text as one printable line, for the console, logs, JUnit XML, SARIF and HTML. */
    public static String line(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = escape(text, i);
            if (escape == null) {
                if (out != null) {
                    out.append(c);
                }
                if (Character.isHighSurrogate(c)) {
                    // a valid pair: keep its low half with it
                    i++;
                    if (out != null) {
                        out.append(text.charAt(i));
                    }
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            out.append(escape);
        }
        return out == null ? text : out.toString();
    }

    /**
     * The text with its exact characters, except lone surrogates, which no UTF-8 file can hold: for
     * JSON, whose writer escapes control characters itself, so readers get the host's text as it was.
     */
    public static String data(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(unicode(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The escape for the character at {@code i}, or null when it shows as itself. */
    private static String escape(String text, int i) {
        char c = text.charAt(i);
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        if (c < 0x20 || c == 0x7f) {
            return String.format("\\x%02x", (int) c);
        }
        if (c >= 0x80 && c <= 0x9f) {
            return unicode(c);
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)) ? null : unicode(c);
        }
        if (Character.isLowSurrogate(c) || c == 0xfffe || c == 0xffff) {
            return unicode(c);
        }
        if (c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
            return unicode(c);
        }
        return null;
    }

    private static String unicode(char c) {
        return String.format("\\u%04x", (int) c);
    }
}
