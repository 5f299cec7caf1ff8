package dev.hardening.junit.assertions;

import dev.hardening.core.HostCheck;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.policy.SshChecksConfig.RootLogin;

/** Assertions on a host's SSH server ({@code ssh.*}). */
public class SshAssert extends AbstractFamilyAssert<SshAssert, HostCheck.SshChecks> {

    public SshAssert(HostCheck.SshChecks actual) {
        super(actual, SshAssert.class);
    }

    /** {@code ssh.key-only}: no password or keyboard-interactive login for anyone, Match blocks included. */
    public SshAssert isKeyOnly() {
        return passes(CheckId.SSH_KEY_ONLY, HostCheck.SshChecks::keyOnly);
    }

    /** {@code ssh.root-login} with {@code PermitRootLogin no}. */
    public SshAssert hasRootLoginDisabled() {
        return passes(CheckId.SSH_ROOT_LOGIN, ssh -> ssh.rootLogin(RootLogin.NO));
    }

    /** {@code ssh.root-login} allowing {@code prohibit-password}: root logs in with a key or not at all. */
    public SshAssert allowsRootLoginOnlyWithAKey() {
        return passes(CheckId.SSH_ROOT_LOGIN, ssh -> ssh.rootLogin(RootLogin.PROHIBIT_PASSWORD));
    }
}
