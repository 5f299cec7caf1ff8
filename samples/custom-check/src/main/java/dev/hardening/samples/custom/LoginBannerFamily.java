package dev.hardening.samples.custom;

import java.util.List;
import java.util.Optional;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.FactKey;
import dev.hardening.core.family.Check;
import dev.hardening.core.family.CheckFamily;
import dev.hardening.core.family.FactSource;
import dev.hardening.core.family.GatherContext;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.host.HostException;
import dev.hardening.core.policy.ConfigKey;

/**
 * A check family of a user's own, registered like the built-in ones: listed in
 * {@code META-INF/services/dev.hardening.core.family.CheckFamily}, so the gate, the JUnit extension and
 * the Maven plugin (with this jar as a plugin dependency) all run it.
 */
public final class LoginBannerFamily implements CheckFamily<LoginBannerConfig> {
    /** The {@code checks.loginBanner} section of the policy. */
    public static final ConfigKey<LoginBannerConfig> CONFIG = new ConfigKey<>("loginBanner", LoginBannerConfig.class,
            LoginBannerConfig.DEFAULT);
    /** The banner file, read over the host's one connection. */
    public static final FactKey<BannerFile> BANNER = FactKey.of("custom.loginBanner");
    private static final int ABSENT = 3;

    @Override
    public ConfigKey<LoginBannerConfig> config() {
        return CONFIG;
    }

    @Override
    public List<Check> checks() {
        return List.of(new LoginBannerCheck());
    }

    @Override
    public List<FactSource<?>> facts() {
        return List.of(FactSource.remote(BANNER, LoginBannerFamily::readBanner));
    }

    private static Fact<BannerFile> readBanner(GatherContext context) {
        String path = context.checks().get(CONFIG).file();
        String quoted = "'" + path.replace("'", "'\\''") + "'";
        try {
            // exit 3 says "no such file"; any other failure (permissions) leaves the fact unknown
            CommandResult read = context.host().run("if [ -e " + quoted + " ]; then cat -- " + quoted
                    + "; else exit " + ABSENT + "; fi");
            if (read.succeeded()) {
                return Fact.known(new BannerFile(path, Optional.of(read.stdout())));
            }
            if (read.exitStatus() == ABSENT && !read.truncated()) {
                return Fact.known(new BannerFile(path, Optional.empty()));
            }
            return Fact.unknown("cannot read " + path + ": " + read.firstErrorLine(), List.of());
        } catch (HostException e) {
            return Fact.unknown(e.getMessage(), List.of());
        }
    }
}
