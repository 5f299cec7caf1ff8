package dev.hardening.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.ConnectException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ContainerState;

import dev.hardening.core.facts.ssh.AuthenticationOffer;
import dev.hardening.core.host.CommandResult;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.HostException;
import dev.hardening.core.host.HostKeyVerification;
import dev.hardening.core.host.RunningCommand;
import dev.hardening.core.host.SshHost;
import dev.hardening.core.host.SshSettings;
import dev.hardening.core.host.Timeouts;

/**
 * A Testcontainers container as a host, so a team asserts on the image it is about to ship:
 * <pre>{@code
 * try (GenericContainer<?> web = new GenericContainer<>("registry.example.com/web:1.4").withExposedPorts(22)) {
 *     web.start();
 *     assertThat(ContainerHost.of(web)).ssh().isKeyOnly().hasRootLoginDisabled();
 * }
 * }</pre>
 * {@link #of} runs commands by {@code docker exec} as root (no sshd or login needed), bounded by the
 * same timeout and output limit as every host; the SSH server, when its port is exposed, is asked on
 * the mapped port which methods it offers, its host key checked against the container's own
 * {@code /etc/ssh/ssh_host_*_key.pub}. {@link #viaSsh} logs in over the mapped SSH port instead.
 * The container belongs to the caller: closing this host leaves it running.
 */
public final class ContainerHost implements Host {
    private static final String HOST_KEYS = "/etc/ssh/ssh_host_*_key.pub";
    private static final int PIPE_BYTES = 64 * 1024;

    private final ContainerState container;
    private final String name;
    private final Timeouts timeouts;

    private ContainerHost(ContainerState container, Timeouts timeouts) {
        this.container = container;
        this.name = container.getContainerInfo().getName().replaceFirst("^/", "");
        this.timeouts = timeouts;
    }

    /** The started container, checked through {@code docker exec}. */
    public static ContainerHost of(ContainerState container) {
        return of(container, Timeouts.DEFAULT);
    }

    public static ContainerHost of(ContainerState container, Timeouts timeouts) {
        return new ContainerHost(container, timeouts);
    }

    /**
     * The started container, logged into over its mapped SSH port (22 must be exposed) as {@code user}
     * with {@code identity}, privileged reads through {@code sudo -n}; its host key must be one of the
     * container's own. Closing the returned host disconnects.
     */
    public static SshHost viaSsh(ContainerState container, String user, Path identity) throws HostException {
        ContainerHost exec = of(container);
        return SshHost.connect(SshSettings.builder(container.getHost()).name(exec.name())
                .port(container.getMappedPort(22)).user(user).identity(identity).sudo(true)
                .hostKeys(exec.ownHostKeys()).build());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CommandResult run(String command) throws HostException {
        DockerClient docker = DockerClientFactory.instance().client();
        ExecStream exec;
        try {
            String id = docker.execCreateCmd(container.getContainerId()).withUser("root").withAttachStdout(true)
                    .withAttachStderr(true).withCmd("sh", "-c", command).exec().getId();
            exec = new ExecStream(docker, id);
            docker.execStartCmd(id).exec(exec);
        } catch (IOException | RuntimeException e) {
            throw new HostException("cannot exec in container " + name + ": " + e.getMessage(), e);
        }
        return RunningCommand.collect(name, command, exec, timeouts);
    }

    @Override
    public CommandResult runPrivileged(String command) throws HostException {
        return run(command);
    }

    @Override
    public boolean usesSudo() {
        return false;
    }

    @Override
    public String loginUser() {
        return "root";
    }

    /**
     * Asks the container's SSH server through the port Docker maps for {@code port}.
     *
     * @throws ConnectException when {@code port} is not exposed, so nothing outside can reach a server there
     */
    @Override
    public AuthenticationOffer offeredAuthentication(String user, int port) throws IOException {
        if (!container.getExposedPorts().contains(port)) {
            throw new ConnectException("port " + port + " of container " + name + " is not exposed");
        }
        return SshHost.probe(container.getHost(), container.getMappedPort(port), user, ownHostKeys(), timeouts);
    }

    private HostKeyVerification ownHostKeys() throws HostException {
        CommandResult files = run("cat " + HOST_KEYS);
        List<PublicKey> keys = new ArrayList<>();
        for (String line : files.stdout().lines().filter(l -> !l.isBlank()).toList()) {
            try {
                keys.add(HostKeyVerification.parsePublicKeyLine(line));
            } catch (IOException e) {
                throw new HostException("cannot read the host keys of container " + name + ": " + e.getMessage(), e);
            }
        }
        if (keys.isEmpty()) {
            throw new HostException("cannot verify the SSH server of container " + name + ": no readable " + HOST_KEYS
                    + " (" + files.firstErrorLine() + ")");
        }
        return HostKeyVerification.exactly(keys, HOST_KEYS + " of container " + name);
    }

    @Override
    public void close() {
        // the container is the caller's; an exec holds nothing between commands
    }

    /** One {@code docker exec}: its frames are piped to the readers that bound them. */
    private static final class ExecStream extends ResultCallback.Adapter<Frame> implements RunningCommand {
        private final DockerClient docker;
        private final String execId;
        private final PipedOutputStream stdoutSink = new PipedOutputStream();
        private final PipedOutputStream stderrSink = new PipedOutputStream();
        private final PipedInputStream stdout;
        private final PipedInputStream stderr;

        ExecStream(DockerClient docker, String execId) throws IOException {
            this.docker = docker;
            this.execId = execId;
            this.stdout = new PipedInputStream(stdoutSink, PIPE_BYTES);
            this.stderr = new PipedInputStream(stderrSink, PIPE_BYTES);
        }

        @Override
        public void onNext(Frame frame) {
            try {
                (frame.getStreamType() == StreamType.STDERR ? stderrSink : stdoutSink)
                        .write(frame.getPayload());
            } catch (IOException e) {
                // the reader stopped (the command was released); the rest of the output is not wanted
            }
        }

        @Override
        public void onComplete() {
            closeSinks();
            super.onComplete();
        }

        @Override
        public void onError(Throwable error) {
            closeSinks();
            super.onError(error);
        }

        @Override
        public InputStream stdout() {
            return stdout;
        }

        @Override
        public InputStream stderr() {
            return stderr;
        }

        @Override
        public boolean awaitExit(long timeout, TimeUnit unit) throws HostException {
            try {
                return awaitCompletion(timeout, unit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HostException("interrupted while waiting for docker exec", e);
            }
        }

        @Override
        public int exitStatus() {
            Long status = docker.inspectExecCmd(execId).exec().getExitCodeLong();
            return status == null ? -1 : status.intValue();
        }

        /** Stops streaming; a command still running in the container is left to the container's end. */
        @Override
        public void release() {
            try {
                close();
            } catch (IOException e) {
                // the stream is being torn down either way
            }
            closeSinks();
        }

        private void closeSinks() {
            try (PipedOutputStream out = stdoutSink; PipedOutputStream err = stderrSink) {
                // closing both tells the readers the output has ended
            } catch (IOException e) {
                // a pipe that is already closed has nothing left to deliver
            }
        }
    }
}
