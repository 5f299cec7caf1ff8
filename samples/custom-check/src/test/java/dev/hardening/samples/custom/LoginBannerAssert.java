package dev.hardening.samples.custom;

import dev.hardening.junit.assertions.AbstractFamilyAssert;

/** The family's fluent assertion, reached with {@code assertThat(host).family(...)} like a built-in one. */
public class LoginBannerAssert extends AbstractFamilyAssert<LoginBannerAssert, LoginBannerChecks> {

    public LoginBannerAssert(LoginBannerChecks actual) {
        super(actual, LoginBannerAssert.class);
    }

    /** {@code custom.login-banner} passes: the banner holds the warning. */
    public LoginBannerAssert showsTheWarning() {
        return passes(LoginBannerCheck.ID, LoginBannerChecks::present);
    }
}
