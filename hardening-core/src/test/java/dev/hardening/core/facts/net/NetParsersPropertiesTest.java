package dev.hardening.core.facts.net;

import static dev.hardening.core.HostileInput.parsedOrRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.hardening.core.Fixtures;
import dev.hardening.core.HostileInput;

/** /proc/net socket tables and interface listings as a hostile host could hand them over. */
class NetParsersPropertiesTest {

    @Property(tries = 300)
    void anyTextGivenAsASocketTableParsesOrIsAParseError(@ForAll("text") String text) {
        parsedOrRefused(() -> ProcNetParser.parse(text, Transport.TCP, IpFamily.IPV4));
    }

    @Property(tries = 300)
    void aDamagedSocketTableParsesOrIsAParseErrorAndNeverGrows(@ForAll("damagedTables") String text) {
        parsedOrRefused(() -> ProcNetParser.parse(text, Transport.TCP, IpFamily.IPV6))
                .ifPresent(sockets -> assertThat(sockets.size()).isLessThanOrEqualTo((int) text.lines().count()));
    }

    @Property(tries = 300)
    void anyTextGivenAsIpJsonParsesOrIsAParseError(@ForAll("text") String text) {
        parsedOrRefused(() -> InterfaceParsers.parseIpJson(text));
    }

    @Property(tries = 300)
    void damagedIpJsonOrProcInterfaceFilesParseOrAreAParseError(@ForAll("damagedInterfaces") String text) {
        parsedOrRefused(() -> InterfaceParsers.parseIpJson(text));
        parsedOrRefused(() -> InterfaceParsers.parseProc(text, text));
    }

    @Example
    void aSocketTableOfAMillionListenersIsReadQuickly() {
        String header = Fixtures.read("net/lab.tcp").lines().findFirst().orElseThrow() + "\n";
        String line = Fixtures.read("net/lab.tcp").lines().skip(1).findFirst().orElseThrow() + "\n";

        assertThat(parsedOrRefused(() -> ProcNetParser.parse(header + line.repeat(200_000), Transport.TCP,
                IpFamily.IPV4))).isPresent();
    }

    @Provide
    Arbitrary<String> text() {
        return HostileInput.anyText();
    }

    @Provide
    Arbitrary<String> damagedTables() {
        return HostileInput.damaged(List.of("lab.tcp", "lab.tcp6", "machine.tcp6", "machine.udp6").stream()
                .map(f -> Fixtures.read("net/" + f)).toList());
    }

    @Provide
    Arbitrary<String> damagedInterfaces() {
        return HostileInput.damaged(List.of("lab.ip-addr.json", "lab.if_inet6", "lab.fib_trie").stream()
                .map(f -> Fixtures.read("net/" + f)).toList());
    }
}
