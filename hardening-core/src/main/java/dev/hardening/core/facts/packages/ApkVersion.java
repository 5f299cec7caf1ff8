package dev.hardening.core.facts.packages;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alpine's version order, as apk-tools compares versions: dot-separated numbers, an optional letter,
 * suffixes ({@code _alpha < _beta < _pre < _rc <} none {@code < _cvs < _svn < _git < _hg < _p}, each
 * with an optional number), then the package release {@code -rN}.
 */
public final class ApkVersion {
    private static final Pattern VERSION = Pattern.compile(
            "(\\d+(?:\\.\\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\\d*)*)(?:~[0-9a-f]+)?(?:-r(\\d+))?");
    private static final Pattern SUFFIX = Pattern.compile("_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\\d*)");
    private static final List<String> BEFORE_RELEASE = List.of("alpha", "beta", "pre", "rc");
    private static final List<String> AFTER_RELEASE = List.of("cvs", "svn", "git", "hg", "p");

    private ApkVersion() {
    }

    /** True when {@code version} is one apk accepts. */
    public static boolean valid(String version) {
        return VERSION.matcher(version).matches();
    }

    /**
     * Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}.
     *
     * @throws IllegalArgumentException when either is not an Alpine version, naming it
     */
    public static int compare(String a, String b) {
        Matcher x = parse(a);
        Matcher y = parse(b);
        String[] xs = x.group(1).split("\\.");
        String[] ys = y.group(1).split("\\.");
        for (int i = 0; i < Math.max(xs.length, ys.length); i++) {
            if (i >= xs.length || i >= ys.length) {
                return i >= xs.length ? -1 : 1;
            }
            // after the first component apk compares a component with a leading zero as a fraction
            int c = i > 0 && (xs[i].startsWith("0") || ys[i].startsWith("0"))
                    ? xs[i].compareTo(ys[i]) : new java.math.BigInteger(xs[i]).compareTo(new java.math.BigInteger(ys[i]));
            if (c != 0) {
                return c;
            }
        }
        int c = x.group(2).compareTo(y.group(2));
        if (c != 0) {
            return c;
        }
        c = compareSuffixes(x.group(3), y.group(3));
        if (c != 0) {
            return c;
        }
        return Integer.compare(release(x), release(y));
    }

    private static int compareSuffixes(String a, String b) {
        Matcher x = SUFFIX.matcher(a);
        Matcher y = SUFFIX.matcher(b);
        while (true) {
            boolean more = x.find();
            boolean others = y.find();
            if (!more && !others) {
                return 0;
            }
            int c = Integer.compare(rank(more ? x.group(1) : null), rank(others ? y.group(1) : null));
            if (c != 0) {
                return c;
            }
            c = Long.compare(number(x.group(2)), number(y.group(2)));
            if (c != 0) {
                return c;
            }
        }
    }

    /** Pre-release suffixes sort before a version without suffix (rank 0), the others after it. */
    private static int rank(String suffix) {
        if (suffix == null) {
            return 0;
        }
        int before = BEFORE_RELEASE.indexOf(suffix);
        return before >= 0 ? before - BEFORE_RELEASE.size() : AFTER_RELEASE.indexOf(suffix) + 1;
    }

    private static long number(String digits) {
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    private static int release(Matcher m) {
        return m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
    }

    private static Matcher parse(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an Alpine package version: '" + version + "'");
        }
        return m;
    }
}
