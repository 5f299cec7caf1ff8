package dev.hardening.core.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import dev.hardening.core.families.crypto.SshCryptoCheck;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.gate.GateResult;
import dev.hardening.core.gate.HostRun;
import dev.hardening.core.gate.Verdict;
import dev.hardening.core.model.CheckId;
import dev.hardening.core.model.Finding;
import dev.hardening.core.model.Severity;
import dev.hardening.core.model.Status;
import dev.hardening.core.model.Subject;

/**
 * Gate results shaped like real runs, for the report tests and the screenshots: nine checks per host, 80
 * pending updates with one fix each on some hosts, public ports whose evidence repeats the interface list,
 * TLS errors, a key-only failure at a config line, and hosts whose names carry markup and escape sequences.
 */
final class ReportSamples {
    static final Instant STARTED = Instant.parse("2026-12-07T00:50:47Z");
    static final List<CheckId> CHECKS = List.of(CheckId.SSH_KEY_ONLY, CheckId.SSH_ROOT_LOGIN, SshCryptoCheck.ID,
            CheckId.PORTS_PRIVATE_ONLY, CheckId.FIREWALL_DEFAULT_DENY, CheckId.TLS_CHAIN, CheckId.TLS_PROTOCOLS,
            CheckId.PACKAGES_UP_TO_DATE, CheckId.PACKAGES_AUTO_UPDATES);
    static final String HOSTILE_SCRIPT = "db</script><script>alert(1)</script>";
    static final String HOSTILE_TERMINAL = "evil\u001b]0;owned\u0007\u001b[2J";
    static final String HOSTILE_CDATA = "x]]>y\u0000z";
    static final RunInfo RUN = new RunInfo("0.1.0-SNAPSHOT", Optional.of("/srv/deploy/hardening.yml"),
            Optional.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
            RunInfo.summary(GateOptions.DEFAULT));

    private ReportSamples() {
    }

    /** One host with every kind of problem: 80 updates, 2 public ports, a TLS error, a config line. */
    static GateResult oneHost() {
        return result(List.of("web1"), i -> true);
    }

    /** 50 hosts, some failing in different ways, three with hostile names. */
    static GateResult fiftyHosts() {
        List<String> names = new ArrayList<>(IntStream.rangeClosed(1, 50).mapToObj(i -> String.format("web-%02d", i))
                .toList());
        names.set(7, HOSTILE_SCRIPT);
        names.set(13, HOSTILE_TERMINAL);
        names.set(21, HOSTILE_CDATA);
        names.set(30, "app-server-with-a-rather-long-name-31.prod.eu-west.example.internal");
        return result(names, i -> false);
    }

    private static GateResult result(List<String> names, IntPredicate everything) {
        List<Finding> all = new ArrayList<>();
        List<HostRun> runs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String host = names.get(i);
            boolean every = everything.test(i);
            List<Finding> own = hostFindings(host, i, every);
            all.addAll(own);
            Map<CheckId, Long> durations = new LinkedHashMap<>();
            for (int c = 0; c < CHECKS.size(); c++) {
                durations.put(CHECKS.get(c), 40L + 37L * ((i + c) % 9) + (CHECKS.get(c).prefix().equals("tls") ? 900 : 0));
            }
            runs.add(new HostRun(host, "10.0." + (i / 200) + "." + (i % 200 + 10), Verdict.of(own, GateOptions.DEFAULT),
                    STARTED.plusMillis(15L * i), 1100 + 53L * (i % 13), Optional.of("Debian GNU/Linux 12 (bookworm)"),
                    durations));
        }
        return new GateResult(Verdict.of(all, GateOptions.DEFAULT), STARTED, 4321, all,
                List.of("unused waiver: ports.private-only on web1 matching '8080/tcp' matched no failure"), runs);
    }

    private static List<Finding> hostFindings(String host, int i, boolean every) {
        List<Finding> out = new ArrayList<>();
        if (every || i % 6 == 0) {
            out.add(new Finding(host, CheckId.SSH_KEY_ONLY, Status.FAIL, Severity.HIGH,
                    "password authentication is enabled for Match User deploy (/etc/ssh/sshd_config:124)",
                    List.of("sshd -T -C user=deploy,host=gw.example,addr=192.0.2.10: passwordauthentication yes "
                            + "<- /etc/ssh/sshd_config:125: PasswordAuthentication yes"),
                    "set `PasswordAuthentication no` in the Match User deploy block, then reload sshd",
                    new Subject.Setting("PasswordAuthentication", "yes",
                            Optional.of(new Subject.FileLine("/etc/ssh/sshd_config", 125)))));
        } else {
            out.add(pass(host, CheckId.SSH_KEY_ONLY, "sshd accepts public keys only"));
        }
        out.add(pass(host, CheckId.SSH_ROOT_LOGIN, "root cannot log in over SSH"));
        out.add(i % 9 == 4 ? new Finding(host, SshCryptoCheck.ID, Status.FAIL, Severity.MEDIUM,
                "sshd offers the weak MAC hmac-sha1", List.of("sshd -T: macs umac-64@openssh.com,hmac-sha1"),
                "remove hmac-sha1 from MACs in /etc/ssh/sshd_config") : pass(host, SshCryptoCheck.ID, "no weak algorithm"));
        List<String> interfaces = IntStream.range(0, 45).mapToObj(n -> "interface veth" + n + ": 10.1." + n
                + ".1/24, fe80::" + Integer.toHexString(n + 1) + "/64").toList();
        if (every || i % 3 == 0) {
            for (int port : new int[] {5432, 6379}) {
                List<String> evidence = new ArrayList<>(interfaces);
                evidence.add(0, "ss -plunt: tcp LISTEN 0.0.0.0:" + port + " users:((\"" + (port == 5432 ? "postgres"
                        : "redis-server") + "\",pid=" + (800 + port % 100) + "))");
                out.add(new Finding(host, CheckId.PORTS_PRIVATE_ONLY, Status.FAIL, Severity.HIGH,
                        port + "/tcp is bound to 0.0.0.0 (every interface, so public)", evidence,
                        "bind " + port + "/tcp to 127.0.0.1 or a private address, or allow it in checks.ports.publicAllowed",
                        new Subject.Port(port, "tcp", "0.0.0.0")));
            }
        }
        out.add(new Finding(host, CheckId.PORTS_PRIVATE_ONLY, Status.PASS, Severity.LOW,
                "socket inventory: 7 listening sockets", List.of("tcp 127.0.0.1:25 exim4", "tcp 0.0.0.0:22 sshd"), ""));
        out.add(i % 10 == 9 ? new Finding(host, CheckId.FIREWALL_DEFAULT_DENY, Status.FAIL, Severity.HIGH,
                "IPv6 inbound traffic is accepted by default", List.of("nft: table ip6 filter chain input policy accept"),
                "set `policy drop` on the ip6 input chain") : pass(host, CheckId.FIREWALL_DEFAULT_DENY,
                        "inbound traffic is dropped by default (IPv4 and IPv6)"));
        if (every || i % 7 == 2) {
            out.add(new Finding(host, CheckId.TLS_CHAIN, Status.ERROR, Severity.HIGH,
                    "TLS handshake with 10.0.0.5:443 failed: Remote host terminated the handshake",
                    List.of("openssl: 40C7A1F2:error:0A000126:SSL routines::unexpected eof while reading"),
                    "check that the service on 443 speaks TLS", new Subject.Certificate("10.0.0.5:443", "", "")));
        } else if (i % 4 == 1) {
            out.add(new Finding(host, CheckId.TLS_CHAIN, Status.FAIL, Severity.HIGH,
                    "certificate CN=" + host + " expires in 3 days (2026-12-10)", List.of("notAfter=Dec 10 12:00:00 2026 GMT"),
                    "renew the certificate", new Subject.Certificate("10.0.0.5:443", "CN=" + host, "ab12")));
        } else {
            out.add(pass(host, CheckId.TLS_CHAIN, "chain to a trusted root, valid for 80 days"));
        }
        out.add(i % 11 == 5 ? new Finding(host, CheckId.TLS_PROTOCOLS, Status.WAIVED, Severity.MEDIUM,
                "TLS 1.0 accepted on 443 (waived until 2027-01-31: OPS-12)", List.of("handshake TLSv1: accepted"),
                "disable TLS 1.0") : pass(host, CheckId.TLS_PROTOCOLS, "only TLS 1.2 and 1.3"));
        if (every || i % 5 == 0) {
            for (int p = 0; p < 80; p++) {
                String name = p == 0 ? "openssl" : "lib" + (char) ('a' + p % 26) + "pkg" + p;
                out.add(new Finding(host, CheckId.PACKAGES_UP_TO_DATE, Status.FAIL, Severity.HIGH,
                        "security update pending: " + name + " 3.0.11-1~deb12u1 -> 3.0.15-1~deb12u1",
                        List.of("apt-get -s upgrade: Inst " + name + " [3.0.11-1~deb12u1] (3.0.15-1~deb12u1 "
                                + "Debian-Security:12/stable-security [amd64])", "package index updated 3 h ago"),
                        "apt-get install --only-upgrade " + name,
                        new Subject.Package(name, "3.0.11-1~deb12u1", "3.0.15-1~deb12u1")));
            }
        } else {
            out.add(pass(host, CheckId.PACKAGES_UP_TO_DATE, "no pending updates; index 3 h old"));
        }
        out.add(i % 8 == 3 ? new Finding(host, CheckId.PACKAGES_AUTO_UPDATES, Status.SKIPPED, Severity.LOW,
                "not applicable: no package manager with automatic updates", List.of(), "")
                : pass(host, CheckId.PACKAGES_AUTO_UPDATES, "unattended-upgrades is enabled"));
        return out;
    }

    private static Finding pass(String host, CheckId check, String message) {
        return new Finding(host, check, Status.PASS, Severity.HIGH, message, List.of("evidence for " + check.id()), "");
    }
}
