package dev.hardening.core.policy;

/**
 * {@code checks.packages}: which pending updates fail ({@code security} or {@code all}), how old
 * the package index may be, and whether the gate may refresh it (its one write on a target).
 */
public record PackagesChecksConfig(Boolean enabled, String upToDate, Integer maxIndexAgeHours, Boolean refreshIndex) {

    public static final PackagesChecksConfig DEFAULT = new PackagesChecksConfig(null, null, null, null);
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
}
