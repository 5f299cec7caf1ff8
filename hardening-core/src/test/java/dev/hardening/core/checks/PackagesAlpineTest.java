package dev.hardening.core.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hardening.core.facts.packages.PackageFixtures;
import dev.hardening.core.families.packages.PackagesAutoUpdatesCheck;
import dev.hardening.core.families.packages.PackagesUpToDateCheck;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.core.model.Subject;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.PackagesChecksConfig;

/**
 * Both package checks on an Alpine host, through the collector, with apk's captured output
 * (fixtures/packages/apk/). No Alpine host can run here: what apk prints with an unsigned or missing
 * index (the header and a WARNING on stderr, exit 0) is modelled on the captures' README.
 */
class PackagesAlpineTest {
    private static final String HEADER_ONLY = "Installed:                                Available:\n";
    private static final String FRESH_INDEX = "1796593104\n1796590000 /var/cache/apk/APKINDEX.8a2b5c1d.tar.gz\n";
    private static final ChecksConfig ALL = packages(PackagesChecksConfig.DEFAULT.enabledWith("all"));

    private static ChecksConfig packages(PackagesChecksConfig config) {
        return ChecksConfig.DEFAULT.with(PackagesChecksConfig.KEY, config);
    }

    private static ChecksConfig securityWithSecdb() throws URISyntaxException {
        Path secdb = Path.of(PackagesAlpineTest.class.getResource("/fixtures/packages/apk/secdb.sample.json").toURI());
        return packages(PackagesChecksConfig.DEFAULT.withAlpineSecdb(secdb.toString()));
    }

    private static PackageHostStub alpine() {
        return new PackageHostStub().answer("os-release", "os-release.alpine-3.4.txt")
                .answer("date +%s", FRESH_INDEX, 0)
                .answer("apk version", PackageFixtures.read("apk/version-l.txt"), 0);
    }

    private static List<Finding> upToDate(PackageHostStub host, ChecksConfig config) {
        return new PackagesUpToDateCheck().evaluate(host.facts(config), config);
    }

    @Test
    void underAllEveryOutdatedPackageFailsWithBothVersionsAndTheApkCommand() {
        List<Finding> findings = upToDate(alpine(), ALL);

        assertThat(findings).hasSize(2).allSatisfy(f -> assertThat(f.status()).isEqualTo(Status.FAIL));
        assertThat(findings.get(0).message()).isEqualTo("update pending for acme-tool: 1.0-r0 installed, 1.1-r0 available");
        assertThat(findings.get(0).subject()).isEqualTo(new Subject.Package("acme-tool", "1.0-r0", "1.1-r0"));
        assertThat(findings.get(0).remediation()).isEqualTo("run `apk update && apk add --upgrade acme-tool` on the host");
    }

    @Test
    void underSecurityOnlyTheFixesAlpinesSecdbListsFail() throws Exception {
        ChecksConfig config = securityWithSecdb();

        assertThat(upToDate(alpine(), config)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.message()).isEqualTo("security update pending for zlib: 1.3.1-r1 installed, 1.3.1-r2 available; "
                    + "it is a security update because Alpine's secdb lists fixes in 1.3.1-r2: CVE-2099-0001");
            assertThat(f.evidence()).hasSize(2).last().asString().endsWith("secdb.sample.json: zlib 1.3.1-r2: CVE-2099-0001");
        });
    }

    @Test
    void anIndexApkWarnsAboutIsAnErrorNeverAPass() {
        PackageHostStub host = alpine().answer("apk version", HEADER_ONLY,
                "WARNING: Ignoring /var/cache/apk/APKINDEX.8a2b5c1d.tar.gz: UNTRUSTED signature\n", 0);

        assertThat(upToDate(host, ALL)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.message()).startsWith("apk ignored an index it cannot trust or read").endsWith("UNTRUSTED signature");
        });
    }

    @Test
    void noCachedIndexOrAStaleOneIsAnErrorNeverAPass() {
        PackageHostStub missing = alpine().answer("date +%s", "1796593104\n", 0).answer("apk version", HEADER_ONLY, 0);
        PackageHostStub stale = alpine().answer("date +%s", "1796593104\n1795729104 /var/cache/apk/APKINDEX.8a2b5c1d.tar.gz\n", 0)
                .answer("apk version", HEADER_ONLY, 0);

        assertThat(upToDate(missing, ALL)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.message()).startsWith("apk has no cached index (no /var/cache/apk/APKINDEX.*.tar.gz)");
        });
        assertThat(upToDate(stale, ALL)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.message()).contains("apk's index is 240 hours old (the policy allows 48)");
        });
    }

    @Test
    void emptyOutputIsAnErrorNeverAPass() {
        assertThat(upToDate(alpine().answer("apk version", "", 0), ALL)).singleElement()
                .extracting(Finding::status).isEqualTo(Status.ERROR);
    }

    @Test
    void autoUpdatesSaysWhatItLookedForAndFailsWithoutAJob() {
        PackageHostStub host = alpine().answer("/etc/crontabs", "@@hardening files\n/etc/crontabs/root:0\t2\t*\t*\t*\t"
                + "run-parts /etc/periodic/daily\n@@hardening crond\n", 0);

        List<Finding> findings = new PackagesAutoUpdatesCheck().evaluate(host.facts(ChecksConfig.DEFAULT), ChecksConfig.DEFAULT);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.FAIL);
            assertThat(f.evidence()).singleElement().asString().startsWith("looked for `apk upgrade` in the crontabs");
        });
        assertThat(host.privilegedCommands()).singleElement().asString().contains("/etc/crontabs/*");
    }
}
