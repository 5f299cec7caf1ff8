package dev.hardening.core.gather;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Vector;
import java.util.stream.IntStream;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.ServerOnlyTlsAuthentication;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import dev.hardening.core.facts.tls.ProtocolProbe;
import dev.hardening.core.facts.tls.TlsProtocol;

/**
 * Offers an endpoint one protocol version at a time with BouncyCastle's low-level TLS client, which
 * (unlike the JDK's) can still speak SSLv3 to TLS 1.1, and needs no JVM-wide setting to do so.
 */
final class ProtocolProber {
    private static final Map<TlsProtocol, ProtocolVersion> VERSIONS = Map.of(
            TlsProtocol.SSL_3, ProtocolVersion.SSLv3,
            TlsProtocol.TLS_1_0, ProtocolVersion.TLSv10,
            TlsProtocol.TLS_1_1, ProtocolVersion.TLSv11,
            TlsProtocol.TLS_1_2, ProtocolVersion.TLSv12,
            TlsProtocol.TLS_1_3, ProtocolVersion.TLSv13);
    /** Offered next to BouncyCastle's defaults, so a legacy server that knows only these is not taken for refusing. */
    private static final int[] LEGACY_SUITES = {
            CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA,
            CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA,
            CipherSuite.TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA,
            CipherSuite.TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA,
            CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA};

    /** A probe and, when the version was accepted, the certificates the server sent with it. */
    record Outcome(ProtocolProbe probe, List<X509Certificate> certificates) {
    }

    private ProtocolProber() {
    }

    static Outcome probe(InetSocketAddress address, Optional<String> sni, TlsProtocol protocol, Duration timeout) {
        int millis = (int) timeout.toMillis();
        ProbeClient client = new ProbeClient(VERSIONS.get(protocol), sni);
        try (Socket socket = new Socket()) {
            socket.connect(address, millis);
            socket.setSoTimeout(millis);
            try (SocketDeadline deadline = SocketDeadline.arm(socket, timeout)) {
                return handshake(socket, client, protocol, deadline, timeout);
            }
        } catch (IOException e) {
            return new Outcome(new ProtocolProbe.Inconclusive(protocol, "cannot connect: " + e.getMessage()), List.of());
        }
    }

    private static Outcome handshake(Socket socket, ProbeClient client, TlsProtocol protocol, SocketDeadline deadline,
            Duration timeout) {
        TlsClientProtocol tls = null;
        String refusal;
        try {
            tls = new TlsClientProtocol(socket.getInputStream(), socket.getOutputStream());
            tls.connect(client);
            refusal = null;
        } catch (TlsFatalAlertReceived e) {
            refusal = "the server answered with alert " + AlertDescription.getName(e.getAlertDescription());
        } catch (TlsFatalAlert e) {
            refusal = e.getAlertDescription() == AlertDescription.protocol_version
                    ? "the server answered with a different protocol version"
                    : "the probe could not use the server's answer (" + AlertDescription.getName(
                            e.getAlertDescription()) + ")";
        } catch (EOFException e) {
            refusal = "the server closed the connection";
        } catch (SocketTimeoutException e) {
            return inconclusive(client, protocol, "no answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            if (deadline.fired()) {
                return inconclusive(client, protocol, "the handshake did not finish within " + timeout.toSeconds() + " s");
            }
            refusal = "the connection failed: " + e.getMessage();
        } finally {
            closeQuietly(tls);
        }
        if (client.agreed()) {
            // the ServerHello named the version: the server accepts it, even if the rest of the handshake failed
            return new Outcome(new ProtocolProbe.Accepted(protocol, "ServerHello " + protocol + ", cipher suite 0x"
                    + String.format("%04X", client.cipherSuite) + (refusal == null ? "" : "; then " + refusal)),
                    client.certificates);
        }
        return new Outcome(new ProtocolProbe.Refused(protocol, refusal), List.of());
    }

    private static Outcome inconclusive(ProbeClient client, TlsProtocol protocol, String reason) {
        if (client.agreed()) {
            return new Outcome(new ProtocolProbe.Accepted(protocol, "ServerHello " + protocol + ", then " + reason),
                    client.certificates);
        }
        return new Outcome(new ProtocolProbe.Inconclusive(protocol, reason), List.of());
    }

    private static void closeQuietly(TlsClientProtocol tls) {
        if (tls == null) {
            return;
        }
        try {
            tls.close();
        } catch (IOException e) {
            // the socket is closed right after
        }
    }

    /** A client that offers exactly one version, records what the server answers, and trusts nothing it is sent. */
    private static final class ProbeClient extends DefaultTlsClient {
        private final ProtocolVersion offered;
        private final Optional<String> sni;
        private Optional<ProtocolVersion> serverVersion = Optional.empty();
        private int cipherSuite = -1;
        private List<X509Certificate> certificates = List.of();

        ProbeClient(ProtocolVersion offered, Optional<String> sni) {
            super(new BcTlsCrypto(new SecureRandom()));
            this.offered = offered;
            this.sni = sni;
        }

        boolean agreed() {
            return serverVersion.filter(offered::equals).isPresent();
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return new ProtocolVersion[] {offered};
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            int[] offered = IntStream.concat(IntStream.of(super.getSupportedCipherSuites()), IntStream.of(LEGACY_SUITES))
                    .distinct().toArray();
            return TlsUtils.getSupportedCipherSuites(getCrypto(), offered);
        }

        @Override
        protected Vector<ServerName> getSNIServerNames() {
            Vector<ServerName> names = new Vector<>();
            sni.ifPresent(n -> names.add(new ServerName(NameType.host_name, n.getBytes(StandardCharsets.US_ASCII))));
            return names.isEmpty() ? null : names;
        }

        @Override
        public void notifyServerVersion(ProtocolVersion version) throws IOException {
            serverVersion = Optional.of(version);
            super.notifyServerVersion(version);
        }

        @Override
        public void notifySelectedCipherSuite(int selected) {
            cipherSuite = selected;
            super.notifySelectedCipherSuite(selected);
        }

        /** The probe only asks which versions are accepted; the chain is judged by tls.chain. */
        @Override
        public boolean shouldCheckSigAlgOfPeerCerts() {
            return false;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new ServerOnlyTlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    certificates = decode(serverCertificate.getCertificate().getCertificateList());
                }
            };
        }

        private static List<X509Certificate> decode(TlsCertificate[] sent) throws IOException {
            List<X509Certificate> decoded = new ArrayList<>();
            try {
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                for (TlsCertificate cert : sent) {
                    decoded.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(cert.getEncoded())));
                }
            } catch (CertificateException e) {
                throw new IOException("the server sent a certificate that is not X.509: " + e.getMessage(), e);
            }
            return decoded;
        }
    }
}
