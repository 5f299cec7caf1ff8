package dev.hardening.core.facts.net;

/**
 * A process holding a socket open.
 *
 * @param fd the file descriptor number, or -1 where the source does not tell it
 */
public record ProcessRef(int pid, String name, int fd) {

    /** As {@code ss -p} prints it: {@code ("postgres",pid=39,fd=3)}. */
    public String describe() {
        return "(\"" + name + "\",pid=" + pid + (fd >= 0 ? ",fd=" + fd : "") + ")";
    }
}
