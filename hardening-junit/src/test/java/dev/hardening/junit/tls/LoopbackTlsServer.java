package dev.hardening.junit.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A JDK TLS server on 127.0.0.1 that sends exactly the given chain, however broken, with the given
 * key: each connection gets a handshake and is closed. {@link #close()} stops it.
 */
final class LoopbackTlsServer implements AutoCloseable {
    private final SSLServerSocket server;
    private final Thread acceptor;

    private LoopbackTlsServer(SSLServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::serve, "loopback-tls-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static LoopbackTlsServer serving(List<X509Certificate> chain, KeyPair key) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new FixedChain(chain.toArray(X509Certificate[]::new), key.getPrivate())},
                    null, null);
            SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 10, InetAddress.getLoopbackAddress());
            return new LoopbackTlsServer(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (SSLSocket client = (SSLSocket) server.accept()) {
                client.setSoTimeout(5_000);
                client.startHandshake();
                InputStream in = client.getInputStream();
                in.read(); // until the client closes
            } catch (IOException e) {
                // a probe that gives up mid-handshake, or the server closing
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Always answers with the one chain, so the JDK applies none of its own choices to it. */
    private static final class FixedChain extends X509ExtendedKeyManager {
        private static final String ALIAS = "server";
        private final X509Certificate[] chain;
        private final PrivateKey key;

        FixedChain(X509Certificate[] chain, PrivateKey key) {
            this.chain = chain;
            this.key = key;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return chooseServerAlias(keyType, issuers, (Socket) null);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return keyType.equals(chain[0].getPublicKey().getAlgorithm()) ? ALIAS : null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return chain.clone();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
