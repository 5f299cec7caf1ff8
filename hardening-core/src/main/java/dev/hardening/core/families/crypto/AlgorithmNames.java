package dev.hardening.core.families.crypto;

import java.util.ArrayList;
import java.util.List;

/** Comma-separated algorithm name-lists (RFC 4251 5), as the wire and {@code sshd -T} write them. */
final class AlgorithmNames {
    /** RFC 4251 6: names are at most 64 characters. */
    static final int MAX_NAME_LENGTH = 64;
    /** Far more than any server offers (OpenSSH 9 lists about 20 per category); bounds hostile input. */
    static final int MAX_NAMES = 256;

    private AlgorithmNames() {
    }

    /**
     * The names of a name-list; an empty string is the empty list.
     *
     * @param what names the list in the error, e.g. {@code kex_algorithms}
     */
    static List<String> split(String list, String what) throws CryptoParseException {
        if (list.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        int start = 0;
        while (start <= list.length()) {
            int comma = list.indexOf(',', start);
            int end = comma < 0 ? list.length() : comma;
            names.add(checkedName(list.substring(start, end), what, names.size() + 1));
            if (names.size() > MAX_NAMES) {
                throw new CryptoParseException(what + " has more than " + MAX_NAMES + " names");
            }
            start = end + 1;
        }
        return List.copyOf(names);
    }

    private static String checkedName(String name, String what, int position) throws CryptoParseException {
        if (name.isEmpty()) {
            throw new CryptoParseException(what + ": name " + position + " is empty");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new CryptoParseException(what + ": name " + position + " is longer than " + MAX_NAME_LENGTH
                    + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            // RFC 4251 6: printable US-ASCII, no comma, no whitespace
            if (c <= 0x20 || c >= 0x7f) {
                throw new CryptoParseException(what + ": name " + position + " has a character that is not"
                        + " printable ASCII (0x" + Integer.toHexString(c) + ")");
            }
        }
        return name;
    }
}
