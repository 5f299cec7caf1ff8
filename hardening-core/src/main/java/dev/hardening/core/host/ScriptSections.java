package dev.hardening.core.host;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output of a {@link FactScript}, split back into one section per command. Each section starts
 * with a header line that gives the byte lengths of the command's stdout and stderr, which follow it
 * verbatim: what a command prints is never scanned for a delimiter, so hostile output cannot forge one.
 * Pure: bytes in, sections out; whatever cannot be read is reported in {@link #problem()} and every
 * section after it is missing.
 *
 * <pre>
 * &#64;&#64;hardening-section ID STATUS OUT_BYTES ERR_BYTES CUT\n  then OUT_BYTES + ERR_BYTES bytes
 * &#64;&#64;hardening-sudo STATUS ERR_BYTES\n                      then ERR_BYTES bytes (sudo -n could not run)
 * &#64;&#64;hardening-end\n
 * </pre>
 * STATUS is the exit status, or {@code timeout} when the host's {@code timeout} stopped the command;
 * CUT is 1 when an output was longer than the bound and was cut.
 */
public record ScriptSections(Map<Integer, Section> sections, Optional<SudoFailure> sudo, boolean ended,
        Optional<String> problem) {
    static final String SECTION = "@@hardening-section";
    static final String SUDO = "@@hardening-sudo";
    static final String END = "@@hardening-end";
    /** A header is short; a longer "line" is not a header. */
    private static final int MAX_HEADER = 200;
    private static final Pattern SECTION_HEADER = Pattern.compile(
            "@@hardening-section (\\d{1,6}) (\\d{1,3}|timeout) (\\d{1,10}) (\\d{1,10}) ([01])");
    private static final Pattern SUDO_HEADER = Pattern.compile("@@hardening-sudo (\\d{1,3}) (\\d{1,10})");

    public ScriptSections {
        sections = Map.copyOf(sections);
    }

    /** One command's outcome: {@code timedOut} when the host's {@code timeout} stopped it. */
    public record Section(int exitStatus, boolean timedOut, String stdout, String stderr, boolean truncated) {
    }

    /** {@code sudo -n} did not run the privileged part: its exit status and what it said. */
    public record SudoFailure(int exitStatus, String stderr) {
    }

    /**
     * Splits {@code output}; section ids are expected in {@code [0, sectionCount)}, each at most once.
     * Never throws: a header that is not one, a length past the end, an unknown or repeated id ends
     * the reading with a {@link #problem()} that says where.
     */
    public static ScriptSections parse(byte[] output, int sectionCount) {
        Map<Integer, Section> sections = new LinkedHashMap<>();
        Optional<SudoFailure> sudo = Optional.empty();
        int at = 0;
        while (at < output.length) {
            int eol = lineEnd(output, at);
            if (eol < 0) {
                return garbled(sections, sudo, output.length - at >= MAX_HEADER
                        ? "byte " + at + " starts no section header"
                        : "the output ends in the middle of a header at byte " + at);
            }
            String header = new String(output, at, eol - at, StandardCharsets.ISO_8859_1);
            int body = eol + 1;
            if (header.equals(END)) {
                return new ScriptSections(sections, sudo, true, Optional.empty());
            }
            Matcher section = SECTION_HEADER.matcher(header);
            Matcher sudoHeader = SUDO_HEADER.matcher(header);
            if (section.matches()) {
                int id = Integer.parseInt(section.group(1));
                long outBytes = Long.parseLong(section.group(3));
                long errBytes = Long.parseLong(section.group(4));
                if (id >= sectionCount || sections.containsKey(id)) {
                    return garbled(sections, sudo, "section " + id + " at byte " + at + " is "
                            + (id >= sectionCount ? "not one the script has" : "there twice"));
                }
                if (body + outBytes + errBytes > output.length) {
                    return garbled(sections, sudo, "section " + id + " is cut short: its header at byte " + at
                            + " announces " + (outBytes + errBytes) + " bytes, " + (output.length - body) + " follow");
                }
                boolean timedOut = section.group(2).equals("timeout");
                String stdout = new String(output, body, (int) outBytes, StandardCharsets.UTF_8);
                String stderr = new String(output, body + (int) outBytes, (int) errBytes, StandardCharsets.UTF_8);
                sections.put(id, new Section(timedOut ? -1 : Integer.parseInt(section.group(2)), timedOut, stdout,
                        stderr, section.group(5).equals("1")));
                at = body + (int) (outBytes + errBytes);
            } else if (sudoHeader.matches()) {
                long errBytes = Long.parseLong(sudoHeader.group(2));
                if (body + errBytes > output.length) {
                    return garbled(sections, sudo, "the sudo report at byte " + at + " is cut short");
                }
                sudo = Optional.of(new SudoFailure(Integer.parseInt(sudoHeader.group(1)),
                        new String(output, body, (int) errBytes, StandardCharsets.UTF_8)));
                at = body + (int) errBytes;
            } else {
                return garbled(sections, sudo, "byte " + at + " starts no section header");
            }
        }
        return new ScriptSections(sections, sudo, false, Optional.empty());
    }

    private static ScriptSections garbled(Map<Integer, Section> sections, Optional<SudoFailure> sudo, String where) {
        return new ScriptSections(sections, sudo, false, Optional.of("the script's output is garbled: " + where));
    }

    /** The index of the newline ending the header at {@code from}, or -1 within {@link #MAX_HEADER} bytes. */
    private static int lineEnd(byte[] output, int from) {
        int limit = Math.min(output.length, from + MAX_HEADER);
        for (int i = from; i < limit; i++) {
            if (output[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
