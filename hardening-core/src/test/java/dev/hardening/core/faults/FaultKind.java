package dev.hardening.core.faults;

/**
 * What a hostile or broken SSH endpoint does, and the words the gate's message must contain for it.
 * Every kind sends a bounded amount and stops when the client goes away.
 */
enum FaultKind {
    BANNER_NEVER_SENT("no SSH banner from", "nothing received"),
    NON_BANNER_LINES_FOREVER("is not SSH", "more than 1024 lines before an SSH identification"),
    NON_BANNER_LINES_TRICKLED("no SSH banner from", "none an SSH identification (it sent 'NOTICE line"),
    ENDLESS_LINE("is not SSH", "a line of more than 1024 bytes"),
    SLOW_BYTE_BY_BYTE_BANNER("no SSH banner from", "0 complete lines received"),
    CLOSE_AFTER_BANNER("closed the connection", "key exchange"),
    SILENCE_AFTER_BANNER("the SSH key exchange with", "did not complete within"),
    CLOSE_DURING_KEY_EXCHANGE("closed the connection", "key exchange"),
    BINARY_BURST("is not SSH", "SSH identification"),
    REFUSED("connection refused", "cannot connect to");

    private final String says;
    private final String andSays;

    FaultKind(String says, String andSays) {
        this.says = says;
        this.andSays = andSays;
    }

    /** Words the host's connection error must contain. */
    String[] expectedWords() {
        return new String[] {says, andSays};
    }
}
