package dev.hardening.core.host.agent;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

import com.hierynomus.sshj.key.KeyAlgorithm;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;
import net.schmizz.sshj.userauth.method.AuthMethod;

import dev.hardening.core.host.HostException;

/**
 * sshj's {@code publickey} method for one key of an ssh-agent: it offers the public key, and when the
 * server accepts it, the agent signs the session's request; the private key stays in the agent.
 */
public final class AgentKeyAuthentication extends AbstractAuthMethod {
    private final SshAgent agent;
    private final AgentProtocol.Identity identity;
    private final KeyType type;

    private AgentKeyAuthentication(SshAgent agent, AgentProtocol.Identity identity, KeyType type) {
        super("publickey");
        this.agent = agent;
        this.identity = identity;
        this.type = type;
    }

    /** One method per key of the agent that sshj can name; keys of other types (security keys) are left out. */
    public static List<AuthMethod> of(SshAgent agent, List<AgentProtocol.Identity> identities) {
        List<AuthMethod> methods = new ArrayList<>();
        for (AgentProtocol.Identity identity : identities) {
            try {
                PublicKey key = new Buffer.PlainBuffer(identity.blob()).readPublicKey();
                KeyType type = KeyType.fromKey(key);
                if (type != KeyType.UNKNOWN) {
                    methods.add(new AgentKeyAuthentication(agent, identity, type));
                }
            } catch (Buffer.BufferException | RuntimeException e) {
                // a key type sshj cannot read (sk-*@openssh.com) cannot sign a request sshj sends
            }
        }
        return methods;
    }

    @Override
    protected SSHPacket buildReq() throws UserAuthException {
        return request(false, algorithm());
    }

    private SSHPacket request(boolean signed, String algorithm) throws UserAuthException {
        return super.buildReq().putBoolean(signed).putString(algorithm).putString(identity.blob());
    }

    @Override
    public void handle(Message cmd, SSHPacket buf) throws UserAuthException, TransportException {
        if (cmd == Message.USERAUTH_60) {
            sendSigned();
        } else {
            super.handle(cmd, buf);
        }
    }

    /** The server accepts the key: the agent signs session id and request, as RFC 4252 section 7 asks. */
    private void sendSigned() throws UserAuthException, TransportException {
        String algorithm = algorithm();
        SSHPacket request = request(true, algorithm);
        byte[] data = new Buffer.PlainBuffer().putString(params.getTransport().getSessionID()).putBuffer(request)
                .getCompactData();
        try {
            request.putString(agent.sign(identity.blob(), data, flags(algorithm)));
        } catch (HostException e) {
            throw new UserAuthException(e.getMessage(), e);
        }
        params.getTransport().write(request);
    }

    /** The signature algorithm the transport chose for the key's type (rsa-sha2-512 for RSA where the server takes it). */
    private String algorithm() throws UserAuthException {
        try {
            List<KeyAlgorithm> algorithms = params.getTransport().getClientKeyAlgorithms(type);
            return algorithms.isEmpty() ? type.toString() : algorithms.get(0).getKeyAlgorithm();
        } catch (TransportException e) {
            throw new UserAuthException("no signature algorithm for the agent's " + type + " key", e);
        }
    }

    private static int flags(String algorithm) {
        return switch (algorithm) {
            case "rsa-sha2-512" -> AgentProtocol.RSA_SHA2_512;
            case "rsa-sha2-256" -> AgentProtocol.RSA_SHA2_256;
            default -> 0;
        };
    }

    @Override
    public String toString() {
        return "agent key " + type + " " + identity.comment();
    }
}
