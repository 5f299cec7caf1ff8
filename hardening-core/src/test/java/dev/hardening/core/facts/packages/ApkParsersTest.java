package dev.hardening.core.facts.packages;

import static dev.hardening.core.facts.packages.PackageFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * apk's output as captured from apk-tools 2.14.4 on Alpine 3.20 (fixtures/packages/apk/); the
 * crontab of {@link #alpineDefaultCrontabRunsThePeriodicFolders} is the one Alpine's busybox package
 * installs, as documented, not captured: no Alpine host runs here.
 */
class ApkParsersTest {
    private static final OsRelease ALPINE = new OsRelease("alpine", List.of(), "Alpine Linux v3.20");
    /** Alpine's /etc/crontabs/root as shipped, in the PATH:LINE form the command prints. */
    private static final String DEFAULT_CRONTAB = """
            /etc/crontabs/root:# do daily/weekly/monthly maintenance
            /etc/crontabs/root:# min	hour	day	month	weekday	command
            /etc/crontabs/root:*/15	*	*	*	*	run-parts /etc/periodic/15min
            /etc/crontabs/root:0	*	*	*	*	run-parts /etc/periodic/hourly
            /etc/crontabs/root:0	2	*	*	*	run-parts /etc/periodic/daily
            /etc/crontabs/root:0	3	*	*	6	run-parts /etc/periodic/weekly
            /etc/crontabs/root:0	5	1	*	*	run-parts /etc/periodic/monthly
            """;

    private static AutoUpdateFacts cron(String files, String runlevels) {
        return ApkAutoUpgrades.parse("@@hardening files\n" + files + "@@hardening crond\n" + runlevels).facts(ALPINE);
    }

    @Test
    void versionListSkipsTheHeaderAndReadsEntriesWithTrailingSpaces() {
        ApkVersionList list = ApkVersionList.parse(read("apk/version-l.txt"));

        assertThat(list.outdated()).containsExactly(
                new ApkVersionList.Entry("acme-tool", "1.0-r0", "1.1-r0", "acme-tool-1.0-r0                        < 1.1-r0"),
                new ApkVersionList.Entry("zlib", "1.3.1-r1", "1.3.1-r2", "zlib-1.3.1-r1                           < 1.3.1-r2"));
    }

    @Test
    void onlyTheHeaderIsAnEmptyListAndNoHeaderIsNotApkOutput() {
        assertThat(ApkVersionList.parse("Installed:                                Available:\n").outdated()).isEmpty();
        assertThatThrownBy(() -> ApkVersionList.parse("")).hasMessageStartingWith("apk version printed no "
                + "'Installed: Available:' header");
        assertThatThrownBy(() -> ApkVersionList.parse(read("apk/list-u.txt"))).hasMessageContaining("no 'Installed:");
    }

    @Test
    void warningsOnStderrAreProblemsWhateverTheExitStatus() {
        // the README of the captures: an unsigned or missing index gives only the header and a WARNING line
        assertThat(ApkVersionList.problems("WARNING: Ignoring /var/cache/apk/APKINDEX.8a2b5c1d.tar.gz: UNTRUSTED signature\n"))
                .containsExactly("WARNING: Ignoring /var/cache/apk/APKINDEX.8a2b5c1d.tar.gz: UNTRUSTED signature");
        assertThat(ApkVersionList.problems("")).isEmpty();
    }

    @Test
    void alpineVersionsCompareAsApkDoes() {
        assertThat(ApkVersion.compare("1.3.1-r1", "1.3.1-r2")).isNegative();
        assertThat(ApkVersion.compare("1.10-r0", "1.9-r0")).isPositive();
        assertThat(ApkVersion.compare("1.0_rc1-r0", "1.0-r0")).isNegative();
        assertThat(ApkVersion.compare("1.0_p1-r0", "1.0-r0")).isPositive();
        assertThat(ApkVersion.compare("1.2a-r0", "1.2-r0")).isPositive();
        assertThat(ApkVersion.compare("2.0-r0", "2.0-r0")).isZero();
        assertThatThrownBy(() -> ApkVersion.compare("latest", "1.0")).hasMessage("not an Alpine package version: 'latest'");
    }

    @Test
    void secdbListsTheFixesBetweenInstalledAndAvailableButNotNeverAffected() {
        AlpineSecdb secdb = AlpineSecdb.parse("secdb.sample.json", read("apk/secdb.sample.json"));

        assertThat(secdb.fixesBetween("zlib", "1.3.1-r1", "1.3.1-r2")).containsExactly("1.3.1-r2: CVE-2099-0001");
        assertThat(secdb.fixesBetween("zlib", "1.3.1-r2", "1.3.1-r3")).isEmpty();
        assertThat(secdb.fixesBetween("acme-tool", "1.0-r0", "1.1-r0")).isEmpty();
        assertThat(secdb.fixesBetween("busybox", "1.30.0-r0", "1.36.1-r1")).containsExactly("1.36.1-r1: CVE-2022-48174");
        assertThatThrownBy(() -> AlpineSecdb.parse("x.json", "{\"packages\": 3}")).hasMessageContaining("no \"packages\" list");
        assertThatThrownBy(() -> AlpineSecdb.parse("x.json", "<html>")).hasMessageStartingWith("x.json is not JSON");
    }

    @Test
    void alpineDefaultCrontabRunsThePeriodicFoldersButNoApkUpgrade() {
        AutoUpdateFacts auto = cron(DEFAULT_CRONTAB, "");

        assertThat(auto.gaps()).singleElement().satisfies(g -> {
            assertThat(g.problem()).isEqualTo("no cron or periodic job runs `apk upgrade`, so nothing installs updates "
                    + "unattended");
            assertThat(g.evidence()).containsExactly("looked for `apk upgrade` in the crontabs under /etc/crontabs/ and "
                    + "in the scripts under /etc/periodic/*/ that a crontab runs: none found (7 line(s) read)");
            assertThat(g.fix()).contains("/etc/periodic/daily/apk-upgrade").contains("rc-update add crond default");
        });
    }

    @Test
    void aDailyPeriodicScriptRunningApkUpgradePassesOnlyWithCrondEnabled() {
        String daily = DEFAULT_CRONTAB + "/etc/periodic/daily/apk-upgrade:#!/bin/sh\n"
                + "/etc/periodic/daily/apk-upgrade:apk -U upgrade\n";

        assertThat(cron(daily, "/etc/runlevels/default/crond\n")).satisfies(a -> {
            assertThat(a.appliesUpdates()).isTrue();
            assertThat(a.evidence()).containsExactly("/etc/periodic/daily/apk-upgrade:apk -U upgrade",
                    "/etc/crontabs/root:0\t2\t*\t*\t*\trun-parts /etc/periodic/daily",
                    "crond enabled: /etc/runlevels/default/crond");
        });
        assertThat(cron(daily, "").gaps()).singleElement().extracting(AutoUpdateFacts.Gap::problem)
                .isEqualTo("a cron job runs `apk upgrade`, but crond is in no OpenRC runlevel, so it does not run");
    }

    @Test
    void aCommentedOrSimulatedUpgradeOrOneInAFolderNoCrontabRunsIsNoJob() {
        String files = DEFAULT_CRONTAB + "/etc/crontabs/root:# 0 4 * * * apk upgrade\n"
                + "/etc/crontabs/root:0 4 * * * apk upgrade --simulate\n"
                + "/etc/periodic/yearly/apk-upgrade:apk upgrade\n";

        assertThat(cron(files, "/etc/runlevels/default/crond\n").appliesUpdates()).isFalse();
        assertThat(cron("/etc/crontabs/root:30 3 * * * apk update && apk upgrade\n", "/etc/runlevels/default/crond\n")
                .appliesUpdates()).isTrue();
    }

    @Test
    void anUnreadableCrontabIsAnErrorBecauseAJobMayHideThere() {
        assertThatThrownBy(() -> ApkAutoUpgrades.parse("@@hardening files\n@@hardening unreadable /etc/crontabs/root\n"
                + "@@hardening crond\n")).hasMessageStartingWith("cannot read /etc/crontabs/root as the login user");
        assertThatThrownBy(() -> ApkAutoUpgrades.parse("")).hasMessageContaining("missing from the output");
    }
}
