package dev.hardening.core.facts.packages;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How old the host's package index is, by the host's own clock: the newest of the index files and
 * update stamps, against the time the host reports.
 *
 * @param hostNow the host's clock ({@code date +%s}), in seconds since the epoch
 * @param files the index files and stamps found, with their modification times
 */
public record PackageIndexAge(long hostNow, List<TimestampedFile> files) {

    /** A file and its modification time in seconds since the epoch. */
    public record TimestampedFile(long modified, String path) {
    }

    public PackageIndexAge {
        files = List.copyOf(files);
    }

    /**
     * Parses a first line with the host's {@code date +%s}, then one {@code stat -c '%Y %n'} line per file.
     *
     * @throws IllegalArgumentException when the first line is not a number or a later line is not {@code SECONDS PATH}
     */
    public static PackageIndexAge parse(String output) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("no output where the host's clock (date +%s) was expected");
        }
        long now = number(lines.get(0), "the host's clock (date +%s)");
        List<TimestampedFile> files = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.strip().split(" ", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected 'SECONDS PATH' from stat, got '" + line + "'");
            }
            files.add(new TimestampedFile(number(parts[0], "a modification time from stat"), parts[1]));
        }
        return new PackageIndexAge(now, files);
    }

    /** The most recently modified file: when the index was last known to be fetched. */
    public Optional<TimestampedFile> newest() {
        return files.stream().max(Comparator.comparingLong(TimestampedFile::modified));
    }

    /** Whole hours since the newest file was modified (0 when its time is ahead of the host's clock); empty without files. */
    public Optional<Long> ageHours() {
        return newest().map(f -> Math.max(0, hostNow - f.modified()) / 3600);
    }

    /** True when there is no index or its newest file is more than {@code maxHours} old. */
    public boolean olderThan(int maxHours) {
        return newest().map(f -> hostNow - f.modified() > maxHours * 3600L).orElse(true);
    }

    private static long number(String text, String what) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + what + " in seconds, got '" + text.strip() + "'");
        }
    }
}
