package dev.hardening.core.gate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hardening.core.model.Finding;

/**
 * One verdict over the results of several runs that each gated other hosts (the shards of a CI matrix),
 * as if one run had gated them all.
 */
public final class MergedResult {
    private MergedResult() {
    }

    /**
     * Findings and host runs in the order of {@code parts}; the verdict decided anew under {@code options};
     * the run spans from the earliest start to the latest end. A waiver is unused only when every part
     * says so (each shard sees only its own hosts); other notes are kept once.
     *
     * @param names what each part is called in messages (its file), in the same order
     * @throws IllegalArgumentException when a host has findings in two parts: each host belongs in one shard
     */
    public static GateResult of(List<GateResult> parts, List<String> names, GateOptions options) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge: no result was given");
        }
        Map<String, String> hostIn = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        List<HostRun> hosts = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            GateResult part = parts.get(i);
            String name = names.get(i);
            for (String host : hostsOf(part)) {
                String first = hostIn.putIfAbsent(host, name);
                if (first != null) {
                    throw new IllegalArgumentException("host '" + host + "' is in both " + first + " and " + name
                            + ": merge the reports of runs that gated different hosts (the shards of one matrix), "
                            + "not two runs of the same hosts");
                }
            }
            findings.addAll(part.findings());
            hosts.addAll(part.hosts());
        }
        Instant started = parts.stream().map(GateResult::started).min(Comparator.naturalOrder()).orElseThrow();
        Instant ended = parts.stream().map(GateResult::ended).max(Comparator.naturalOrder()).orElseThrow();
        return new GateResult(Verdict.of(findings, options), started, ended.toEpochMilli() - started.toEpochMilli(),
                findings, notes(parts), hosts);
    }

    private static Set<String> hostsOf(GateResult part) {
        Set<String> hosts = new LinkedHashSet<>();
        part.findings().forEach(f -> hosts.add(f.host()));
        part.hosts().forEach(h -> hosts.add(h.host()));
        return hosts;
    }

    private static List<String> notes(List<GateResult> parts) {
        Set<String> notes = new LinkedHashSet<>();
        for (GateResult part : parts) {
            for (String note : part.waiverNotes()) {
                if (!note.startsWith(WaiverBook.UNUSED_NOTE) || parts.stream().allMatch(p -> p.waiverNotes().contains(note))) {
                    notes.add(note);
                }
            }
        }
        return List.copyOf(notes);
    }
}
