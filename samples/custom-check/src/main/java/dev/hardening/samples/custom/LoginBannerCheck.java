package dev.hardening.samples.custom;

import java.util.List;

import dev.hardening.core.family.FactCheck;
import dev.hardening.core.family.FindingFactory;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Subject;
import dev.hardening.core.policy.ChecksConfig;

/** {@code custom.login-banner}: users see the legal warning before they log in. */
public final class LoginBannerCheck extends FactCheck<BannerFile> {
    public static final CheckId ID = CheckId.of("custom.login-banner", "a legal warning is shown before login");

    public LoginBannerCheck() {
        super(ID, Severity.LOW, LoginBannerFamily.BANNER);
    }

    @Override
    public boolean enabled(ChecksConfig config) {
        return config.get(LoginBannerFamily.CONFIG).enabled();
    }

    @Override
    protected List<Finding> judge(BannerFile banner, FindingFactory findings, ChecksConfig config) {
        String wanted = config.get(LoginBannerFamily.CONFIG).mustContain();
        Subject file = new Subject.FileLine(banner.path(), 0);
        String fix = "write a warning containing \"" + wanted + "\" to " + banner.path()
                + " and set `Banner " + banner.path() + "` in sshd_config, then reload sshd";
        if (banner.content().isEmpty()) {
            return List.of(findings.fail(file, banner.path() + " does not exist", List.of(), fix));
        }
        String firstLine = banner.content().get().lines().findFirst().orElse("");
        if (!banner.content().get().contains(wanted)) {
            return List.of(findings.fail(file, banner.path() + " does not say \"" + wanted + "\"",
                    List.of(banner.path() + ":1: " + firstLine), fix));
        }
        return List.of(findings.pass(banner.path() + " holds the warning", List.of(banner.path() + ":1: " + firstLine)));
    }
}
