package dev.hardening.samples.custom;

/**
 * {@code checks.loginBanner}: the file sshd shows before login and the words it must hold.
 *
 * @param file the banner file on the host (default {@code /etc/issue.net})
 * @param mustContain text the banner must hold (default {@code Authorized})
 */
public record LoginBannerConfig(Boolean enabled, String file, String mustContain) {

    public static final LoginBannerConfig DEFAULT = new LoginBannerConfig(null, null, null);

    public LoginBannerConfig {
        enabled = enabled == null || enabled;
        file = file == null ? "/etc/issue.net" : file;
        mustContain = mustContain == null ? "Authorized" : mustContain;
        if (!file.startsWith("/")) {
            throw new IllegalArgumentException("file must be an absolute path on the host, got '" + file + "'");
        }
        if (mustContain.isBlank()) {
            throw new IllegalArgumentException("mustContain must not be empty: every banner would pass");
        }
    }
}
