package dev.hardening.core.checks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.hardening.core.facts.FactKey;
import java.util.Optional;

import dev.hardening.core.Fixtures;
import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.ssh.ConnectionSpec;
import dev.hardening.core.facts.ssh.MatchBlock;
import dev.hardening.core.facts.ssh.SshContext;
import dev.hardening.core.facts.ssh.SshFacts;
import dev.hardening.core.facts.ssh.SshdConfig;
import dev.hardening.core.facts.ssh.SshdTParser;
import dev.hardening.core.facts.ssh.UserDirectory;
import dev.hardening.core.facts.ssh.WireProbe;
import dev.hardening.core.facts.HostFacts;
import dev.hardening.core.facts.ssh.AuthenticationOffer;

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

    /** Facts from sshd -T with the given files and contexts; the server offers only publickey to deploy and root. */
    static SshFacts sshdT(SshdConfig config, SshContext... contexts) {
        return new SshFacts(SshFacts.ConfigSource.SSHD_T, "", List.of(contexts), List.of(), Optional.of(config), USERS,
                offered("deploy", "publickey"), Optional.of(offered("root", "publickey")));
    }

    /** The deploy and root contexts for one {@code sshd -T} output (no Match block applies to either). */
    static SshFacts sshdT(SshdConfig config, String sshdT) {
        return sshdT(config, global(DEPLOY, sshdT), global(ROOT, sshdT));
    }

    static SshFacts withWire(SshFacts facts, WireProbe login, WireProbe root) {
        return new SshFacts(facts.source(), facts.sourceNote(), facts.contexts(), facts.unenterable(), facts.files(),
                facts.users(), login, Optional.ofNullable(root));
    }

    static SshFacts withUnenterable(SshFacts facts, MatchBlock... blocks) {
        return new SshFacts(facts.source(), facts.sourceNote(), facts.contexts(), List.of(blocks), facts.files(),
                facts.users(), facts.loginUserWire(), facts.rootWire());
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
        return new SshFacts(SshFacts.ConfigSource.SSHD_T, "", contexts, List.of(), Optional.of(config), USERS,
                offered("deploy", "publickey", "password"), Optional.of(offered("root", "publickey")));
    }

    static SshdConfig hardenedMatchUserDeployConfig() {
        return Fixtures.config(Fixtures.sshd("match-user-deploy.sshd_config"),
                java.util.Map.of(Fixtures.DROP_IN_GLOB, List.of(new dev.hardening.core.facts.ssh.SshdConfigParser.ConfigFile(
                        Fixtures.HARDENING_DROP_IN, Fixtures.sshd("hardened.00-hardening.conf")))));
    }
}
