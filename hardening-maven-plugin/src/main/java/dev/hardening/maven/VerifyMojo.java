package dev.hardening.maven;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.gate.Gate;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.GateResult;
import dev.hardening.core.gate.Selection;
import dev.hardening.core.gate.Shard;
import dev.hardening.core.host.Timeouts;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.LocalFiles;
import dev.hardening.core.policy.Policy;
import dev.hardening.core.policy.PolicyException;
import dev.hardening.core.policy.PolicyLoader;
import dev.hardening.core.report.ReportFormat;
import dev.hardening.core.report.RunInfo;

/**
 * Gates the build on host security: checks every host of the policy (or, without a policy, this
 * machine with the default baseline) and fails the build when a host is not hardened.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class VerifyMojo extends ReportingMojo {
    /** The policy file (YAML). Without it, the default baseline runs against this machine ({@code local}). */
    @Parameter(property = "hardening.policy")
    private File policy;

    /**
     * An Ansible inventory (INI or YAML) whose hosts are gated too, with the policy's checks (or the
     * default baseline); hosts named in the policy win over inventory hosts of the same name.
     */
    @Parameter(property = "hardening.inventory")
    private File inventory;

    /** The inventory group to gate (with its child groups); default: every host of the inventory. */
    @Parameter(property = "hardening.group")
    private String group;

    /**
     * An OpenSSH client config ({@code ~/.ssh/config}) completing every SSH host's connection settings, as
     * the policy's {@code sshConfig:} does; what the policy sets wins.
     */
    @Parameter(property = "hardening.sshConfig")
    private File sshConfig;

    /**
     * The bastion(s) for every SSH host whose policy entry sets no {@code jump:}: a policy host's name or
     * {@code [user@]host[:port]}, comma-separated for a chain.
     */
    @Parameter(property = "hardening.jump")
    private String jump;

    /** Only these checks, by id or glob, comma-separated ({@code ssh.*,tls.chain}); default: every enabled check. */
    @Parameter(property = "hardening.checks")
    private String checks;

    /** Only these hosts of the policy, by name or glob, comma-separated ({@code web*}); default: every host. */
    @Parameter(property = "hardening.hosts")
    private String hosts;

    /**
     * Only the hosts of this shard, {@code K/N} (1-based: {@code 1/4} ... {@code 4/4}), for CI matrix jobs
     * that each gate part of a fleet; a host's shard depends on its name alone (see docs/ci.md), and
     * {@code hardening:merge} combines the jobs' reports into one verdict. Applied after {@code hosts}.
     */
    @Parameter(property = "hardening.shard")
    private String shard;

    /** How many hosts are checked at once (their work is remote: the gate's threads mostly wait on it). */
    @Parameter(property = "hardening.parallelism", defaultValue = "" + GateOptions.DEFAULT_PARALLELISM)
    private int parallelism;

    /** Seconds each phase of opening an SSH connection may take: TCP connect, banner, key exchange, authentication. */
    @Parameter(property = "hardening.connectTimeout", defaultValue = "10")
    private int connectTimeout;

    /** Seconds one command on a host may run. */
    @Parameter(property = "hardening.commandTimeout", defaultValue = "60")
    private int commandTimeout;

    /**
     * Seconds one host may take from its first connection attempt to its last check; a host still
     * busy then is an ERROR saying what it was doing, and the gate goes on with the others.
     */
    @Parameter(property = "hardening.hostTimeout", defaultValue = "120")
    private int hostTimeout;

    @Parameter(defaultValue = "${settings}", readonly = true)
    private Settings settings;

    @Component
    private SettingsDecrypter settingsDecrypter;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        List<ReportFormat> reportFormats = reportFormats();
        FamilyRegistry families = families();
        ServerCredentials credentials = new ServerCredentials(settings, settingsDecrypter);
        Policy whole = credentials.apply(loadPolicy(families));
        Selection selection = Selection.parse(checks, hosts);
        FamilyRegistry registry;
        Policy loaded;
        try {
            registry = selection.apply(families);
            loaded = selection.apply(whole);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(BAD_CONFIGURATION + e.getMessage());
        }
        if (shard != null && !shard.isBlank()) {
            loaded = shardOf(loaded);
        }
        List<String> missingFiles = LocalFiles.problems(loaded, registry);
        if (!missingFiles.isEmpty()) {
            throw new MojoExecutionException(BAD_CONFIGURATION + String.join("\n  ", missingFiles));
        }
        GateOptions options = options().withPassphrasesFrom(credentials);
        getLog().info("hardening: checking " + loaded.hosts().size() + " host(s) with "
                + loaded.source().map(s -> "policy " + s).orElse("the default baseline")
                + (inventory == null ? "" : ", inventory " + inventory + (group == null ? "" : " group " + group)));
        Gate gate = new Gate(loaded, options, registry);
        gate.cannotFailWarning().ifPresent(warning -> getLog().warn("hardening: " + warning));
        GateResult result = gate.run(new ProgressLog(line -> getLog().info("hardening: " + line), options));
        report(result, options, reportFormats, RunInfo.of(loaded.source(), options));
    }

    private Policy shardOf(Policy policy) throws MojoExecutionException {
        Shard part;
        try {
            part = Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("hardening: bad configuration: hardening.shard: " + e.getMessage());
        }
        Policy picked = part.apply(policy);
        getLog().info("hardening: shard " + part + ": " + picked.hosts().size() + " of " + policy.hosts().size()
                + " host(s)");
        return picked;
    }

    private GateOptions options() throws MojoExecutionException {
        try {
            Timeouts timeouts = GateOptions.DEFAULT.timeouts().withConnect(seconds("connectTimeout", connectTimeout))
                    .withCommand(seconds("commandTimeout", commandTimeout)).withHost(seconds("hostTimeout", hostTimeout));
            return verdictOptions().withParallelism(parallelism).withTimeouts(timeouts);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(BAD_CONFIGURATION + e.getMessage());
        }
    }

    private static Duration seconds(String parameter, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(parameter + " must be at least 1 second, got " + value);
        }
        return Duration.ofSeconds(value);
    }

    /**
     * The built-in families and those of the plugin's own dependencies: a user's family is a jar added
     * under {@code <plugin><dependencies>} with a {@code META-INF/services} entry, as maven-enforcer takes rules.
     */
    private FamilyRegistry families() throws MojoExecutionException {
        try {
            return FamilyRegistry.discover(VerifyMojo.class.getClassLoader());
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("hardening: bad check family: " + e.getMessage());
        }
    }

    private Policy loadPolicy(FamilyRegistry registry) throws MojoExecutionException {
        try {
            if (policy == null && inventory == null) {
                return Policy.baseline();
            }
            Policy gated;
            if (policy == null) {
                gated = PolicyLoader.withInventory(new Policy(Optional.empty(), List.of(), ChecksConfig.DEFAULT, List.of()),
                        resolve(inventory).toPath(), group);
            } else {
                // the inventory's hosts are read with the policy, so its defaults and groups apply to them
                gated = inventory == null ? PolicyLoader.load(resolve(policy).toPath(), registry)
                        : PolicyLoader.load(resolve(policy).toPath(), registry, resolve(inventory).toPath(), group);
            }
            if (sshConfig != null) {
                gated = PolicyLoader.withSshConfig(gated, resolve(sshConfig).toPath());
            }
            return jump == null || jump.isBlank() ? gated : PolicyLoader.withDefaultJump(gated, jump);
        } catch (PolicyException e) {
            throw new MojoExecutionException("hardening: the policy is invalid: " + e.getMessage());
        }
    }
}
