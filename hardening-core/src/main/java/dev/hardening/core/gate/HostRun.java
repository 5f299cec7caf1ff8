package dev.hardening.core.gate;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.hardening.core.model.CheckId;

/**
 * How one host's part of a gate run went.
 *
 * @param host the host's name in the policy
 * @param address where the gate connected
 * @param verdict the host's own verdict (its findings under the gate's options)
 * @param started when the gate started on the host
 * @param durationMs from start until the host's last check, or until its deadline
 * @param os the operating system's name from os-release, when a check read it
 * @param checkDurationsMs per check run on the host: the time of the slowest fact it read plus its own
 */
public record HostRun(String host, String address, Verdict verdict, Instant started, long durationMs,
        Optional<String> os, Map<CheckId, Long> checkDurationsMs) {

    public HostRun {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(os, "os");
        checkDurationsMs = Collections.unmodifiableMap(new LinkedHashMap<>(checkDurationsMs));
    }
}
