package dev.hardening.samples.custom;

import java.util.List;

import dev.hardening.core.HostCheck;
import dev.hardening.core.model.Finding;

/** The family's navigation on a session: {@code host.family(LoginBannerChecks::new).present()}. */
public final class LoginBannerChecks extends HostCheck.Family {

    public LoginBannerChecks(HostCheck session) {
        super(session);
    }

    /** {@code custom.login-banner} with the session's settings. */
    public List<Finding> present() {
        return session.run(LoginBannerCheck.ID);
    }
}
