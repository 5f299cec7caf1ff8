package dev.hardening.junit.lab;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.gate.Gate;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.GateResult;
import dev.hardening.core.policy.Policy;
import dev.hardening.core.policy.PolicyLoader;
import dev.hardening.lab.LabHost;
import dev.hardening.lab.RequiresLab;

/**
 * Times, side by side on the same lab hosts and in one run: the OpenSSH floor (a fresh {@code ssh} and
 * one exec of the fact commands the gate reads), the gate in-process, {@code hardening:verify} as a whole
 * {@code mvn} process, and pytest-testinfra running equivalent checks over its ssh backend; for each
 * fleet size of {@code -Dhardening.bench.sizes} (default 1,10,50). Also counts exec channels and logins
 * per host from a lab sshd's debug log, the remote CPU each tool caused (the containers' cpuacct
 * cgroups), the gate's peak heap, a parallelism sweep, and a fleet of {@code -Dhardening.bench.fleet}
 * (default 200) host entries in a 256 MiB heap. Writes {@code docs/performance.md}. Run it with
 * {@code lab/benchmark.sh} (see the README), never in CI.
 */
@Tag("benchmark")
@RequiresLab
class GateBenchmark {
    private static final Path REPORT = Path.of("..", "docs", "performance.md");
    private static final String CHECKS = "checks:\n  ports: { publicAllowed: [\"22/tcp\"] }\n";
    private static final List<Integer> SWEEP = List.of(4, 8, 16, 32);
    private static final String PYTHON = "/usr/bin/python3";
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /** The facts the default baseline reads, as one exec: what the gate's gathering amounts to. */
    private static final String FLOOR_SCRIPT = String.join("\n",
            "sudo -n sh -c 'sshd -T -C user=deploy,host=bench,addr=127.0.0.1 >/dev/null;"
                    + " sshd -T -C user=root,host=bench,addr=127.0.0.1 >/dev/null; ls -l /proc/[0-9]*/fd >/dev/null 2>&1;"
                    + " cat /proc/[0-9]*/comm >/dev/null 2>&1; nft -j list ruleset >/dev/null; iptables-save >/dev/null 2>&1;"
                    + " ip6tables-save >/dev/null 2>&1'",
            "cat /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6 >/dev/null",
            "ip -j addr >/dev/null; cat /proc/net/if_inet6 /proc/net/fib_trie >/dev/null 2>&1",
            "cat /etc/os-release >/dev/null; cat /proc/sys/net/ipv4/ip_forward >/dev/null",
            "up=$(apt-get -s -o Debug::NoLocking=1 dist-upgrade | awk '/^Inst /{print $2}')",
            "[ -z \"$up\" ] || apt-cache policy $up >/dev/null",
            "apt-config dump >/dev/null; dpkg-query -W -f='${Status} ${Version}\\n' unattended-upgrades >/dev/null",
            "date +%s >/dev/null; ls -l /var/lib/apt/lists/ >/dev/null; test -e /var/run/reboot-required; true");

    /** Five tests per host with the same meaning as the gate's default baseline, in Testinfra's idiom. */
    private static final String TESTINFRA_TESTS = """
            import json

            def sshd_t(host, user):
                out = host.check_output("sudo -n sshd -T -C user=%s,host=bench,addr=127.0.0.1" % user)
                return dict(line.split(" ", 1) for line in out.splitlines() if " " in line)

            def test_key_only(host):
                config = sshd_t(host, "deploy")
                assert config["passwordauthentication"] == "no"
                assert config["kbdinteractiveauthentication"] == "no"

            def test_root_login(host):
                assert sshd_t(host, "root")["permitrootlogin"] == "no"

            def test_private_ports(host):
                for socket in host.socket.get_listening_sockets():
                    assert socket.startswith(("tcp://127.", "udp://127.", "tcp://::1", "udp://::1", "unix://")) \\
                        or socket.endswith(":22")

            def test_firewall_default_deny(host):
                ruleset = json.loads(host.check_output("sudo -n nft -j list ruleset"))["nftables"]
                assert any(c.get("chain", {}).get("hook") == "input" and c["chain"].get("policy") == "drop"
                           for c in ruleset)

            def test_packages(host):
                plan = host.check_output("apt-get -s -o Debug::NoLocking=1 dist-upgrade")
                assert not [l for l in plan.splitlines() if l.startswith("Inst ") and "-security" in l]
                assert host.package("unattended-upgrades").is_installed
                assert 'APT::Periodic::Unattended-Upgrade "1"' in host.check_output("apt-config dump")
            """;

    private final Path work = Files.createTempDirectory("hardening-bench-");
    private final Path knownHosts = work.resolve("known_hosts");

    GateBenchmark() throws IOException {
    }

    /** One tool's figures at one fleet size. */
    record Timing(String tool, int hosts, List<Long> millis, double remoteCpuSeconds) {
        long median() {
            long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
            return sorted[sorted.length / 2];
        }
    }

    @Test
    void writeFigures() throws Exception {
        List<Integer> sizes = Arrays.stream(System.getProperty("hardening.bench.sizes", "1,10,50").split(","))
                .map(String::strip).map(Integer::parseInt).toList();
        int fleet = Integer.getInteger("hardening.bench.fleet", 200);
        int largest = sizes.stream().max(Integer::compare).orElseThrow();
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        List<LabHost> labs = new ArrayList<>();
        LabHost counting = null;
        try {
            say("starting " + largest + " lab hosts and one that logs at debug level");
            labs.addAll(startAll(largest, () -> LabHost.builder().hardened()));
            counting = startAll(1, () -> LabHost.builder().hardened().dropIn("05-loglevel.conf", "LogLevel DEBUG1\n"))
                    .get(0);
            List<LabHost> all = new ArrayList<>(labs);
            all.add(counting);
            prepare(all);

            Map<String, Long> channels = channels(counting, "lab" + (all.size() - 1));
            List<Timing> timings = new ArrayList<>();
            for (int n : sizes) {
                List<LabHost> hosts = labs.subList(0, n);
                int rounds = n >= 50 ? 1 : n >= 10 ? 3 : 5;
                say("fleet of " + n + ", " + rounds + " round(s)");
                timings.add(measure("OpenSSH floor: fresh ssh + one exec of the fact commands, all hosts at once", n,
                        rounds, hosts, () -> floor(hosts)));
                Path policy = policy(hosts, n);
                timings.add(measure("gate in-process (Gate.run, default parallelism " + GateOptions.DEFAULT.parallelism()
                        + ")", n, rounds, hosts, () -> gate(policy, GateOptions.DEFAULT.parallelism())));
                timings.add(measure("`hardening:verify`, whole `mvn` process (-Xmx256m)", n, rounds, hosts,
                        () -> maven(policy, "verify-" + n)));
                timings.add(measure("pytest-testinfra, ssh backend, 5 tests per host, `-n 4`", n, rounds, hosts,
                        () -> testinfra(hosts, 4, false)));
                int workers = Math.min(Math.max(n, 2), 16);
                timings.add(measure("pytest-testinfra, ssh ControlMaster multiplexing, `-n` hosts (2 to 16)", n,
                        rounds, hosts, () -> testinfra(hosts, workers, true)));
            }
            Map<Integer, Long> sweep = new LinkedHashMap<>();
            if (largest >= 10) {
                Path policy = policy(labs, largest);
                for (int parallelism : SWEEP) {
                    say("parallelism " + parallelism + " on " + largest + " hosts");
                    sweep.put(parallelism, gate(policy, parallelism));
                    say("  " + sweep.get(parallelism) + " ms");
                }
            }
            long heap = peakHeapOfGate(policy(labs, largest));
            say("peak heap of the gate in-process on " + largest + " hosts: " + (heap >> 20) + " MiB");
            say("fleet of " + fleet + " host entries over " + largest + " lab hosts, -Xmx256m");
            Path fleetPolicy = fleetPolicy(labs, fleet);
            long fleetMillis = maven(fleetPolicy, "fleet");
            String fleetGc = gcSummary(work.resolve("gc-fleet.log"));
            say("  passed in " + fleetMillis + " ms; " + fleetGc);
            Files.writeString(REPORT, markdown(sizes, timings, channels, sweep, heap, fleet, largest, fleetMillis,
                    fleetGc, load));
            say("wrote " + REPORT.toAbsolutePath().normalize() + " (the runs' files are in " + work + ")");
            System.out.println(Files.readString(REPORT));
        } finally {
            labs.forEach(LabHost::close);
            if (counting != null) {
                counting.close();
            }
        }
    }

    private void say(String line) {
        System.out.println("[benchmark " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + line);
    }

    private static List<LabHost> startAll(int count, Supplier<LabHost.Builder> builder) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<LabHost>> started = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                started.add(pool.submit(() -> builder.get().start()));
            }
            List<LabHost> hosts = new ArrayList<>();
            for (Future<LabHost> host : started) {
                hosts.add(host.get());
            }
            return hosts;
        } finally {
            pool.shutdown();
        }
    }

    /** One known_hosts for the fleet, keys only the owner reads (ssh refuses others), an ssh_config per tool. */
    private void prepare(List<LabHost> all) throws IOException {
        StringBuilder known = new StringBuilder();
        StringBuilder config = new StringBuilder();
        for (int i = 0; i < all.size(); i++) {
            LabHost lab = all.get(i);
            known.append(Files.readString(lab.knownHosts()));
            Files.setPosixFilePermissions(lab.identity(), PosixFilePermissions.fromString("rw-------"));
            config.append("Host lab").append(i).append("\n  HostName ").append(lab.address()).append("\n  Port ")
                    .append(lab.sshPort()).append("\n  User ").append(lab.loginUser()).append("\n  IdentityFile ")
                    .append(lab.identity()).append("\n  IdentitiesOnly yes\n  UserKnownHostsFile ").append(knownHosts)
                    .append("\n  StrictHostKeyChecking yes\n  BatchMode yes\n");
        }
        Files.writeString(knownHosts, known);
        Files.writeString(work.resolve("ssh_config"), config);
        Files.writeString(work.resolve("ssh_config_mux"), config.toString().replace("  BatchMode yes\n",
                "  BatchMode yes\n  ControlMaster auto\n  ControlPath " + work + "/mux-%C\n  ControlPersist 60\n"));
        Files.writeString(work.resolve("test_baseline.py"), TESTINFRA_TESTS);
    }

    private interface Run {
        long millis() throws Exception;
    }

    private Timing measure(String tool, int n, int rounds, List<LabHost> hosts, Run run) throws Exception {
        List<Long> millis = new ArrayList<>();
        double cpu = 0;
        for (int i = 0; i < rounds; i++) {
            long before = remoteCpuNanos(hosts);
            millis.add(run.millis());
            if (i == 0) {
                cpu = (remoteCpuNanos(hosts) - before) / 1e9;
            }
        }
        Timing timing = new Timing(tool, n, millis, cpu);
        say(String.format(Locale.ROOT, "  %-90s %6d ms median of %s, remote CPU %.1f s", tool, timing.median(), millis,
                cpu));
        return timing;
    }

    /** CPU time of every process in the hosts' containers so far (cgroup v1 cpuacct, or v2 cpu.stat). */
    private static long remoteCpuNanos(List<LabHost> hosts) throws IOException {
        long total = 0;
        for (LabHost lab : hosts) {
            String id = lab.container().getContainerId();
            Path v1 = Path.of("/sys/fs/cgroup/cpuacct/docker", id, "cpuacct.usage");
            Path v2 = Path.of("/sys/fs/cgroup/system.slice/docker-" + id + ".scope/cpu.stat");
            if (Files.isReadable(v1)) {
                total += Long.parseLong(Files.readString(v1).strip());
            } else if (Files.isReadable(v2)) {
                Matcher usage = Pattern.compile("usage_usec (\\d+)").matcher(Files.readString(v2));
                total += usage.find() ? Long.parseLong(usage.group(1)) * 1000 : 0;
            }
        }
        return total;
    }

    private long floor(List<LabHost> hosts) throws Exception {
        long start = System.nanoTime();
        List<Process> running = new ArrayList<>();
        for (LabHost lab : hosts) {
            running.add(new ProcessBuilder("ssh", "-F", "none", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                    "-o", "UserKnownHostsFile=" + knownHosts, "-o", "IdentitiesOnly=yes", "-i", lab.identity().toString(),
                    "-p", String.valueOf(lab.sshPort()), lab.loginUser() + "@" + lab.address(), FLOOR_SCRIPT)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        for (Process p : running) {
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("the OpenSSH floor's ssh failed (exit " + p.exitValue() + ")");
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private Path policy(List<LabHost> hosts, int n) throws IOException {
        StringBuilder yaml = new StringBuilder("hosts:\n");
        for (int i = 0; i < hosts.size(); i++) {
            yaml.append(entry("lab" + i, hosts.get(i)));
        }
        return Files.writeString(work.resolve("policy-" + n + ".yml"), yaml.append(CHECKS));
    }

    /** {@code entries} host entries over the lab hosts, several names per host: a fleet larger than the machine. */
    private Path fleetPolicy(List<LabHost> hosts, int entries) throws IOException {
        StringBuilder yaml = new StringBuilder("hosts:\n");
        for (int i = 0; i < entries; i++) {
            yaml.append(entry("fleet" + i, hosts.get(i % hosts.size())));
        }
        return Files.writeString(work.resolve("policy-fleet.yml"), yaml.append(CHECKS));
    }

    private String entry(String name, LabHost lab) {
        return "  - name: " + name + "\n    address: " + lab.address() + "\n    port: " + lab.sshPort() + "\n    user: "
                + lab.loginUser() + "\n    identity: " + lab.identity() + "\n    knownHosts: " + knownHosts
                + "\n    sudo: true\n";
    }

    private static long gate(Path policy, int parallelism) throws Exception {
        Policy loaded = PolicyLoader.load(policy, FamilyRegistry.discover());
        long start = System.nanoTime();
        GateResult result = new Gate(loaded, GateOptions.DEFAULT.withParallelism(parallelism)).run();
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!result.passed()) {
            throw new AssertionError("benchmark hosts must pass: " + result.blocking(GateOptions.DEFAULT));
        }
        return millis;
    }

    /** Heap in use at its highest during a gate run, garbage included (the pools' peaks, reset before). */
    private static long peakHeapOfGate(Path policy) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        gate(policy, GateOptions.DEFAULT.parallelism());
        return heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private long maven(Path policy, String name) throws Exception {
        Path dir = Files.createDirectories(work.resolve("mvn-" + name));
        List<String> command = List.of(Path.of(System.getProperty("hardening.bench.mavenHome"), "bin", "mvn").toString(),
                "-B", "-q", "-o", "-ntp", "-Dmaven.repo.local=" + System.getProperty("hardening.bench.repo"),
                "dev.hardening:hardening-maven-plugin:" + System.getProperty("hardening.bench.pluginVersion") + ":verify",
                "-Dhardening.policy=" + policy, "-Dhardening.reportDir=" + dir.resolve("report"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mvn.log").toFile());
        builder.environment().put("MAVEN_OPTS", "-Xmx256m -Xlog:gc:file=" + work.resolve("gc-" + name.replaceAll(
                "-\\d+$", "") + ".log"));
        long start = System.nanoTime();
        Process p = builder.start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("mvn hardening:verify failed (exit " + p.exitValue() + "), see "
                    + dir.resolve("mvn.log") + ":\n" + tail(dir.resolve("mvn.log")));
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private long testinfra(List<LabHost> hosts, int workers, boolean multiplexed) throws Exception {
        String config = work.resolve(multiplexed ? "ssh_config_mux" : "ssh_config").toString();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            names.add("ssh://lab" + i);
        }
        Path out = work.resolve("pytest.log");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--ssh-config=" + config,
                "--hosts=" + String.join(",", names), "-n", String.valueOf(workers),
                work.resolve("test_baseline.py").toString()).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        boolean done = p.waitFor(30, TimeUnit.MINUTES);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (multiplexed) {
            for (int i = 0; i < hosts.size(); i++) {
                new ProcessBuilder("ssh", "-F", config, "-O", "exit", "lab" + i).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (!done || p.exitValue() != 0) {
            throw new IllegalStateException("pytest-testinfra failed (exit " + (done ? p.exitValue() : "timeout")
                    + "):\n" + tail(out));
        }
        return millis;
    }

    /** Logins and exec channels one run of each tool opens on one host, from its sshd's debug log. */
    private Map<String, Long> channels(LabHost lab, String alias) throws Exception {
        List<LabHost> one = List.of(lab);
        Map<String, Long> counts = new LinkedHashMap<>();
        Path policy = Files.writeString(work.resolve("policy-counting.yml"), "hosts:\n" + entry("counting", lab) + CHECKS);
        counts.putAll(countDuring(lab, "gate", () -> gate(policy, 1)));
        counts.putAll(countDuring(lab, "OpenSSH floor", () -> floor(one)));
        counts.putAll(countDuring(lab, "pytest-testinfra", () -> testinfraOn(alias, false)));
        counts.putAll(countDuring(lab, "pytest-testinfra multiplexed", () -> testinfraOn(alias, true)));
        say("per host: " + counts);
        return counts;
    }

    /** One host, one worker, as the counts are per host. */
    private long testinfraOn(String alias, boolean multiplexed) throws Exception {
        String config = work.resolve(multiplexed ? "ssh_config_mux" : "ssh_config").toString();
        Process p = new ProcessBuilder(PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--ssh-config=" + config,
                "--hosts=ssh://" + alias, work.resolve("test_baseline.py").toString()).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor(10, TimeUnit.MINUTES);
        if (multiplexed) {
            new ProcessBuilder("ssh", "-F", config, "-O", "exit", alias)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                    .waitFor(10, TimeUnit.SECONDS);
        }
        return 0;
    }

    private static Map<String, Long> countDuring(LabHost lab, String tool, Run run) throws Exception {
        String before = lab.sshdLog();
        run.millis();
        Thread.sleep(500);
        String during = lab.sshdLog().substring(before.length());
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(tool + " logins", count(during, "Accepted publickey for"));
        counts.put(tool + " exec channels", count(during, "request exec"));
        return counts;
    }

    private static long count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1L;
    }

    /** The largest heap before and after a collection in a -Xlog:gc file, e.g. {@code 61 MiB -> 19 MiB of 256}. */
    private static String gcSummary(Path gcLog) throws IOException {
        if (!Files.exists(gcLog)) {
            return "no GC log";
        }
        long before = 0;
        long after = 0;
        long committed = 0;
        int collections = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                collections++;
                before = Math.max(before, Long.parseLong(m.group(1)));
                after = Math.max(after, Long.parseLong(m.group(2)));
                committed = Math.max(committed, Long.parseLong(m.group(3)));
            }
        }
        return "peak " + before + " MiB in use before a collection, at most " + after + " MiB live after one, "
                + committed + " MiB committed, " + collections + " collections";
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        long memKiB = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + (memKiB >> 20) + " GiB RAM, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                + System.getProperty("java.version");
    }

    private String markdown(List<Integer> sizes, List<Timing> timings, Map<String, Long> channels,
            Map<Integer, Long> sweep, long heap, int fleet, int largest, long fleetMillis, String fleetGc, String load)
            throws IOException {
        StringBuilder md = new StringBuilder("# Performance\n\n");
        md.append("Generated by `lab/benchmark.sh` (the `GateBenchmark` in `hardening-junit`) on ")
                .append(Instant.now().truncatedTo(ChronoUnit.MINUTES)).append(". Rerun it to regenerate this page.\n\n");
        md.append("**Machine:** ").append(machine()).append("; load average at the start: ").append(load)
                .append(".\n\n**The lab hosts are containers on this same machine:** they share its cores with the ")
                .append("client (the gate, `ssh`, `mvn`, `pytest`), so with many hosts the remote commands compete ")
                .append("with the client for the same CPU, and the wall times below are bounded by the hosts' own work ")
                .append("more than on a real fleet. The remote CPU seconds (summed over the hosts' cgroups, sshd ")
                .append("included) show what each tool made the hosts do; the rest of a tool's time is its own.\n\n");
        md.append("Every host is a hardened `hardening-lab:bookworm-3` container with its own sshd, nftables and ")
                .append("apt state; all tools log in with the same key and a strict known_hosts file. Medians of ")
                .append("5 rounds at 1 host, 3 at 10, 1 at 50 and more; each round starts cold (new connections, a new ")
                .append("process for `ssh`, `mvn` and `pytest`; the in-process gate reuses its JVM).\n\n");
        md.append("## Wall time (seconds) and ratio to the OpenSSH floor\n\n| what |");
        sizes.forEach(n -> md.append(" ").append(n).append(n == 1 ? " host |" : " hosts |"));
        md.append("\n|---|");
        sizes.forEach(n -> md.append("---|"));
        md.append('\n');
        for (String tool : timings.stream().map(Timing::tool).distinct().toList()) {
            md.append("| ").append(tool.replace("|", "\\|")).append(" |");
            for (int n : sizes) {
                Timing t = find(timings, tool, n);
                Timing floor = timings.stream().filter(x -> x.hosts() == n).findFirst().orElseThrow();
                md.append(String.format(Locale.ROOT, " %.2f (%.2fx) |", t.median() / 1000.0,
                        (double) t.median() / floor.median()));
            }
            md.append('\n');
        }
        md.append("\n## Remote CPU seconds the tool caused on the hosts (first round, all hosts together)\n\n| what |");
        sizes.forEach(n -> md.append(" ").append(n).append(n == 1 ? " host |" : " hosts |"));
        md.append("\n|---|");
        sizes.forEach(n -> md.append("---|"));
        md.append('\n');
        for (String tool : timings.stream().map(Timing::tool).distinct().toList()) {
            md.append("| ").append(tool.replace("|", "\\|")).append(" |");
            for (int n : sizes) {
                md.append(String.format(Locale.ROOT, " %.1f |", find(timings, tool, n).remoteCpuSeconds()));
            }
            md.append('\n');
        }
        md.append("\n## SSH logins and exec channels per host per run\n\nCounted in the debug log of one lab sshd ")
                .append("(`LogLevel DEBUG1`: `Accepted publickey`, `request exec`) during one run of each tool:\n\n")
                .append("| tool | logins | exec channels |\n|---|---|---|\n");
        for (String tool : List.of("gate", "OpenSSH floor", "pytest-testinfra", "pytest-testinfra multiplexed")) {
            md.append("| ").append(tool).append(" | ").append(channels.get(tool + " logins")).append(" | ")
                    .append(channels.get(tool + " exec channels")).append(" |\n");
        }
        md.append("\n## Memory\n\n- Gate in-process on ").append(largest).append(" hosts: peak heap in use ")
                .append(heap >> 20).append(" MiB (the heap pools' peaks during the run, garbage included, in a JVM ")
                .append("with the default maximum heap).\n");
        md.append("- `hardening:verify` on ").append(fleet).append(" host entries (").append(fleet / largest)
                .append(" names per lab host over ").append(largest).append(" lab hosts, all checks, default ")
                .append("parallelism) in a whole `mvn` process with `-Xmx256m`: passed in ")
                .append(String.format(Locale.ROOT, "%.1f s", fleetMillis / 1000.0)).append("; ").append(fleetGc)
                .append(". The wall time is the hosts' work: ").append(fleet).append(" runs of the fact commands on ")
                .append("the machine's ").append(Runtime.getRuntime().availableProcessors()).append(" cores.\n");
        md.append("\n## Parallelism\n\nThe default is ").append(GateOptions.DEFAULT_PARALLELISM).append(" hosts at ")
                .append("once. A host's worker thread spends its time waiting for its one SSH connection and for the ")
                .append("TLS handshakes made from the gate's machine; the client's own work per host (key exchange, ")
                .append("parsing, the checks) is a small part of the host's time, so on a real fleet, where each host ")
                .append("has its own CPUs, more hosts at once shorten the run until the client's cores or the network ")
                .append("are busy. A bound stays: every host in flight holds a connection, its facts and a few threads, ")
                .append("and a burst of logins can trip rate limits (sshd's `MaxStartups`, a bastion). Here the lab ")
                .append("hosts share the client's cores, so a sweep here measures how the hosts' own work queues for those ")
                .append("cores more than the client's cost: read it with the load average above in mind.\n");
        if (!sweep.isEmpty()) {
            md.append("\n| parallelism (gate in-process, ").append(largest).append(" hosts, one round each) | seconds |\n")
                    .append("|---|---|\n");
            sweep.forEach((p, ms) -> md.append("| ").append(p).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", ms / 1000.0)).append(" |\n"));
        }
        md.append("\n## Targets (issue 12)\n\n");
        md.append(targets(sizes, timings, channels));
        return md.toString();
    }

    private static Timing find(List<Timing> timings, String tool, int n) {
        return timings.stream().filter(t -> t.tool().equals(tool) && t.hosts() == n).findFirst().orElseThrow();
    }

    private static String targets(List<Integer> sizes, List<Timing> timings, Map<String, Long> channels) {
        StringBuilder out = new StringBuilder();
        if (sizes.contains(1)) {
            List<Timing> one = timings.stream().filter(t -> t.hosts() == 1).toList();
            double ratio = (double) one.get(1).median() / one.get(0).median();
            long mvnOver = one.get(2).median() - one.get(1).median();
            out.append(String.format(Locale.ROOT, "- 1 host, gate clock at most 1.5x the floor: %.2fx, %s.%n", ratio,
                    ratio <= 1.5 ? "met" : "NOT met, by " + String.format(Locale.ROOT, "%.2fx", ratio - 1.5)));
            out.append(String.format(Locale.ROOT, "- 1 host, whole `mvn` at most 1.5 s over the gate: %.2f s over, %s.%n",
                    mvnOver / 1000.0, mvnOver <= 1500 ? "met" : "NOT met, by "
                            + String.format(Locale.ROOT, "%.2f s", (mvnOver - 1500) / 1000.0)));
        }
        if (sizes.contains(10)) {
            List<Timing> ten = timings.stream().filter(t -> t.hosts() == 10).toList();
            double ratio = (double) ten.get(1).median() / ten.get(0).median();
            long testinfra = Math.min(ten.get(3).median(), ten.get(4).median());
            double faster = (double) testinfra / ten.get(1).median();
            out.append(String.format(Locale.ROOT, "- 10 hosts, at most 1.3x the floor in parallel: %.2fx, %s.%n", ratio,
                    ratio <= 1.3 ? "met" : "NOT met, by " + String.format(Locale.ROOT, "%.2fx", ratio - 1.3)));
            out.append(String.format(Locale.ROOT, "- 10 hosts, at least 3x faster than Testinfra's best configuration: "
                    + "%.2fx, %s.%n", faster, faster >= 3 ? "met" : "NOT met"));
        }
        long execs = channels.get("gate exec channels");
        out.append("- 1 connection and at most 3 exec channels per host: ").append(channels.get("gate logins"))
                .append(" login(s), ").append(execs).append(" exec channel(s), ")
                .append(execs <= 3 ? "met" : "NOT met (the one-script gathering of issue 12 item 1 is another change)")
                .append(".\n");
        return out.toString();
    }
}
