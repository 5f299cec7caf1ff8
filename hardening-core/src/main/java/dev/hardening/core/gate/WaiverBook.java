package dev.hardening.core.gate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Status;
import dev.hardening.core.policy.Waiver;

/**
 * The policy's waivers applied host by host as hosts finish (from several workers at once), remembering
 * which were used so the run can report the unused and the expired ones at the end.
 */
final class WaiverBook {
    /** How a note on a waiver that matched nothing starts. */
    static final String UNUSED_NOTE = "unused waiver: ";
    private final List<Waiver> waivers;
    private final LocalDate today;
    private final Set<Waiver> used = ConcurrentHashMap.newKeySet();

    WaiverBook(List<Waiver> waivers, LocalDate today) {
        this.waivers = List.copyOf(waivers);
        this.today = today;
    }

    /** The findings with each FAIL a live waiver covers turned WAIVED; an expired one is named on the FAIL. */
    List<Finding> apply(List<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            out.add(f.status() == Status.FAIL ? decide(f) : f);
        }
        return out;
    }

    private Finding decide(Finding f) {
        Finding decided = f;
        for (Waiver w : waivers) {
            if (!w.covers(f)) {
                continue;
            }
            used.add(w);
            if (w.isExpired(today)) {
                decided = f.withStatus(Status.FAIL, f.message() + " (waiver expired " + w.expires() + ": "
                        + w.reason() + ")");
            } else {
                return f.withStatus(Status.WAIVED, f.message() + " (waived until " + w.expires() + ": "
                        + w.reason() + ")");
            }
        }
        return decided;
    }

    /** One line per waiver that matched no failure or has expired, in the policy's order. */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        for (Waiver w : waivers) {
            if (!used.contains(w)) {
                notes.add(UNUSED_NOTE + w.check() + " on " + w.host() + " " + w.describe()
                        + " matched no failure");
            } else if (w.isExpired(today)) {
                notes.add("expired waiver: " + w.check() + " on " + w.host() + " " + w.describe()
                        + " expired " + w.expires() + " and no longer applies");
            }
        }
        return notes;
    }
}
