package dev.hardening.core.host.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The agent messages against the draft's layout, and replies that are cut short or made up. */
class AgentProtocolTest {

    @Test
    void requestsAreFramedAsTheDraftLaysThemOut() {
        assertThat(HexFormat.of().formatHex(AgentProtocol.requestIdentities())).isEqualTo("000000010b");
        assertThat(HexFormat.of().formatHex(AgentProtocol.signRequest(new byte[] {1, 2}, new byte[] {3}, 4)))
                .isEqualTo("00000010" + "0d" + "00000002" + "0102" + "00000001" + "03" + "00000004");
    }

    @Test
    void anIdentitiesAnswerListsBlobsAndComments() throws Exception {
        byte[] body = answer(List.of(new AgentProtocol.Identity(new byte[] {9, 8}, "deploy@ci")));

        assertThat(AgentProtocol.identities(body)).singleElement().satisfies(i -> {
            assertThat(i.blob()).containsExactly(9, 8);
            assertThat(i.comment()).isEqualTo("deploy@ci");
        });
    }

    @Test
    void aFailureIsARefusalAndOtherTypesAreNamed() {
        assertThatThrownBy(() -> AgentProtocol.identities(new byte[] {AgentProtocol.FAILURE}))
                .hasMessage("the agent refused (SSH_AGENT_FAILURE) to send identities");
        assertThatThrownBy(() -> AgentProtocol.signature(new byte[] {AgentProtocol.IDENTITIES_ANSWER, 0, 0, 0, 0}))
                .hasMessage("the agent answered with message type 12 where a signature (type 14) belongs");
        assertThatThrownBy(() -> AgentProtocol.identities(new byte[0])).hasMessage("the agent sent an empty reply");
    }

    @Test
    void aLengthBeyondTheAgentLimitIsRefusedUnread() {
        assertThatThrownBy(() -> AgentProtocol.frameLength(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0}))
                .hasMessage("the agent announced a reply of 4294967040 bytes (allowed: 1-262144)");
        assertThatThrownBy(() -> AgentProtocol.frameLength(new byte[4]))
                .hasMessageContaining("reply of 0 bytes");
    }

    @Test
    void aCountOfKeysFarBeyondAnyAgentIsRefused() {
        byte[] body = ByteBuffer.allocate(5).put(AgentProtocol.IDENTITIES_ANSWER).putInt(-1).array();

        assertThatThrownBy(() -> AgentProtocol.identities(body))
                .hasMessage("the agent claims 4294967295 keys, more than 1024");
    }

    @Property
    void identitiesSurviveTheRoundTrip(@ForAll("identityLists") List<AgentProtocol.Identity> identities)
            throws Exception {
        List<AgentProtocol.Identity> read = AgentProtocol.identities(answer(identities));

        assertThat(read).hasSameSizeAs(identities);
        for (int i = 0; i < read.size(); i++) {
            assertThat(read.get(i).blob()).isEqualTo(identities.get(i).blob());
            assertThat(read.get(i).comment()).isEqualTo(identities.get(i).comment());
        }
    }

    @Property
    void aTruncatedAnswerIsAProtocolErrorNeverAnotherException(
            @ForAll("identityLists") List<AgentProtocol.Identity> identities, @ForAll @IntRange(min = 1) int cut) {
        byte[] whole = answer(identities);
        byte[] truncated = Arrays.copyOf(whole, Math.max(0, whole.length - 1 - cut % whole.length));

        assertThatThrownBy(() -> AgentProtocol.identities(truncated))
                .isInstanceOf(AgentProtocol.ProtocolException.class);
    }

    @Property
    void anyBytesAreAnAnswerOrAProtocolError(@ForAll @Size(max = 64) byte[] body) {
        for (int tries = 0; tries < 2; tries++) {
            try {
                if (tries == 0) {
                    AgentProtocol.identities(body);
                } else {
                    AgentProtocol.signature(body);
                }
            } catch (AgentProtocol.ProtocolException e) {
                assertThat(e.getMessage()).startsWith("the agent");
            }
        }
    }

    @Provide
    Arbitrary<List<AgentProtocol.Identity>> identityLists() {
        Arbitrary<byte[]> blobs = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        Arbitrary<String> comments = Arbitraries.strings().ofMaxLength(20);
        return Combinators.combine(blobs, comments).as(AgentProtocol.Identity::new).list().ofMaxSize(5);
    }

    /** An {@code SSH_AGENT_IDENTITIES_ANSWER} body, as ssh-agent writes it. */
    private static byte[] answer(List<AgentProtocol.Identity> identities) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(AgentProtocol.IDENTITIES_ANSWER);
        writeInt(out, identities.size());
        for (AgentProtocol.Identity identity : identities) {
            writeString(out, identity.blob());
            writeString(out, identity.comment().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, byte[] value) {
        writeInt(out, value.length);
        out.writeBytes(value);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
    }
}
