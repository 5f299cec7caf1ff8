package dev.hardening.core.facts.ssh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OpenSSH's compiled-in defaults for the keywords the checks read, for the config-file analysis. */
public final class SshdDefaults {
    private static final Map<String, String> DEFAULTS = Map.of(
            "passwordauthentication", "yes",
            "kbdinteractiveauthentication", "yes",
            "pubkeyauthentication", "yes",
            "permitrootlogin", "prohibit-password",
            "permitemptypasswords", "no",
            "authenticationmethods", "any",
            "usepam", "no",
            "port", "22");

    private SshdDefaults() {
    }

    /** Effective settings for a connection, from the files: the deciding lines over the defaults. */
    public static SshdSettings effective(SshdConfig config, ConnectionSpec spec, UserDirectory users) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        DEFAULTS.forEach((k, v) -> values.put(k, List.of(v)));
        config.decidingLines(spec, users).forEach((k, d) -> values.put(k, new ArrayList<>(List.of(d.value()
                .toLowerCase(java.util.Locale.ROOT)))));
        return new SshdSettings(values);
    }
}
