package dev.hardening.core.checks;

import java.util.List;

import dev.hardening.core.facts.Fact;
import dev.hardening.core.facts.firewall.FirewallRuleset;
import dev.hardening.core.facts.firewall.ProbeResult;
import dev.hardening.core.facts.net.SocketInventory;
import dev.hardening.core.facts.packages.AutoUpdateFacts;
import dev.hardening.core.facts.packages.PackageFacts;
import dev.hardening.core.facts.ssh.SshFacts;
import dev.hardening.core.facts.tls.TlsFacts;
import dev.hardening.core.gather.HostFacts;

/**
 * Host facts for a test of one family: every fact the test does not give is unknown, so a check that
 * reached for it would report ERROR rather than quietly pass.
 */
interface UngatheredFacts extends HostFacts {

    private static <T> Fact<T> notInThisTest() {
        return Fact.unknown("not gathered in this test", List.of());
    }

    @Override
    default String hostName() {
        return "web1";
    }

    @Override
    default Fact<SshFacts> ssh() {
        return notInThisTest();
    }

    @Override
    default Fact<PackageFacts> packages() {
        return notInThisTest();
    }

    @Override
    default Fact<AutoUpdateFacts> autoUpdates() {
        return notInThisTest();
    }

    @Override
    default Fact<TlsFacts> tls() {
        return notInThisTest();
    }

    @Override
    default Fact<SocketInventory> sockets() {
        return notInThisTest();
    }

    @Override
    default Fact<FirewallRuleset> firewall() {
        return notInThisTest();
    }

    @Override
    default Fact<List<ProbeResult>> firewallProbe() {
        return notInThisTest();
    }
}
