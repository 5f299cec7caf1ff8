package dev.hardening.core.gate;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.Policy;

/**
 * One of {@code count} shards of a policy's hosts, for CI matrix jobs that each gate a part of a fleet
 * ({@code -Dhardening.shard=2/4}). A host belongs to exactly one shard, chosen by its name alone, so the
 * split is the same on every machine and run, and adding a host moves no other host:
 * shard = 1 + (the first 8 bytes of SHA-256 of the name's UTF-8 bytes, as an unsigned big-endian
 * number) mod {@code count}.
 *
 * @param index 1-based, at most {@code count}
 * @param count how many shards the hosts are split into
 */
public record Shard(int index, int count) {
    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " does not exist: write K/N with "
                    + "1 <= K <= N, e.g. 1/4 ... 4/4 for a matrix of four jobs");
        }
    }

    /** Parses {@code K/N}, e.g. {@code 2/4}; anything else is an error saying how to write it. */
    public static Shard parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("shard '" + text + "' is not K/N: write the 1-based shard number "
                    + "and the number of shards, e.g. 2/4 for the second of four jobs");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The shard (1 to {@code count}) a host of this name belongs to. */
    public static int of(String hostName, int count) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(hostName.getBytes(StandardCharsets.UTF_8));
            return 1 + (int) Long.remainderUnsigned(ByteBuffer.wrap(digest, 0, 8).getLong(), count);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public boolean contains(HostSpec host) {
        return of(host.name(), count) == index;
    }

    /** The policy with only this shard's hosts (possibly none: a small fleet leaves some shards empty). */
    public Policy apply(Policy policy) {
        return policy.withHosts(policy.hosts().stream().filter(this::contains).toList());
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
