package dev.hardening.core.gather;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/** One TLS handshake with the JDK's client, to see the chain a server sends as Java clients see it. */
final class JsseChainCapture {

    sealed interface Outcome {
    }

    record Captured(List<X509Certificate> chain, String protocol, String cipherSuite) implements Outcome {
    }

    /** Nothing speaks TLS there: nothing listens, no answer in time, or another protocol answered. */
    record NoTlsService(String reason) implements Outcome {
    }

    /** Something answered like TLS but the JDK client could not agree with it (e.g. legacy versions only). */
    record HandshakeFailed(String reason) implements Outcome {
    }

    private JsseChainCapture() {
    }

    static Outcome capture(InetSocketAddress address, Optional<String> sni, Duration timeout) {
        String where = address.getHostString() + ":" + address.getPort();
        int millis = (int) timeout.toMillis();
        RecordingSocket raw = new RecordingSocket();
        try (raw) {
            raw.connect(address, millis);
            raw.setSoTimeout(millis);
            try (SocketDeadline deadline = SocketDeadline.arm(raw, timeout)) {
                return handshake(raw, address, sni, where, deadline, timeout);
            }
        } catch (ConnectException e) {
            return new NoTlsService("nothing listens on " + where + " (" + e.getMessage() + ")");
        } catch (UnknownHostException e) {
            return new NoTlsService("cannot resolve " + address.getHostString() + " (for " + where + ")");
        } catch (SocketTimeoutException e) {
            return new NoTlsService("cannot connect to " + where + " within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            return new NoTlsService("cannot connect to " + where + ": " + e.getMessage());
        }
    }

    private static Outcome handshake(RecordingSocket raw, InetSocketAddress address, Optional<String> sni,
            String where, SocketDeadline deadline, Duration timeout) {
        try (SSLSocket ssl = (SSLSocket) recordOnlyContext().getSocketFactory()
                .createSocket(raw, address.getHostString(), address.getPort(), false)) {
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setServerNames(sni.<List<javax.net.ssl.SNIServerName>>map(n -> List.of(new SNIHostName(n)))
                    .orElse(List.of()));
            ssl.setSSLParameters(parameters);
            ssl.startHandshake();
            SSLSession session = ssl.getSession();
            List<X509Certificate> chain = Arrays.stream(session.getPeerCertificates())
                    .map(X509Certificate.class::cast).toList();
            return new Captured(chain, session.getProtocol(), session.getCipherSuite());
        } catch (SocketTimeoutException e) {
            return noAnswer(raw, where, timeout);
        } catch (IOException e) {
            if (raw.answeredWithoutTls()) {
                return new NoTlsService("the service on " + where + " does not speak TLS: it answered the TLS "
                        + "ClientHello with '" + raw.firstLine() + "'");
            }
            if (deadline.fired()) {
                return noAnswer(raw, where, timeout);
            }
            return new HandshakeFailed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Outcome noAnswer(RecordingSocket raw, String where, Duration timeout) {
        return new NoTlsService(raw.answeredWithoutTls()
                ? "the service on " + where + " does not speak TLS: it sent '" + raw.firstLine() + "'"
                : "no TLS handshake with " + where + " within " + timeout.toSeconds() + " s (the service accepted "
                        + "the connection but did not answer the TLS ClientHello: is it a TLS service?)");
    }

    private static SSLContext recordOnlyContext() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new RecordOnlyTrustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("the JDK offers no TLS client: " + e.getMessage(), e);
        }
    }

    /**
     * Decides nothing: this handshake only captures the chain, which {@code tls.chain} then validates
     * with PKIX, and the connection carries no data. Being an extended trust manager keeps the JDK
     * from applying its own algorithm policy, so weak chains are still seen and reported by our rules.
     */
    private static final class RecordOnlyTrustManager extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // recorded through the session; judged later
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // recorded through the session; judged later
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // recorded through the session; judged later
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
