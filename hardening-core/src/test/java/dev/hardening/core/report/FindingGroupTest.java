package dev.hardening.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;
import dev.hardening.core.model.Subject;

class FindingGroupTest {
    private static final List<String> INTERFACES = List.of("interface eth0: 203.0.113.7/24", "interface lo: 127.0.0.1/8");

    static Finding update(int i, Status status) {
        String name = "pkg" + i;
        return new Finding("web1", CheckId.PACKAGES_UP_TO_DATE, status, Severity.HIGH,
                "security update pending for " + name + ": 1.0-" + i + " -> 1.1-" + i,
                List.of("Inst " + name + " [1.0-" + i + "] (1.1-" + i + " Debian-Security:12/stable-security)"),
                "apt-get install --only-upgrade " + name, new Subject.Package(name, "1.0-" + i, "1.1-" + i));
    }

    static Finding publicPort(int port) {
        List<String> evidence = new ArrayList<>(List.of("tcp 0.0.0.0:" + port + " users:((\"nginx\"))"));
        evidence.addAll(INTERFACES);
        return new Finding("web1", CheckId.PORTS_PRIVATE_ONLY, Status.FAIL, Severity.HIGH, port + "/tcp is public",
                evidence, "bind nginx to 10.0.0.5 instead of 0.0.0.0:" + port,
                new Subject.Port(port, "tcp", "0.0.0.0"));
    }

    @Test
    void thirtySevenPendingUpdatesAreOneHeadlineNamingTenAndOneCombinedFix() {
        List<Finding> cell = IntStream.range(0, 37).mapToObj(i -> update(i, Status.FAIL)).toList();

        List<FindingGroup> groups = FindingGroup.of(cell);

        assertThat(groups).singleElement().satisfies(g -> {
            assertThat(g.members()).hasSize(37);
            assertThat(g.headline()).startsWith("37 updates pending: pkg0 1.0-0 -> 1.1-0, pkg1 1.0-1 -> 1.1-1, ")
                    .contains("pkg9 1.0-9 -> 1.1-9").doesNotContain("pkg10 ").endsWith(" and 27 more");
            assertThat(g.fixes()).singleElement().asString()
                    .startsWith("apt-get install --only-upgrade pkg0 pkg1 pkg2").endsWith(" pkg36");
            assertThat(g.sharedEvidence()).isEmpty();
            assertThat(g.ownEvidence(g.members().get(3))).singleElement().asString().startsWith("Inst pkg3 ");
        });
    }

    @Test
    void evidenceEveryMemberSharesIsKeptOnceAndDifferentFixesStaySeparate() {
        List<FindingGroup> groups = FindingGroup.of(List.of(publicPort(8080), publicPort(9000)));

        assertThat(groups).singleElement().satisfies(g -> {
            assertThat(g.headline()).isEqualTo("2 public ports: 8080/tcp on 0.0.0.0, 9000/tcp on 0.0.0.0");
            assertThat(g.sharedEvidence()).containsExactlyElementsOf(INTERFACES);
            assertThat(g.ownEvidence(g.members().get(1))).containsExactly("tcp 0.0.0.0:9000 users:((\"nginx\"))");
            assertThat(g.fixes()).containsExactly("bind nginx to 10.0.0.5 instead of 0.0.0.0:8080",
                    "bind nginx to 10.0.0.5 instead of 0.0.0.0:9000");
        });
    }

    @Test
    void aSingleProblemIsItselfAndPassesAndHostWideFindingsNeverJoinAGroup() {
        Finding inventory = new Finding("web1", CheckId.PORTS_PRIVATE_ONLY, Status.PASS, Severity.HIGH,
                "socket inventory, for information", INTERFACES, "");
        Finding stale = new Finding("web1", CheckId.PACKAGES_UP_TO_DATE, Status.FAIL, Severity.HIGH,
                "the package index is 400 hours old", List.of("mtime"), "apt-get update");
        Finding reboot = new Finding("web1", CheckId.PACKAGES_UP_TO_DATE, Status.FAIL, Severity.MEDIUM,
                "a reboot is pending", List.of("/run/reboot-required"), "reboot");

        List<FindingGroup> groups = FindingGroup.of(List.of(stale, update(1, Status.FAIL), inventory, reboot));

        assertThat(groups).extracting(FindingGroup::headline).containsExactly("the package index is 400 hours old",
                "security update pending for pkg1: 1.0-1 -> 1.1-1", "a reboot is pending");
        assertThat(groups.get(0).sharedEvidence()).containsExactly("mtime");
        assertThat(groups.get(0).fixes()).containsExactly("apt-get update");
    }

    @Test
    void waivedAndFailedMembersOfOneKindFormSeparateGroups() {
        List<FindingGroup> groups = FindingGroup.of(List.of(update(1, Status.FAIL), update(2, Status.WAIVED),
                update(3, Status.FAIL), update(4, Status.WAIVED)));

        assertThat(groups).extracting(FindingGroup::status, g -> g.members().size())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Status.FAIL, 2),
                        org.assertj.core.groups.Tuple.tuple(Status.WAIVED, 2));
        assertThat(groups.get(1).headline()).startsWith("2 updates pending (WAIVED): pkg2");
    }

    @Test
    void aCellIsTheWorstOfItsFindingsSoAnInformationalPassIsNotAPass() {
        Finding inventory = new Finding("web1", CheckId.PORTS_PRIVATE_ONLY, Status.PASS, Severity.HIGH,
                "socket inventory, for information", INTERFACES, "");

        List<CheckCell> cells = CheckCell.of(List.of(publicPort(8080), inventory, update(1, Status.WAIVED)));

        assertThat(cells).extracting(CheckCell::check, CheckCell::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(CheckId.PORTS_PRIVATE_ONLY, Status.FAIL),
                org.assertj.core.groups.Tuple.tuple(CheckId.PACKAGES_UP_TO_DATE, Status.WAIVED));
        assertThat(cells.get(0).problems()).singleElement().satisfies(g -> assertThat(g.isSingle()).isTrue());
    }
}
