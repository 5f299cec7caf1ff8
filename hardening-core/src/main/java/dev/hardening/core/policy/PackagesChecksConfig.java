package dev.hardening.core.policy;

/**
 * {@code checks.packages}: which pending updates fail ({@code security} or {@code all}), how old
 * the package index may be, whether the gate may refresh it (its one write on a target), and, for
 * Alpine, a local copy of Alpine's secdb JSON that tells security fixes apart (apk has no security channel).
 */
public record PackagesChecksConfig(Boolean enabled, String upToDate, Integer maxIndexAgeHours, Boolean refreshIndex,
        String alpineSecdb) {

    public static final PackagesChecksConfig DEFAULT = new PackagesChecksConfig(null, null, null, null, null);
    /** The {@code checks.packages} section. */
    public static final ConfigKey<PackagesChecksConfig> KEY = new ConfigKey<>("packages", PackagesChecksConfig.class, DEFAULT);

    public PackagesChecksConfig {
        enabled = enabled == null || enabled;
        upToDate = upToDate == null ? "security" : upToDate;
        maxIndexAgeHours = maxIndexAgeHours == null ? 48 : maxIndexAgeHours;
        refreshIndex = refreshIndex != null && refreshIndex;
        if (!upToDate.equals("security") && !upToDate.equals("all")) {
            throw new IllegalArgumentException("upToDate must be \"security\" or \"all\", got '" + upToDate + "'");
        }
        if (maxIndexAgeHours <= 0) {
            throw new IllegalArgumentException("maxIndexAgeHours must be positive, got " + maxIndexAgeHours);
        }
    }

    /** The settings without an Alpine secdb, as before it existed. */
    public PackagesChecksConfig(Boolean enabled, String upToDate, Integer maxIndexAgeHours, Boolean refreshIndex) {
        this(enabled, upToDate, maxIndexAgeHours, refreshIndex, null);
    }

    /** The same settings, switched on, with {@code scope} ({@code security} or {@code all}). */
    public PackagesChecksConfig enabledWith(String scope) {
        return new PackagesChecksConfig(true, scope, maxIndexAgeHours, refreshIndex, alpineSecdb);
    }

    /** The same settings with the secdb path replaced, e.g. resolved against the policy's folder. */
    public PackagesChecksConfig withAlpineSecdb(String path) {
        return new PackagesChecksConfig(enabled, upToDate, maxIndexAgeHours, refreshIndex, path);
    }
}
