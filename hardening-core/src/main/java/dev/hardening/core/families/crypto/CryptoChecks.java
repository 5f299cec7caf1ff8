package dev.hardening.core.families.crypto;

import java.util.List;

import dev.hardening.core.HostCheck;
import dev.hardening.core.model.Finding;

/**
 * {@code ssh.crypto} on a session's host: {@code host.family(CryptoChecks::new).noWeakAlgorithms()}.
 */
public final class CryptoChecks extends HostCheck.Family {

    public CryptoChecks(HostCheck session) {
        super(session);
    }

    /** {@code ssh.crypto} with the session's algorithm policy. */
    public List<Finding> noWeakAlgorithms() {
        return noWeakAlgorithms(session.checks().get(CryptoFamily.CONFIG));
    }

    /** {@code ssh.crypto} judged against {@code policy} instead. */
    public List<Finding> noWeakAlgorithms(CryptoChecksConfig policy) {
        return session.run(SshCryptoCheck.ID, session.checks().with(CryptoFamily.CONFIG, policy));
    }
}
