package dev.hardening.core.facts.packages;

import java.util.List;

import dev.hardening.core.facts.FactKey;

/**
 * How a host updates itself, in the same shape for every package manager: what was found, the lines
 * that prove it, and each reason it does not install updates unattended, with the fix for that OS.
 *
 * @param found what the host has, in one sentence, e.g. {@code dnf-automatic-install.timer is enabled,
 *     so dnf-automatic downloads and installs updates}
 * @param evidence the lines that prove {@code found}
 * @param gaps why updates are not installed unattended; empty when they are
 */
public record AutoUpdateFacts(OsRelease os, String found, List<String> evidence, List<Gap> gaps) {
    /** The fact: whether the host installs updates by itself. */
    public static final FactKey<AutoUpdateFacts> KEY = FactKey.of("autoUpdates");

    /**
     * One reason updates are not installed unattended.
     *
     * @param problem what is missing or switched off, in one sentence
     * @param evidence the lines that prove it
     * @param fix the exact commands or configuration line for this OS
     */
    public record Gap(String problem, List<String> evidence, String fix) {
        public Gap {
            evidence = List.copyOf(evidence);
        }
    }

    public AutoUpdateFacts {
        evidence = List.copyOf(evidence);
        gaps = List.copyOf(gaps);
    }

    /** True when the host installs updates without anyone logging in. */
    public boolean appliesUpdates() {
        return gaps.isEmpty();
    }
}
