package dev.hardening.core.facts;

/** The facts of one host, gathered at most once and shared by every check. */
public interface HostFacts {

    /** The label of the host in reports. */
    String hostName();

    /**
     * The fact under this key: known, unknown with the reason (the check reports ERROR), or not
     * applicable (SKIPPED). A key no registered family gathers is unknown, never empty.
     */
    <T> Fact<T> get(FactKey<T> key);
}
