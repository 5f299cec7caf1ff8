package dev.hardening.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

import dev.hardening.core.Fixtures;
import dev.hardening.core.host.KnownHosts.Decision;
import dev.hardening.core.host.KnownHosts.HostKey;

/** Whatever a known_hosts file holds, the parser answers and never trusts a line it did not understand. */
class KnownHostsPropertiesTest {
    private static final String REAL = Fixtures.read("known_hosts/keyscan-plain.known_hosts")
            + Fixtures.read("known_hosts/keyscan-hashed-localhost.known_hosts")
            + "@cert-authority *.lab " + Fixtures.read("known_hosts/host-ca.pub")
            + "@revoked * " + Fixtures.read("known_hosts/other-host-ed25519.pub");
    private static final HostKey HOST_KEY = HostKey.of(Base64.getDecoder().decode(
            Fixtures.read("known_hosts/host-ed25519.pub").split("\\s+")[1]));

    @Property
    void anyTextParsesWithoutThrowing(@ForAll @StringLength(max = 4000) String text) {
        KnownHosts file = KnownHosts.parse("f", text);

        assertThat(file.decide("localhost", HOST_KEY, Optional.empty())).isNotNull();
    }

    @Property
    void aTruncatedRealFileTrustsOnlyLinesThatSurvivedWhole(@ForAll("cuts") int cut) {
        String truncated = REAL.substring(0, cut);
        KnownHosts file = KnownHosts.parse("f", truncated);

        Decision decision = file.decide("127.0.0.1", HOST_KEY, Optional.empty());
        if (decision instanceof Decision.Trusted trusted) {
            String line = truncated.split("\n", -1)[trusted.line().number() - 1];
            assertThat(REAL.lines()).contains(line);
        }
    }

    @Property
    void bytesOfAnyKindInTheKeyFieldAreNeverTrusted(@ForAll byte[] blob, @ForAll @IntRange(min = 0, max = 2) int marker) {
        String key = Base64.getEncoder().encodeToString(blob);
        String prefix = marker == 1 ? "@cert-authority " : marker == 2 ? "@revoked " : "";
        KnownHosts file = KnownHosts.parse("f", prefix + "localhost ssh-ed25519 " + key + "\n");

        assertThat(file.decide("localhost", HOST_KEY, Optional.empty())).isNotInstanceOf(Decision.Trusted.class);
    }

    @Property
    void aHugeLineOfStarsIsMatchedQuickly(@ForAll @IntRange(min = 1, max = 20000) int stars) {
        String patterns = "*a".repeat(stars) + "b";
        KnownHosts file = KnownHosts.parse("f", patterns + " " + Fixtures.read("known_hosts/host-ed25519.pub"));

        assertThat(file.decide("a".repeat(5000), HOST_KEY, Optional.empty())).isInstanceOf(Decision.Unknown.class);
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, REAL.length());
    }
}
