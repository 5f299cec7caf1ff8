package dev.hardening.core.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;
import dev.hardening.core.model.Subject;

/**
 * Problems of one check on one host as people read them: one finding as it is, or several findings of
 * the same status about subjects of the same kind (37 packages, 3 ports) as one headline, the evidence
 * they all share once, and one combined fix where their fixes differ only in the subject's name.
 *
 * @param members the findings in the group, in the check's order; never empty
 */
public record FindingGroup(String host, CheckId check, Status status, List<Finding> members) {
    /** How many subjects a headline names before "and N more". */
    public static final int LISTED = 10;
    private static final Map<String, String> PLURALS = Map.of("package", "updates pending", "port", "public ports",
            "file", "config lines", "certificate", "certificates", "rule", "firewall rules", "setting", "settings");

    public FindingGroup {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a group has at least one finding");
        }
    }

    /**
     * The problems (FAIL, ERROR, WAIVED) among one host's findings of one check, grouped: findings of one
     * status whose subjects are of one kind other than the host form one group when there are two or
     * more of them; every other problem is a group of its own. Groups keep the order of their first member.
     */
    public static List<FindingGroup> of(List<Finding> cell) {
        Map<String, List<Finding>> byKind = new LinkedHashMap<>();
        for (Finding f : cell) {
            if (!isProblem(f.status())) {
                continue;
            }
            String key = f.subject() instanceof Subject.Host ? "single:" + byKind.size()
                    : f.status() + ":" + f.subject().kind();
            byKind.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        return byKind.values().stream()
                .map(members -> new FindingGroup(members.get(0).host(), members.get(0).check(),
                        members.get(0).status(), members))
                .toList();
    }

    /** FAIL, ERROR and WAIVED are problems a report lists; PASS and SKIPPED are not. */
    public static boolean isProblem(Status status) {
        return status == Status.FAIL || status == Status.ERROR || status == Status.WAIVED;
    }

    public boolean isSingle() {
        return members.size() == 1;
    }

    /** The most severe member's severity. */
    public Severity severity() {
        return members.stream().map(Finding::severity).max(Comparator.naturalOrder()).orElseThrow();
    }

    /**
     * One line: the finding's message, or {@code 37 updates pending: openssl 3.0.11-1 -> 3.0.15-1, ...
     * and 27 more}. Host text is not sanitized here: writers do that for their medium.
     */
    public String headline() {
        if (isSingle()) {
            return members.get(0).message();
        }
        String kind = members.get(0).subject().kind();
        List<String> labels = members.stream().map(f -> f.subject().label()).toList();
        String listed = String.join(", ", labels.subList(0, Math.min(LISTED, labels.size())));
        String more = labels.size() > LISTED ? " and " + (labels.size() - LISTED) + " more" : "";
        return members.size() + " " + PLURALS.getOrDefault(kind, kind + " findings")
                + (status == Status.FAIL ? "" : " (" + status + ")") + ": " + listed + more;
    }

    /** The evidence lines every member has (the interface list under every public port), in first-seen order. */
    public List<String> sharedEvidence() {
        if (isSingle()) {
            return members.get(0).evidence();
        }
        Set<String> shared = new LinkedHashSet<>(members.get(0).evidence());
        members.forEach(m -> shared.retainAll(Set.copyOf(m.evidence())));
        return List.copyOf(shared);
    }

    /** A member's evidence without the lines every member shares. */
    public List<String> ownEvidence(Finding member) {
        if (isSingle()) {
            return List.of();
        }
        Set<String> shared = Set.copyOf(sharedEvidence());
        return member.evidence().stream().filter(e -> !shared.contains(e)).toList();
    }

    /**
     * The fixes to apply: one combined command where every member's fix is the same command ending in a
     * different subject name ({@code apt-get install --only-upgrade a b c}), else each distinct fix once.
     */
    public List<String> fixes() {
        List<String> distinct = members.stream().map(Finding::remediation).filter(r -> !r.isBlank()).distinct()
                .toList();
        if (distinct.size() < 2) {
            return distinct;
        }
        String first = members.get(0).remediation();
        String prefix = first.substring(0, first.lastIndexOf(' ') + 1);
        if (prefix.isEmpty()) {
            return distinct;
        }
        List<String> words = new ArrayList<>();
        for (Finding member : members) {
            String fix = member.remediation();
            String word = fix.startsWith(prefix) ? fix.substring(prefix.length()) : "";
            if (word.isEmpty() || !member.subject().fields().containsValue(word) || word.chars().anyMatch(Character::isWhitespace)) {
                return distinct;
            }
            if (!words.contains(word)) {
                words.add(word);
            }
        }
        return List.of(prefix + String.join(" ", words));
    }
}
