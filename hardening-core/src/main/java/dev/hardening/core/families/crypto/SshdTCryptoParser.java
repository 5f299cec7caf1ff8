package dev.hardening.core.families.crypto;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the crypto lines of {@code sshd -T} output ({@code keyword value}, one setting a line; see
 * {@code facts/ssh/SshdTParser}); other lines are not its business and are skipped. A pure function.
 */
public final class SshdTCryptoParser {
    /** sshd -T prints about 6 KB; far more is not its output. */
    public static final int MAX_OUTPUT_CHARS = 1 << 20;
    private static final int MAX_PATH_LENGTH = 4096;
    private static final int MAX_HOST_KEYS = 64;

    private SshdTCryptoParser() {
    }

    /**
     * @throws CryptoParseException when a crypto keyword is missing, repeated, empty, cut off by the
     *     end of the output, or lists a name that is not an algorithm name
     */
    public static ConfiguredCrypto parse(String output) throws CryptoParseException {
        if (output.length() > MAX_OUTPUT_CHARS) {
            throw new CryptoParseException("sshd -T output of " + output.length() + " characters is more than "
                    + MAX_OUTPUT_CHARS + ": not sshd -T output");
        }
        Map<AlgorithmCategory, List<String>> lists = new EnumMap<>(AlgorithmCategory.class);
        List<String> hostKeys = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        while (start < output.length()) {
            int newline = output.indexOf('\n', start);
            boolean terminated = newline >= 0;
            String line = output.substring(start, terminated ? newline : output.length()).strip();
            start = terminated ? newline + 1 : output.length();
            lineNumber++;
            int space = indexOfWhitespace(line);
            String keyword = (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
            String value = space < 0 ? "" : line.substring(space + 1).strip();
            AlgorithmCategory category = categoryOf(keyword);
            boolean ours = category != null || keyword.equals("hostkey");
            if (!ours) {
                continue;
            }
            // a capture cut off by a size bound ends inside a line: its last names would be missing
            if (!terminated) {
                throw new CryptoParseException("sshd -T output ends inside its " + keyword + " line (line "
                        + lineNumber + "): truncated");
            }
            if (category == null) {
                hostKeys.add(checkedPath(value, lineNumber));
                if (hostKeys.size() > MAX_HOST_KEYS) {
                    throw new CryptoParseException("more than " + MAX_HOST_KEYS + " hostkey lines");
                }
                continue;
            }
            if (lists.containsKey(category)) {
                throw new CryptoParseException("sshd -T output has a second " + keyword + " line (line " + lineNumber
                        + "): more than one sshd -T output?");
            }
            if (value.isEmpty()) {
                throw new CryptoParseException("the " + keyword + " line (line " + lineNumber + ") has no value");
            }
            lists.put(category, AlgorithmNames.split(value, keyword + " (line " + lineNumber + ")"));
        }
        for (AlgorithmCategory category : AlgorithmCategory.values()) {
            if (!lists.containsKey(category)) {
                throw new CryptoParseException("no " + category.sshdTKeyword() + " line: not sshd -T output");
            }
        }
        return new ConfiguredCrypto(lists.get(AlgorithmCategory.KEX), lists.get(AlgorithmCategory.HOST_KEY),
                lists.get(AlgorithmCategory.CIPHER), lists.get(AlgorithmCategory.MAC),
                lists.get(AlgorithmCategory.USER_KEY), hostKeys);
    }

    private static AlgorithmCategory categoryOf(String keyword) {
        for (AlgorithmCategory category : AlgorithmCategory.values()) {
            if (category.sshdTKeyword().equals(keyword)) {
                return category;
            }
        }
        return null;
    }

    private static int indexOfWhitespace(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (Character.isWhitespace(line.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String checkedPath(String path, int lineNumber) throws CryptoParseException {
        if (path.isEmpty() || path.length() > MAX_PATH_LENGTH
                || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new CryptoParseException("the hostkey line (line " + lineNumber + ") is not a file path");
        }
        return path;
    }
}
