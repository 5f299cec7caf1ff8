package dev.hardening.core.gather;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import dev.hardening.core.host.BatchResult;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.host.HostCommand;
import dev.hardening.core.host.HostException;

/**
 * What the commands of a host's fact scripts gave, kept so that each source reads its answer without a
 * round trip. A command whose script still runs is pending: whoever asks for it waits for that script
 * rather than running it a second time.
 */
final class CommandCache {
    /** An answer: the result, or why there is none. */
    private record Answer(CommandResult result, String failure) {
    }

    private final Map<HostCommand, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();

    /** True when the command ran or runs in a script. */
    boolean has(HostCommand command) {
        return answers.containsKey(command);
    }

    /** True when the command's script still runs. */
    boolean pending(HostCommand command) {
        CompletableFuture<Answer> answer = answers.get(command);
        return answer != null && !answer.isDone();
    }

    /** Marks the commands of a script about to run as pending. */
    void reserve(List<HostCommand> commands) {
        commands.forEach(c -> answers.putIfAbsent(c, new CompletableFuture<>()));
    }

    /** Runs {@code batch} for commands reserved before; none is left pending, whatever happens. */
    void fill(List<HostCommand> commands, java.util.function.Supplier<BatchResult> batch) {
        reserve(commands);
        BatchResult result = null;
        try {
            result = batch.get();
        } finally {
            for (HostCommand command : commands) {
                Answer answer;
                if (result != null && result.result(command).isPresent()) {
                    answer = new Answer(result.result(command).get(), null);
                } else {
                    answer = new Answer(null, result == null ? "the fact script failed unexpectedly, an internal error"
                            : result.failure(command).orElse("the host gave no result for `" + command.command() + "`"));
                }
                answers.get(command).complete(answer);
            }
        }
    }

    void store(HostCommand command, CommandResult result) {
        answers.computeIfAbsent(command, c -> new CompletableFuture<>()).complete(new Answer(result, null));
    }

    /** The stored result, without waiting; empty when there is none (yet) or the command failed. */
    Optional<CommandResult> result(HostCommand command) {
        CompletableFuture<Answer> answer = answers.get(command);
        return answer == null || !answer.isDone() ? Optional.empty() : Optional.ofNullable(answer.join().result());
    }

    /**
     * The answer, waiting for a pending script; empty when the command never went out.
     *
     * @throws HostException the stored failure, as running the command alone would have thrown it
     */
    Optional<CommandResult> answer(HostCommand command) throws HostException {
        CompletableFuture<Answer> pending = answers.get(command);
        if (pending == null) {
            return Optional.empty();
        }
        Answer answer;
        try {
            answer = pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostException("interrupted while waiting for the fact script to return `" + command.command() + "`");
        } catch (ExecutionException e) {
            throw new HostException("the fact script failed: " + e.getCause());
        }
        if (answer.failure() != null) {
            throw new HostException(answer.failure());
        }
        return Optional.of(answer.result());
    }
}
