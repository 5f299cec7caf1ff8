package dev.hardening.core.facts.firewall;

/**
 * What makes a chain a base chain: the hook it is attached to and where on that hook.
 *
 * @param type {@code filter}, {@code nat}, {@code route}
 * @param hook {@code input}, {@code forward}, {@code prerouting}, ... (iptables' {@code INPUT} is {@code input})
 * @param priority lower runs first; iptables' tables have fixed ones (mangle -150, filter 0, nat input 100)
 * @param header the chain's own line as the tool prints it, for the evidence
 */
public record Hook(String type, String hook, int priority, Policy policy, String header) {
}
