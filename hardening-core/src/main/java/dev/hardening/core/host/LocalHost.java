package dev.hardening.core.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.hardening.core.facts.ssh.AuthenticationOffer;

/** The machine running the gate ({@code address: local} in a policy). Commands run through {@code sh -c}. */
public final class LocalHost implements Host {
    private static final Path SSH_HOST_KEYS = Path.of("/etc/ssh");

    private final String name;
    private final boolean sudo;
    private final Timeouts timeouts;

    public LocalHost(String name, boolean sudo, Timeouts timeouts) {
        this.name = name;
        this.sudo = sudo;
        this.timeouts = timeouts;
    }

    public static LocalHost create() {
        return new LocalHost("local", false, Timeouts.DEFAULT);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CommandResult run(String command) throws HostException {
        Process process;
        try {
            process = new ProcessBuilder("sh", "-c", command).redirectInput(ProcessBuilder.Redirect.from(
                    new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new HostException("cannot start sh on the local machine: " + e.getMessage(), e);
        }
        return RunningCommand.collect(name, command, new LocalProcess(process), timeouts);
    }

    /** One process for the whole batch: the commands go to sh as one {@link FactScript} on its stdin. */
    @Override
    public BatchResult runAll(List<HostCommand> commands) {
        if (commands.size() < 2) {
            return Host.super.runAll(commands);
        }
        FactScript script = new FactScript(commands, usesSudo(), timeouts);
        BatchResult failed = new BatchResult();
        Process process;
        try {
            process = new ProcessBuilder(FactScript.SHELL.split(" ")).start();
        } catch (IOException e) {
            commands.forEach(c -> failed.failed(c, "cannot start sh on the local machine: " + e.getMessage()));
            return failed;
        }
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(script.text().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // sh ended before reading it all: the sections it printed say how far it got
        }
        try {
            return script.results(name, RunningCommand.collectRaw(name, new LocalProcess(process), script.deadline(),
                    script.maxOutputBytes()));
        } catch (HostException e) {
            commands.forEach(c -> failed.failed(c, e.getMessage()));
            return failed;
        }
    }

    @Override
    public CommandResult runPrivileged(String command) throws HostException {
        return run(usesSudo() ? Shell.viaSudo(command) : command);
    }

    @Override
    public boolean usesSudo() {
        return sudo && !"root".equals(System.getProperty("user.name"));
    }

    /**
     * Asks the local SSH server on loopback. Its host key must be one of the machine's own
     * {@code /etc/ssh/ssh_host_*_key.pub}, so even this probe never talks to an unverified server.
     */
    @Override
    public AuthenticationOffer offeredAuthentication(String user, int port) throws IOException {
        List<PublicKey> own = ownHostKeys();
        if (own.isEmpty()) {
            refuseUnlessListening(port);
            throw new HostException("cannot verify the local SSH server: no readable " + SSH_HOST_KEYS
                    + "/ssh_host_*_key.pub");
        }
        return SshHost.probe("127.0.0.1", port, user,
                HostKeyVerification.exactly(own, SSH_HOST_KEYS + "/ssh_host_*_key.pub"), timeouts);
    }

    /** Throws {@link java.net.ConnectException} when nothing listens, which is not an error but a fact. */
    private void refuseUnlessListening(int port) throws IOException {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), timeouts.connectMillis());
        }
    }

    private static List<PublicKey> ownHostKeys() throws IOException {
        List<PublicKey> keys = new ArrayList<>();
        if (!Files.isDirectory(SSH_HOST_KEYS)) {
            return keys;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(SSH_HOST_KEYS, "ssh_host_*_key.pub")) {
            for (Path file : files) {
                if (Files.isReadable(file)) {
                    keys.add(HostKeyVerification.parsePublicKeyLine(Files.readString(file)));
                }
            }
        }
        return keys;
    }

    @Override
    public void close() {
        // nothing is held between commands
    }

    private record LocalProcess(Process process) implements RunningCommand {
        @Override
        public InputStream stdout() {
            return process.getInputStream();
        }

        @Override
        public InputStream stderr() {
            return process.getErrorStream();
        }

        @Override
        public boolean awaitExit(long timeout, TimeUnit unit) {
            try {
                return process.waitFor(timeout, unit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public int exitStatus() {
            return process.exitValue();
        }

        @Override
        public void release() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
