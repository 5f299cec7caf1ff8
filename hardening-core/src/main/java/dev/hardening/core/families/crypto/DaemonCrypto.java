package dev.hardening.core.families.crypto;

import java.util.List;

/**
 * What one SSH daemon of the host offers and allows: its server on the wire, for each port it listens
 * on, and its own configuration as {@code sshd -T} reads it with the daemon's {@code -f}/{@code -p}/{@code -o}.
 *
 * @param label how findings name the daemon ({@code sshd pid 812 (config /etc/ssh/rescue.conf, port 2222)})
 * @param wire one observation per port; at least one, unavailable with the reason where no port can be asked
 */
public record DaemonCrypto(String label, List<Observation<KexInit>> wire, Observation<ConfiguredCrypto> configured) {

    public DaemonCrypto {
        wire = List.copyOf(wire);
        if (wire.isEmpty()) {
            throw new IllegalArgumentException("a daemon needs a wire observation, unavailable if need be");
        }
    }
}
