package dev.hardening.core.util;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IPv4 or IPv6 network such as {@code 10.0.0.0/8} or {@code fc00::/7}. */
public record Cidr(InetAddress network, int prefixLength) {

    public Cidr {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range 0-" + bits);
        }
    }

    /** Parses {@code address/prefix}; a bare address is a single-host network. */
    public static Cidr parse(String text) {
        String[] parts = text.strip().split("/", -1);
        InetAddress address = IpAddresses.parse(parts[0])
                .orElseThrow(() -> new IllegalArgumentException("not an IP network: '" + text + "'"));
        int bits = address.getAddress().length * 8;
        if (parts.length > 2) {
            throw new IllegalArgumentException("not an IP network: '" + text + "'");
        }
        int prefix;
        try {
            prefix = parts.length == 1 ? bits : Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IP network: '" + text + "' (bad prefix length)");
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("not an IP network: '" + text + "' (prefix length 0-" + bits + ")");
        }
        return new Cidr(address, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] net = network.getAddress();
        byte[] candidate = address.getAddress();
        if (net.length != candidate.length) {
            return false;
        }
        int full = prefixLength / 8;
        if (!Arrays.equals(net, 0, full, candidate, 0, full)) {
            return false;
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (net[full] & mask) == (candidate[full] & mask);
    }

    /** An address inside the network that is not the network address itself where there is room. */
    public InetAddress sampleAddress() {
        byte[] base = network.getAddress();
        int bits = base.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .shiftRight(prefixLength).not();
        BigInteger value = new BigInteger(1, base).and(mask);
        if (bits - prefixLength >= 2) {
            value = value.add(BigInteger.ONE);
        }
        byte[] raw = value.toByteArray();
        byte[] out = new byte[base.length];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }

    @Override
    public String toString() {
        return IpAddresses.format(network) + "/" + prefixLength;
    }
}
