package dev.hardening.core.host;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How each command of a batch ended: with a result, or with the reason it has none (it timed out, its
 * section of the script's output is missing or garbled, the host could not run it).
 */
public final class BatchResult {
    private final Map<HostCommand, CommandResult> results = new LinkedHashMap<>();
    private final Map<HostCommand, String> failures = new LinkedHashMap<>();

    void ran(HostCommand command, CommandResult result) {
        results.put(command, result);
    }

    void failed(HostCommand command, String reason) {
        failures.put(command, reason);
    }

    public Optional<CommandResult> result(HostCommand command) {
        return Optional.ofNullable(results.get(command));
    }

    /** Why {@code command} has no result; empty when it has one or was not in the batch. */
    public Optional<String> failure(HostCommand command) {
        return Optional.ofNullable(failures.get(command));
    }

    public int size() {
        return results.size() + failures.size();
    }
}
