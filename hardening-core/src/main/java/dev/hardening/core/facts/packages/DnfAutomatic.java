package dev.hardening.core.facts.packages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dnf-automatic on an RPM-family host, as {@link #COMMAND} reads it: which automatic-update packages
 * rpm has, the enablement of each timer as {@code systemctl is-enabled} reports it, and the
 * {@code [commands]} settings of {@code automatic.conf}. Only a timer that installs updates counts:
 * {@code dnf-automatic-install.timer} always does, {@code dnf-automatic.timer} (dnf 4) and
 * {@code dnf5-automatic.timer} (dnf 5) only with {@code apply_updates} on, which upstream ships off.
 *
 * @param packages rpm's lines for the packages found, e.g. {@code dnf-automatic 4.14.0-9.el9}
 * @param timers each timer's state ({@code enabled}, {@code disabled}, {@code not-found}, ...) and its evidence line
 * @param dnf5 true when the host runs dnf 5 (its automatic plugin, timer and defaults differ)
 */
public record DnfAutomatic(List<String> packages, Map<String, TimerState> timers, Optional<Map<String, String>> config,
        Optional<Map<String, String>> dnf5Defaults, boolean dnf5) {

    /** A timer's state and the line that shows it. */
    public record TimerState(String state, String evidence) {
        public boolean enabled() {
            return state.equals("enabled") || state.equals("enabled-runtime");
        }
    }

    public static final String CONFIG = "/etc/dnf/automatic.conf";
    public static final String DNF5_DEFAULTS = "/usr/share/dnf5/dnf5-plugins/automatic.conf";
    static final String INSTALL_TIMER = "dnf-automatic-install.timer";
    static final String PLAIN_TIMER = "dnf-automatic.timer";
    static final String DNF5_TIMER = "dnf5-automatic.timer";
    private static final List<String> TIMERS = List.of(INSTALL_TIMER, PLAIN_TIMER, "dnf-automatic-download.timer",
            "dnf-automatic-notifyonly.timer", DNF5_TIMER);
    private static final String MARK = "@@hardening ";
    /** rpm's view of the packages, each timer's enablement, then both config files (absent or unreadable said so). */
    public static final String COMMAND = "rpm -q --qf '%{NAME} %{VERSION}-%{RELEASE}\\n' dnf-automatic "
            + "dnf5-plugin-automatic dnf5; echo '" + MARK + "timers'; for t in " + String.join(" ", TIMERS)
            + "; do s=$(LC_ALL=C systemctl is-enabled \"$t\" 2>&1); echo \"$t $? $s\"; done; for f in " + CONFIG + " "
            + DNF5_DEFAULTS + "; do echo \"" + MARK + "file $f\"; if [ ! -e \"$f\" ]; then echo '" + MARK
            + "absent'; elif [ -r \"$f\" ]; then cat \"$f\"; else echo '" + MARK + "unreadable'; fi; done; true";
    private static final Pattern RPM_LINE = Pattern.compile("(\\S+) (\\S+-\\S+)");
    private static final Pattern NOT_INSTALLED = Pattern.compile("package \\S+ is not installed");
    private static final Pattern TIMER_LINE = Pattern.compile("(\\S+\\.timer) (\\d+) ?(.*)");
    private static final Pattern MISSING_UNIT = Pattern.compile("Failed to get unit file state for .*: No such file or directory");
    private static final int COMMAND_NOT_FOUND = 127;

    public DnfAutomatic {
        packages = List.copyOf(packages);
        timers = Map.copyOf(timers);
    }

    /**
     * Parses the output of {@link #COMMAND}.
     *
     * @throws IllegalArgumentException when a part is missing or not what rpm, systemctl or an INI file
     *     prints, when systemctl cannot answer, or when a config file cannot be read
     */
    public static DnfAutomatic parse(String output) {
        List<String> lines = output.lines().toList();
        int at = 0;
        List<String> packages = new ArrayList<>();
        boolean dnf5 = false;
        for (; at < lines.size() && !lines.get(at).startsWith(MARK); at++) {
            String line = lines.get(at).strip();
            if (line.isEmpty() || NOT_INSTALLED.matcher(line).matches()) {
                continue;
            }
            Matcher m = RPM_LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not an rpm -q line: '" + line + "'");
            }
            if (m.group(1).equals("dnf5")) {
                dnf5 = true;
            } else {
                packages.add(line);
            }
        }
        if (at >= lines.size() || !lines.get(at).equals(MARK + "timers")) {
            throw new IllegalArgumentException("the timer states are missing from the output");
        }
        Map<String, TimerState> timers = new LinkedHashMap<>();
        for (at++; at < lines.size() && !lines.get(at).startsWith(MARK); at++) {
            Matcher m = TIMER_LINE.matcher(lines.get(at).strip());
            if (!m.matches() || !TIMERS.contains(m.group(1))) {
                throw new IllegalArgumentException("not a timer state line: '" + lines.get(at).strip() + "'");
            }
            timers.put(m.group(1), timerState(m.group(1), Integer.parseInt(m.group(2)), m.group(3).strip()));
        }
        if (!timers.keySet().containsAll(TIMERS)) {
            throw new IllegalArgumentException("the timer states are incomplete: " + timers.keySet());
        }
        Map<String, Optional<Map<String, String>>> files = new LinkedHashMap<>();
        while (at < lines.size()) {
            String header = lines.get(at);
            if (!header.startsWith(MARK + "file ")) {
                throw new IllegalArgumentException("expected a config file, got '" + header.strip() + "'");
            }
            String path = header.substring((MARK + "file ").length());
            List<String> body = new ArrayList<>();
            for (at++; at < lines.size() && !lines.get(at).startsWith(MARK + "file "); at++) {
                body.add(lines.get(at));
            }
            if (body.equals(List.of(MARK + "unreadable"))) {
                throw new IllegalArgumentException(path + " exists but cannot be read by the login user");
            }
            files.put(path, body.equals(List.of(MARK + "absent")) ? Optional.empty()
                    : Optional.of(commandsSection(path, body)));
        }
        if (!files.containsKey(CONFIG) || !files.containsKey(DNF5_DEFAULTS)) {
            throw new IllegalArgumentException("the config files are missing from the output");
        }
        return new DnfAutomatic(packages, timers, files.get(CONFIG), files.get(DNF5_DEFAULTS), dnf5);
    }

    private static TimerState timerState(String timer, int exit, String said) {
        if (exit == COMMAND_NOT_FOUND) {
            throw new IllegalArgumentException("systemctl is not available, so whether " + timer
                    + " is enabled cannot be told: " + said);
        }
        String state = MISSING_UNIT.matcher(said).matches() ? "not-found" : said;
        if (!state.matches("[a-z-]+")) {
            throw new IllegalArgumentException("systemctl is-enabled " + timer + " said '" + said + "' (exit " + exit + ")");
        }
        return new TimerState(state, "systemctl is-enabled " + timer + ": " + (state.equals("not-found")
                ? "no such unit" : state));
    }

    /** The {@code [commands]} settings of an INI file as libdnf reads it ({@code key = value}, # and ; comments). */
    private static Map<String, String> commandsSection(String path, List<String> body) {
        Map<String, String> values = new LinkedHashMap<>();
        String section = "";
        for (String raw : body) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(path + ": not a 'key = value' line: '" + line + "'");
            }
            if (section.equals("commands")) {
                values.put(line.substring(0, eq).strip().toLowerCase(Locale.ROOT), line.substring(eq + 1).strip());
            }
        }
        return values;
    }

    /** The shared shape: PASS needs an enabled timer that installs updates; otherwise one gap per reason. */
    public AutoUpdateFacts facts(OsRelease os) {
        List<String> evidence = new ArrayList<>(packages.stream().map(p -> "rpm -q: " + p).toList());
        for (String timer : TIMERS) {
            TimerState state = timers.get(timer);
            if (state.enabled() && appliesUpdates(timer)) {
                evidence.add(state.evidence());
                settingEvidence(timer).ifPresent(evidence::add);
                return new AutoUpdateFacts(os, timer + " is enabled, so " + (timer.equals(DNF5_TIMER)
                        ? "dnf5 automatic" : "dnf-automatic") + " downloads and installs updates", evidence, List.of());
            }
        }
        List<String> allTimers = TIMERS.stream().map(t -> timers.get(t).evidence()).toList();
        List<AutoUpdateFacts.Gap> gaps = new ArrayList<>();
        if (packages.isEmpty()) {
            gaps.add(new AutoUpdateFacts.Gap((dnf5 ? "dnf5-plugin-automatic" : "dnf-automatic") + " is not installed, "
                    + "so nothing installs updates unattended", List.of("rpm -q: no dnf-automatic or "
                            + "dnf5-plugin-automatic installed"),
                    dnf5 ? "run `dnf install dnf5-plugin-automatic`, set `apply_updates = yes` in the [commands] "
                            + "section of " + CONFIG + ", then run `systemctl enable --now " + DNF5_TIMER + "`"
                            : "run `dnf install dnf-automatic`, then `systemctl enable --now " + INSTALL_TIMER + "`"));
            return new AutoUpdateFacts(os, "", evidence, gaps);
        }
        for (String timer : TIMERS) {
            TimerState state = timers.get(timer);
            if (state.enabled()) {
                List<String> proof = new ArrayList<>(List.of(state.evidence()));
                settingEvidence(timer).ifPresent(proof::add);
                gaps.add(downloadOnly(timer, proof));
            }
        }
        if (gaps.isEmpty()) {
            gaps.add(new AutoUpdateFacts.Gap(String.join(", ", packages.stream().map(p -> p.split(" ")[0]).toList())
                    + " is installed but none of its timers is enabled", allTimers, "run `systemctl enable --now "
                            + (dnf5 ? DNF5_TIMER + "` with `apply_updates = yes` in the [commands] section of " + CONFIG
                                    : INSTALL_TIMER + "`")));
        }
        return new AutoUpdateFacts(os, "", evidence, gaps);
    }

    private AutoUpdateFacts.Gap downloadOnly(String timer, List<String> proof) {
        if (timer.equals(PLAIN_TIMER) || timer.equals(DNF5_TIMER)) {
            return new AutoUpdateFacts.Gap(timer + " is enabled but apply_updates is off, so it only downloads "
                    + "updates and never installs them", proof, "set `apply_updates = yes` in the [commands] section "
                            + "of " + CONFIG + (timer.equals(PLAIN_TIMER) ? ", or run `systemctl disable --now "
                                    + PLAIN_TIMER + " && systemctl enable --now " + INSTALL_TIMER + "`" : ""));
        }
        return new AutoUpdateFacts.Gap(timer + " is enabled, and it never installs updates", proof,
                "run `systemctl disable --now " + timer + " && systemctl enable --now " + INSTALL_TIMER + "`");
    }

    private boolean appliesUpdates(String timer) {
        return switch (timer) {
            case INSTALL_TIMER -> true;
            case PLAIN_TIMER -> applyUpdates(config);
            case DNF5_TIMER -> config.flatMap(c -> Optional.ofNullable(c.get("apply_updates"))).isPresent()
                    ? applyUpdates(config) : applyUpdates(dnf5Defaults);
            default -> false;
        };
    }

    /** {@code apply_updates} of the file that decides it for {@code timer}, as evidence. */
    private Optional<String> settingEvidence(String timer) {
        if (!timer.equals(PLAIN_TIMER) && !timer.equals(DNF5_TIMER)) {
            return Optional.empty();
        }
        Optional<String> own = config.map(c -> c.get("apply_updates"));
        if (own.isPresent()) {
            return Optional.of(CONFIG + " [commands]: apply_updates = " + own.get());
        }
        if (timer.equals(DNF5_TIMER)) {
            Optional<String> shipped = dnf5Defaults.map(c -> c.get("apply_updates"));
            return Optional.of(shipped.map(v -> DNF5_DEFAULTS + " [commands]: apply_updates = " + v)
                    .orElse("apply_updates is set in neither " + CONFIG + " nor " + DNF5_DEFAULTS + " (default: no)"));
        }
        return Optional.of(config.isPresent() ? CONFIG + " has no apply_updates (default: no)" : CONFIG + " does not exist");
    }

    /** libdnf's booleans: 1/yes/true/on and 0/no/false/off; unset is off. */
    private static boolean applyUpdates(Optional<Map<String, String>> file) {
        Optional<String> value = file.map(c -> c.get("apply_updates"));
        if (value.isEmpty()) {
            return false;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "1", "yes", "true", "on" -> true;
            case "0", "no", "false", "off" -> false;
            default -> throw new IllegalArgumentException("apply_updates = " + value.get()
                    + " is not a boolean dnf-automatic accepts (yes/no, true/false, on/off, 1/0)");
        };
    }
}
