package dev.hardening.core.facts.packages;

/**
 * Where a package manager keeps the index whose age proves that no update is pending, and how it is
 * refreshed on that OS.
 *
 * @param files the index files whose modification times count, as a pattern, for messages
 * @param refreshFix what to run (or configure) so the index stays fresh, with the exact commands
 */
public record IndexSource(String files, String refreshFix) {
}
