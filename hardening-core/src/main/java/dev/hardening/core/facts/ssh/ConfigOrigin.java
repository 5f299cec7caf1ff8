package dev.hardening.core.facts.ssh;

/** Where a configuration line stands: file and 1-based line number. */
public record ConfigOrigin(String file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
