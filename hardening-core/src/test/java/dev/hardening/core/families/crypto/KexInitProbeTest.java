package dev.hardening.core.families.crypto;

import static dev.hardening.core.families.crypto.CryptoFixtures.identification;
import static dev.hardening.core.families.crypto.CryptoFixtures.packet;
import static dev.hardening.core.families.crypto.CryptoFixtures.serverHello;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class KexInitProbeTest {
    private static final Duration DEADLINE = Duration.ofSeconds(1);
    /** The deadline plus scheduling slack on a busy machine: a probe that waits longer is not bounded. */
    private static final long MAX_MILLIS = 2500;
    private static final byte[] HELLO = serverHello("default");
    private static final byte[] IDENTIFICATION_LINE =
            (identification(HELLO) + "\r\n").getBytes(StandardCharsets.US_ASCII);

    @Test
    void realServerHelloGivesItsKexinitAndTheProbeIdentifiesItself() throws Exception {
        AtomicReference<String> clientLine = new AtomicReference<>();
        try (var server = LoopbackServer.serving((in, out) -> {
            out.write(IDENTIFICATION_LINE);
            out.flush();
            clientLine.set(LoopbackServer.readLine(in));
            out.write(packet(HELLO));
            out.flush();
            in.read();
        })) {
            Observation<KexInit> seen = probe(server.port());

            assertThat(seen).isEqualTo(Observation.seen("wire 127.0.0.1:" + server.port(), CryptoFixtures.kexInit("default")));
            assertThat(clientLine.get()).isEqualTo("SSH-2.0-hardening_probe\r\n");
        }
    }

    @Test
    void linesBeforeTheIdentificationAreSkipped() throws Exception {
        try (var server = LoopbackServer.serving((in, out) -> {
            out.write("Welcome to the bastion\r\nauthorised use only\n".getBytes(StandardCharsets.US_ASCII));
            out.write(HELLO);
            in.read();
        })) {
            assertThat(probe(server.port())).isInstanceOf(Observation.Seen.class);
        }
    }

    @Test
    void silentServerIsNoIdentificationWithinTheDeadline() throws Exception {
        try (var server = LoopbackServer.serving((in, out) -> in.read())) {
            assertThat(reasonWithinDeadline(server.port())).isEqualTo("no SSH identification within 1000 ms (nothing received)");
        }
    }

    @Test
    void endlessLinesThatAreNotSshStopAt1024() throws Exception {
        try (var server = LoopbackServer.serving((in, out) -> {
            while (true) {
                out.write("220 mail.example ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        })) {
            assertThat(reasonWithinDeadline(server.port()))
                    .isEqualTo("more than 1024 lines before an SSH identification: not SSH (it sent '220 mail.example ESMTP')");
        }
    }

    @Test
    void endlessLineWithoutNewlineStopsAt64KiB() throws Exception {
        try (var server = LoopbackServer.serving((in, out) -> {
            byte[] chunk = new byte[4096];
            Arrays.fill(chunk, (byte) 0x1b);
            while (true) {
                out.write(chunk);
            }
        })) {
            assertThat(reasonWithinDeadline(server.port())).isEqualTo(
                    "no SSH identification in the first 65536 bytes: not SSH (it sent '" + "\\x1b".repeat(64) + "...')");
        }
    }

    @Test
    void identificationTrickledByteByByteIsCutOffAtTheDeadline() throws Exception {
        try (var server = LoopbackServer.serving((in, out) -> {
            for (byte b : IDENTIFICATION_LINE) {
                out.write(b);
                out.flush();
                Thread.sleep(100);
            }
            in.read();
        })) {
            assertThat(reasonWithinDeadline(server.port()))
                    .matches("no SSH identification within 1000 ms \\(\\d+ bytes received, no complete identification line\\)");
        }
    }

    @Test
    void kexinitTrickledByteByByteIsCutOffAtTheDeadline() throws Exception {
        try (var server = LoopbackServer.serving((in, out) -> {
            out.write(IDENTIFICATION_LINE);
            out.flush();
            for (byte b : packet(HELLO)) {
                out.write(b);
                out.flush();
                Thread.sleep(20);
            }
        })) {
            assertThat(reasonWithinDeadline(server.port()))
                    .matches("KEXINIT not complete within 1000 ms \\(\\d+ of 1132 bytes\\)");
        }
    }

    @Test
    void closeAfterTheIdentificationIsSaid() throws Exception {
        try (var server = LoopbackServer.serving((in, out) -> out.write(IDENTIFICATION_LINE))) {
            assertThat(reasonWithinDeadline(server.port())).isEqualTo(
                    "the server closed the connection after its identification, before the end of its packet length");
        }
    }

    @Test
    void garbageLengthAfterTheIdentificationIsNotAnSshPacket() throws Exception {
        try (var server = LoopbackServer.serving((in, out) -> {
            out.write(IDENTIFICATION_LINE);
            out.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3});
            in.read();
        })) {
            assertThat(reasonWithinDeadline(server.port()))
                    .isEqualTo("the first packet claims 4294967295 bytes, more than 35000 (RFC 4253 6.1): not an SSH packet");
        }
    }

    @Test
    void packetThatIsNotAKexinitIsMalformed() throws Exception {
        byte[] garbage = packet(HELLO);
        Arrays.fill(garbage, 5, garbage.length, (byte) 0x41);
        try (var server = LoopbackServer.serving((in, out) -> {
            out.write(IDENTIFICATION_LINE);
            out.write(garbage);
            in.read();
        })) {
            assertThat(reasonWithinDeadline(server.port()))
                    .isEqualTo("the server's KEXINIT is malformed: first packet is message 65, not SSH_MSG_KEXINIT (20)");
        }
    }

    @Test
    void webServerAnsweringIsNotSshAndSaysWhatItSent() throws Exception {
        try (var server = LoopbackServer.serving((in, out) ->
                out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))) {
            assertThat(reasonWithinDeadline(server.port())).isEqualTo("the server closed the connection before an SSH"
                    + " identification, after 28 bytes: not SSH (it sent 'HTTP/1.1 400 Bad Request')");
        }
    }

    @Test
    void identificationLongerThan255BytesIsRejected() throws Exception {
        try (var server = LoopbackServer.serving((in, out) -> {
            out.write(("SSH-2.0-" + "x".repeat(300) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            in.read();
        })) {
            assertThat(reasonWithinDeadline(server.port()))
                    .isEqualTo("the SSH identification is longer than 255 bytes (RFC 4253 4.2)");
        }
    }

    @Test
    void protocolOneServerIsSaid() throws Exception {
        try (var server = LoopbackServer.serving((in, out) -> {
            out.write("SSH-1.5-1.2.27\n".getBytes(StandardCharsets.US_ASCII));
            in.read();
        })) {
            assertThat(reasonWithinDeadline(server.port())).isEqualTo("server speaks SSH protocol '1.5', not 2.0");
        }
    }

    @Test
    void portNobodyListensOnIsRefused() throws Exception {
        int port;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = unused.getLocalPort();
        }

        assertThat(reasonWithinDeadline(port)).isEqualTo("connection refused (nothing listens on 127.0.0.1:" + port + ")");
    }

    @Test
    void ipv6AddressIsBracketedInTheSource() {
        assertThat(KexInitProbe.source("::1", 22)).isEqualTo("wire [::1]:22");
    }

    private static Observation<KexInit> probe(int port) {
        return KexInitProbe.probe("127.0.0.1", port, DEADLINE);
    }

    private static String reasonWithinDeadline(int port) {
        long start = System.nanoTime();
        Observation<KexInit> result = probe(port);
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(millis).as("probe time in ms").isLessThan(MAX_MILLIS);
        assertThat(result).isInstanceOf(Observation.Unavailable.class);
        assertThat(result.source()).isEqualTo("wire 127.0.0.1:" + port);
        return ((Observation.Unavailable<KexInit>) result).reason();
    }
}
