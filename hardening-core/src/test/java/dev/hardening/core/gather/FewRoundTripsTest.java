package dev.hardening.core.gather;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.FactKey;
import dev.hardening.core.family.FactSource;
import dev.hardening.core.family.GatherContext;
import dev.hardening.core.host.BatchResult;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.HostCommand;
import dev.hardening.core.host.HostException;
import dev.hardening.core.host.LocalHost;
import dev.hardening.core.host.Timeouts;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.HostSpec;

/**
 * Sources that know nothing of scripts (they just run commands, one depending on another's output)
 * get their commands sent in as few scripts as the dependencies allow, run by this machine's sh.
 */
class FewRoundTripsTest {
    private static final FactKey<String> FIRST = FactKey.of("test.first");
    private static final FactKey<String> SECOND = FactKey.of("test.second");
    private static final FactKey<String> BROKEN = FactKey.of("test.broken");

    /** The local machine, counting the scripts and the commands that ran outside any. */
    private static final class CountingHost implements Host {
        private final LocalHost local = new LocalHost("local", false, Timeouts.DEFAULT);
        final List<List<String>> scripts = new ArrayList<>();
        final List<String> alone = new ArrayList<>();
        private final String dropped;

        CountingHost(String dropped) {
            this.dropped = dropped;
        }

        @Override
        public String name() {
            return "local";
        }

        @Override
        public synchronized CommandResult run(String command) throws HostException {
            alone.add(command);
            return local.run(command);
        }

        @Override
        public CommandResult runPrivileged(String command) throws HostException {
            return run(command);
        }

        @Override
        public BatchResult runAll(List<HostCommand> commands) {
            synchronized (this) {
                scripts.add(commands.stream().map(HostCommand::command).toList());
            }
            // a command the host leaves out of the script's output, as a garbled or cut section would
            return local.runAll(commands.stream().map(c -> c.command().equals(dropped)
                    ? HostCommand.plain("printf 'not the command that was asked for'") : c).toList());
        }

        @Override
        public boolean usesSudo() {
            return false;
        }

        @Override
        public dev.hardening.core.facts.ssh.AuthenticationOffer offeredAuthentication(String user, int port) {
            throw new UnsupportedOperationException("no SSH here");
        }

        @Override
        public void close() {
            local.close();
        }
    }

    private static Fact<String> read(GatherContext context, String command) {
        try {
            CommandResult result = context.host().run(command);
            return Fact.known(result.stdout().strip());
        } catch (HostException e) {
            return Fact.unknown(e.getMessage(), List.of());
        }
    }

    private static final FactSource<String> FIRST_SOURCE = FactSource.remote(FIRST, context -> {
        Fact<String> one = read(context, "echo one");
        // a follow-up that needs the first answer: it can only go out in the next script
        return one instanceof Fact.Known<String> known ? read(context, "echo two-" + known.value()) : one;
    });
    private static final FactSource<String> SECOND_SOURCE = FactSource.remote(SECOND,
            context -> List.of(HostCommand.plain("echo ahead")),
            context -> context.fact(FIRST) instanceof Fact.Known<String> first
                    ? Fact.known(first.value() + "+" + read(context, "echo ahead") + "+" + read(context, "echo beside"))
                    : Fact.unknown("first unknown", List.of()));
    private static final FactSource<String> BROKEN_SOURCE = FactSource.remote(BROKEN,
            context -> read(context, "echo dropped"));

    private static CollectedFacts facts(CountingHost host) {
        Map<FactKey<?>, FactSource<?>> sources = List.of(FIRST_SOURCE, SECOND_SOURCE, BROKEN_SOURCE).stream()
                .collect(Collectors.toMap(FactSource::key, s -> s));
        return new CollectedFacts(host, HostSpec.local(), ChecksConfig.DEFAULT, Timeouts.DEFAULT, ProbeRoutes.DIRECT,
                sources);
    }

    @Test
    void eachLevelOfDependencyIsOneScriptAndNothingRunsAlone() {
        CountingHost host = new CountingHost("none");
        CollectedFacts facts = facts(host);

        facts.gatherAtOnce(List.of(FIRST, SECOND));

        assertThat(facts.gathered(FIRST)).hasValue(Fact.known("two-one"));
        assertThat(facts.get(SECOND)).isEqualTo(Fact.known("two-one+Known[value=ahead]+Known[value=beside]"));
        // "echo beside" is run after the first fact is known, which takes the first two scripts
        assertThat(host.scripts).containsExactly(List.of("echo one", "echo ahead"), List.of("echo two-one"),
                List.of("echo beside"));
        assertThat(host.alone).isEmpty();
    }

    @Test
    void aCommandWhoseSectionIsMissingMakesItsFactUnknownWithTheReasonNeverARunOfItsOwn() {
        CountingHost host = new CountingHost("echo dropped");
        CollectedFacts facts = facts(host);

        facts.gatherAtOnce(List.of(FIRST, BROKEN));

        assertThat(facts.get(FIRST)).isEqualTo(Fact.known("two-one"));
        assertThat(facts.get(BROKEN)).isInstanceOfSatisfying(Fact.Unknown.class,
                u -> assertThat(u.reason()).isEqualTo("the host gave no result for `echo dropped`"));
        assertThat(host.alone).isEmpty();
    }

    @Test
    void withoutGatheringAheadEverySourceStillReadsItsFactCommandByCommand() {
        CountingHost host = new CountingHost("none");
        CollectedFacts facts = facts(host);

        assertThat(facts.get(SECOND)).isEqualTo(Fact.known("two-one+Known[value=ahead]+Known[value=beside]"));
        assertThat(host.scripts).isEmpty();
        assertThat(host.alone).containsExactly("echo one", "echo two-one", "echo ahead", "echo beside");
    }
}
