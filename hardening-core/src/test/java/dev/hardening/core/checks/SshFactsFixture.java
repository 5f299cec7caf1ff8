package dev.hardening.core.checks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import dev.hardening.core.Fixtures;
import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.FactKey;
import dev.hardening.core.facts.HostFacts;
import dev.hardening.core.facts.ssh.AuthenticationOffer;
import dev.hardening.core.facts.ssh.ConnectionSpec;
import dev.hardening.core.facts.ssh.MatchBlock;
import dev.hardening.core.facts.ssh.SshContext;
import dev.hardening.core.facts.ssh.SshDaemon;
import dev.hardening.core.facts.ssh.SshDaemonFacts;
import dev.hardening.core.facts.ssh.SshFacts;
import dev.hardening.core.facts.ssh.SshdCommandLine;
import dev.hardening.core.facts.ssh.SshdConfig;
import dev.hardening.core.facts.ssh.SshdTParser;
import dev.hardening.core.facts.ssh.UserDirectory;
import dev.hardening.core.facts.ssh.WireProbe;

/** Hand-built SSH facts, shaped as the collector shapes them, from the captured fixtures. */
final class SshFactsFixture {
    static final String HOST = "web1";
    /** The connection of the captured {@code sshd -T -C user=deploy,...} fixtures. */
    static final ConnectionSpec DEPLOY = new ConnectionSpec("deploy", "gw.example", "192.0.2.10", "172.17.0.2", 22, null);
    static final ConnectionSpec ROOT = DEPLOY.withUser("root");
    static final String DEPLOY_ARG = DEPLOY.toSshdArgument();
    static final String ROOT_ARG = ROOT.toSshdArgument();
    static final UserDirectory USERS = UserDirectory.parse("""
            root:x:0:0:root:/root:/bin/bash
            deploy:x:1000:1000::/home/deploy:/bin/bash
            ops:x:1001:1001::/home/ops:/bin/bash
            """, """
            root:x:0:
            deploy:x:1000:
            ops:x:1001:
            admins:x:1002:
            """);

    /** The fake the checks read from: a host name and whatever SSH fact the test gives; no other family's facts. */
    record FakeHostFacts(String hostName, Fact<SshFacts> ssh) implements UngatheredFacts {
        @Override
        public Map<FactKey<?>, Fact<?>> given() {
            return Map.of(SshFacts.KEY, ssh);
        }
    }

    private SshFactsFixture() {
    }

    static HostFacts host(SshFacts facts) {
        return new FakeHostFacts(HOST, Fact.known(facts));
    }

    static SshContext global(ConnectionSpec spec, String sshdT) {
        return new SshContext(Optional.empty(), spec, SshdTParser.parse(sshdT));
    }

    static SshContext inBlock(MatchBlock block, ConnectionSpec spec, String sshdT) {
        return new SshContext(Optional.of(block), spec, SshdTParser.parse(sshdT));
    }

    static WireProbe offered(String user, String... methods) {
        return new WireProbe.Offered(new AuthenticationOffer("127.0.0.1:22", user, false, Arrays.asList(methods)));
    }

    /** The one sshd of the captured host: pid 1, the default config file, port 22. */
    static final SshDaemon DAEMON = new SshDaemon(OptionalInt.of(1), Optional.empty(),
            new SshdCommandLine("/usr/sbin/sshd", Optional.empty(), List.of(), List.of(), List.of(), false), List.of(22));

    /**
     * A rescue sshd as the capture started it ({@code -f /etc/ssh/rescue.conf -p 2222 -o PasswordAuthentication=yes})
     * next to the hardened default daemon; sshd -T for it says what that option makes it say.
     */
    static SshFacts hardenedWithRescueDaemon() {
        SshdCommandLine rescueLine = new SshdCommandLine("/usr/sbin/sshd", Optional.of("/etc/ssh/rescue.conf"), List.of(2222),
                List.of("PasswordAuthentication=yes"), List.of(), false);
        SshDaemon rescue = new SshDaemon(OptionalInt.of(20), Optional.empty(), rescueLine, List.of(2222));
        SshdConfig rescueConfig = Fixtures.config("PermitRootLogin no\n");
        String out = hardenedWith("passwordauthentication no", "passwordauthentication yes", "port 22", "port 2222");
        SshDaemonFacts rescueFacts = new SshDaemonFacts(rescue, SshDaemonFacts.ConfigSource.SSHD_T, "",
                List.of(global(DEPLOY.withLport(2222), out), global(ROOT.withLport(2222), out)), List.of(),
                Optional.of(rescueConfig), USERS, List.of(offered("deploy", "publickey", "password"), offered("root", "publickey", "password")));
        return new SshFacts(List.of(hardened().daemons().get(0), rescueFacts), List.of());
    }

    /** A host whose one daemon has these facts. */
    static SshFacts daemon(SshDaemonFacts.ConfigSource source, String note, List<SshContext> contexts,
            List<MatchBlock> unenterable, Optional<SshdConfig> files, UserDirectory users, List<WireProbe> wire) {
        return SshFacts.of(new SshDaemonFacts(DAEMON, source, note, contexts, unenterable, files, users, wire));
    }

    /** Facts from sshd -T with the given files and contexts; the server offers only publickey to deploy and root. */
    static SshFacts sshdT(SshdConfig config, SshContext... contexts) {
        return daemon(SshDaemonFacts.ConfigSource.SSHD_T, "", List.of(contexts), List.of(), Optional.of(config), USERS,
                List.of(offered("deploy", "publickey"), offered("root", "publickey")));
    }

    /** The deploy and root contexts for one {@code sshd -T} output (no Match block applies to either). */
    static SshFacts sshdT(SshdConfig config, String sshdT) {
        return sshdT(config, global(DEPLOY, sshdT), global(ROOT, sshdT));
    }

    static SshFacts withWire(SshFacts host, WireProbe login, WireProbe root) {
        SshDaemonFacts facts = host.daemons().get(0);
        return daemon(facts.source(), facts.sourceNote(), facts.contexts(), facts.unenterable(), facts.files(),
                facts.users(), root == null ? List.of(login) : List.of(login, root));
    }

    static SshFacts withUnenterable(SshFacts host, MatchBlock... blocks) {
        SshDaemonFacts facts = host.daemons().get(0);
        return daemon(facts.source(), facts.sourceNote(), facts.contexts(), List.of(blocks), facts.files(),
                facts.users(), facts.wireProbes());
    }

    /** A hardened stock Debian host: the captured drop-in and sshd -T output. */
    static SshFacts hardened() {
        return sshdT(Fixtures.hardenedDebianConfig(), Fixtures.sshd("hardened.sshd-T.txt"));
    }

    /** The hardened sshd -T output with some lines changed, e.g. {@code "usepam yes", "usepam no"}. */
    static String hardenedWith(String... lineThenReplacement) {
        String text = Fixtures.sshd("hardened.sshd-T.txt");
        for (int i = 0; i < lineThenReplacement.length; i += 2) {
            text = Fixtures.replaceLine(text, lineThenReplacement[i], lineThenReplacement[i + 1]);
        }
        return text;
    }

    /**
     * The collector's contexts for the hardened-match-user-deploy capture, logged in as deploy from
     * 192.0.2.10: deploy and root globally, deploy in Match User deploy, deploy and root in Match Address.
     */
    static SshFacts hardenedMatchUserDeploy() {
        SshdConfig config = hardenedMatchUserDeployConfig();
        MatchBlock user = config.matchBlocks().get(0);
        MatchBlock address = config.matchBlocks().get(1);
        String deployOut = Fixtures.sshd("hardened-match-user-deploy.sshd-T-C-user-deploy.txt");
        String rootOut = Fixtures.sshd("hardened-match-user-deploy.sshd-T.txt");
        String root10 = Fixtures.sshd("hardened-match-user-deploy.sshd-T-C-addr-10.txt");
        String deploy10 = Fixtures.replaceLine(deployOut, "permitrootlogin no", "permitrootlogin yes");
        List<SshContext> contexts = new ArrayList<>(List.of(global(DEPLOY, deployOut), global(ROOT, rootOut),
                inBlock(user, DEPLOY, deployOut), inBlock(address, DEPLOY.withAddr("10.0.0.1"), deploy10),
                inBlock(address, ROOT.withAddr("10.0.0.1"), root10)));
        return daemon(SshDaemonFacts.ConfigSource.SSHD_T, "", contexts, List.of(), Optional.of(config), USERS,
                List.of(offered("deploy", "publickey", "password"), offered("root", "publickey")));
    }

    static SshdConfig hardenedMatchUserDeployConfig() {
        return Fixtures.config(Fixtures.sshd("match-user-deploy.sshd_config"),
                java.util.Map.of(Fixtures.DROP_IN_GLOB, List.of(new dev.hardening.core.facts.ssh.SshdConfigParser.ConfigFile(
                        Fixtures.HARDENING_DROP_IN, Fixtures.sshd("hardened.00-hardening.conf")))));
    }
}
