package dev.hardening.maven;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

import dev.hardening.core.gate.PassphraseSource;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.Policy;

/**
 * SSH credentials the Maven way: a host that names {@code server: web-prod} takes username,
 * privateKey and passphrase from that {@code <server>} of settings.xml, decrypted through Maven's
 * settings-security. The passphrase stays in memory and reaches no log.
 */
final class ServerCredentials implements PassphraseSource {
    private final Settings settings;
    private final SettingsDecrypter decrypter;
    private final Map<String, char[]> passphrases = new HashMap<>();

    ServerCredentials(Settings settings, SettingsDecrypter decrypter) {
        this.settings = settings;
        this.decrypter = decrypter;
    }

    /** The policy with each host's missing user and identity filled from its server. */
    Policy apply(Policy policy) throws MojoExecutionException {
        List<HostSpec> hosts = new java.util.ArrayList<>();
        for (HostSpec host : policy.hosts()) {
            hosts.add(host.server() == null ? host : fill(host));
        }
        return policy.withHosts(hosts);
    }

    private HostSpec fill(HostSpec host) throws MojoExecutionException {
        Server server = settings == null ? null : settings.getServer(host.server());
        if (server == null) {
            throw new MojoExecutionException(ReportingMojo.BAD_CONFIGURATION + "host " + host.name() + " names server '" + host.server()
                    + "', which is not in settings.xml" + knownServers());
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        if (!result.getProblems().isEmpty()) {
            throw new MojoExecutionException(ReportingMojo.BAD_CONFIGURATION + "cannot decrypt settings.xml server '" + host.server() + "': "
                    + result.getProblems().stream().map(SettingsProblem::getMessage).collect(Collectors.joining("; "))
                    + " (check ~/.m2/settings-security.xml and the encrypted values)");
        }
        Server decrypted = result.getServer();
        if (decrypted.getPassphrase() != null && !decrypted.getPassphrase().isEmpty()) {
            passphrases.put(host.server(), decrypted.getPassphrase().toCharArray());
        }
        return host.withDefaultCredentials(decrypted.getUsername(), decrypted.getPrivateKey());
    }

    private String knownServers() {
        if (settings == null || settings.getServers().isEmpty()) {
            return " (it has no servers)";
        }
        return " (servers there: " + settings.getServers().stream().map(Server::getId).sorted()
                .collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public Optional<Passphrase> passphraseFor(HostSpec host) {
        char[] value = host.server() == null ? null : passphrases.get(host.server());
        return value == null ? Optional.empty()
                : Optional.of(new Passphrase(value, "settings.xml server " + host.server()));
    }
}
