package dev.hardening.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hardening.core.gate.Shard;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/** A fleet gated as two CI matrix jobs (-Dhardening.shard=K/2), then merged into one verdict by hardening:merge. */
@RequiresLab
class ShardMergeLabTest {
    @TempDir
    Path dir;

    @Test
    void twoShardsGateEachHostOnceAndTheMergeFailsOnTheWeakHostWithEveryReportRewritten() throws Exception {
        List<String> names = namesInBothShards();
        try (LabHost weak = LabHost.builder().hardened()
                .dropIn("00-hardening.conf", "PasswordAuthentication yes\nKbdInteractiveAuthentication no\nPermitRootLogin no\n")
                .start(); LabHost good1 = LabHost.builder().hardened().start();
                LabHost good2 = LabHost.builder().hardened().start()) {
            Path policy = Files.writeString(dir.resolve("policy.yml"), "hosts:\n" + weak.policyEntry(names.get(0))
                    + good1.policyEntry(names.get(1)) + good2.policyEntry(names.get(2))
                    + "checks:\n  ports: { publicAllowed: [\"22/tcp\"] }\n");

            MavenRun first = shard(policy, 1);
            MavenRun second = shard(policy, 2);

            List<String> gated = new ArrayList<>();
            gated.addAll(hostsIn(dir.resolve("shards/1/hardening.json")));
            gated.addAll(hostsIn(dir.resolve("shards/2/hardening.json")));
            assertThat(gated).as("every host in exactly one shard").containsExactlyInAnyOrderElementsOf(names);
            MavenRun weakShard = Shard.of(names.get(0), 2) == 1 ? first : second;
            MavenRun goodShard = weakShard == first ? second : first;
            assertThat(weakShard.exitCode()).as(weakShard.output()).isEqualTo(1);
            assertThat(goodShard.exitCode()).as(goodShard.output()).isZero();
            assertThat(weakShard.output()).containsPattern("hardening: \\[\\d/\\d] " + names.get(0)
                    + " FAIL 3 findings \\d+\\.\\d s").contains("hardening: shard ");
            assertThat(goodShard.output()).containsPattern("hardening: \\[1/\\d] " + "(" + names.get(1) + "|"
                    + names.get(2) + ") ok \\d+\\.\\d s");

            MavenRun merge = MavenRun.in(dir, MavenRun.pluginGoal("merge"), "-Dhardening.inputs=shards/*/hardening.json",
                    "-Dhardening.reportDir=merged");

            assertThat(merge.exitCode()).as(merge.output()).isEqualTo(1);
            assertThat(merge.output()).contains("hardening: merged 2 report(s): 3 host(s), ")
                    .contains("hardening gate FAILED: 9 checks on 3 hosts: 8 passed, 1 failed")
                    .contains(names.get(0) + " ssh.key-only: 3 problems: password authentication is enabled globally");
            assertThat(hostsIn(dir.resolve("merged/hardening.json"))).containsExactlyInAnyOrderElementsOf(names);
            JsonNode merged = new ObjectMapper().readTree(dir.resolve("merged/hardening.json").toFile());
            assertThat(merged.get("passed").booleanValue()).isFalse();
            String junit = Files.readString(dir.resolve("merged/TEST-hardening.xml"));
            for (String name : names) {
                assertThat(junit).contains("<testsuite name=\"" + name + "\"");
            }
            assertThat(Files.readString(dir.resolve("merged/hardening.sarif"))).contains("password authentication");
            assertThat(Files.readString(dir.resolve("merged/hardening.html"))).contains(names.get(2));

            MavenRun goodOnly = MavenRun.in(dir, MavenRun.pluginGoal("merge"), "-Dhardening.inputs=shards/"
                    + Shard.of(names.get(1), 2), "-Dhardening.reportDir=merged-good", "-Dhardening.formats=json");
            assertThat(goodOnly.exitCode()).as(goodOnly.output()).isZero();
            assertThat(dir.resolve("merged-good")).isDirectoryContaining("glob:**/hardening.json")
                    .isDirectoryNotContaining("glob:**/hardening.html");
        }
    }

    @Test
    void aShardThatIsNotKOfNIsABuildErrorSayingHowToWriteIt() throws Exception {
        for (String bad : List.of("0/2", "3/2", "x")) {
            MavenRun run = MavenRun.in(dir, MavenRun.pluginGoal(), "-Dhardening.shard=" + bad);
            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("hardening: bad configuration: hardening.shard: shard")
                    .contains("MojoExecutionException").doesNotContain("checking 1 host(s)");
        }
    }

    @Test
    void mergeInputsThatNameNoReportOrABrokenReportAreBuildErrors() throws Exception {
        MavenRun none = MavenRun.in(dir, MavenRun.pluginGoal("merge"), "-Dhardening.inputs=nowhere/*/hardening.json");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.output()).contains("hardening: bad configuration: hardening.inputs: 'nowhere/*/hardening.json'"
                + " names no hardening.json").contains("MojoExecutionException");

        Files.createDirectories(dir.resolve("broken"));
        Files.writeString(dir.resolve("broken/hardening.json"), "{\"schemaVersion\":1,\"passed\":true}");
        MavenRun broken = MavenRun.in(dir, MavenRun.pluginGoal("merge"), "-Dhardening.inputs=broken");
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.output()).contains("hardening: cannot merge: " + dir.resolve("broken/hardening.json")
                + ": $.durationMs: missing");
    }

    private MavenRun shard(Path policy, int k) throws Exception {
        return MavenRun.in(dir, MavenRun.pluginGoal(), "-Dhardening.policy=" + policy, "-Dhardening.shard=" + k + "/2",
                "-Dhardening.reportDir=shards/" + k, "-Dhardening.checks=ssh.*");
    }

    /** Three host names, the first in one shard of two and the others split so that each shard has a host. */
    private static List<String> namesInBothShards() {
        List<String> names = new ArrayList<>();
        names.add("weak1");
        int weakShard = Shard.of("weak1", 2);
        for (int i = 1; names.size() < 3; i++) {
            String name = "good" + i;
            boolean wantOther = names.size() == 1;
            if ((Shard.of(name, 2) != weakShard) == wantOther) {
                names.add(name);
            }
        }
        return names;
    }

    private static List<String> hostsIn(Path report) throws Exception {
        JsonNode root = new ObjectMapper().readTree(report.toFile());
        List<String> hosts = new ArrayList<>();
        root.get("results").forEach(r -> {
            if (!hosts.contains(r.get("host").textValue())) {
                hosts.add(r.get("host").textValue());
            }
        });
        return hosts;
    }
}
