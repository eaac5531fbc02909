package io.tradewind.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.JMSException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.activemq.command.ActiveMQBytesMessage;
import org.apache.activemq.command.ActiveMQMapMessage;
import org.apache.activemq.command.ActiveMQMessage;
import org.apache.activemq.command.ActiveMQObjectMessage;
import org.apache.activemq.command.ActiveMQStreamMessage;
import org.apache.activemq.command.ActiveMQTextMessage;
import org.apache.activemq.util.ByteSequence;
import org.junit.jupiter.api.Test;

/**
 * The gateway reads a body as each protocol's client leaves it in ActiveMQ: the messages here are built the way the
 * broker's OpenWire, STOMP and AMQP transports build them.
 */
class InboundBodyTest {
    private static final String JSON = "{\"messageId\":\"BRK001-1\",\"account\":\"Müller & Søn\"}";

    /** A bytes message as a STOMP frame with content-length, or an AMQP data section, arrives. */
    private static ActiveMQBytesMessage bytesMessage(byte[] body) throws JMSException {
        return bytesMessage(body, null, null);
    }

    /** The same, with the content type its client declared in {@code property}. */
    private static ActiveMQBytesMessage bytesMessage(byte[] body, String property, String contentType)
            throws JMSException {
        ActiveMQBytesMessage message = new ActiveMQBytesMessage();
        if (property != null) message.setStringProperty(property, contentType);
        message.writeBytes(body);
        message.reset(); // as delivered: read-only, read from the start
        return message;
    }

    /** A text message as ActiveMQ's STOMP transport makes of a frame without content-length: its raw bytes. */
    private static ActiveMQTextMessage stompTextFrame(byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(bytes)) {
            data.writeInt(body.length);
            data.write(body);
        }
        ActiveMQTextMessage message = new ActiveMQTextMessage();
        message.setContent(new ByteSequence(bytes.toByteArray()));
        return message;
    }

    /** A text message as an OpenWire (JMS) client's arrives: marshalled by the client, unmarshalled by the gateway. */
    private static ActiveMQTextMessage openWireText(String text) throws Exception {
        ActiveMQTextMessage sent = new ActiveMQTextMessage();
        sent.setText(text);
        sent.beforeMarshall(null);
        ActiveMQTextMessage received = new ActiveMQTextMessage();
        received.setContent(sent.getContent());
        return received;
    }

    @Test
    void readsUtf8JsonSentAsBytesAsTextOrAsAStompTextFrameAlike() throws Exception {
        byte[] utf8 = JSON.getBytes(StandardCharsets.UTF_8);
        for (ActiveMQMessage message :
                new ActiveMQMessage[] {bytesMessage(utf8), stompTextFrame(utf8), openWireText(JSON)}) {
            InboundBody body = InboundBody.of(message);
            assertThat(body.isRefused()).as(message.getClass().getSimpleName()).isFalse();
            assertThat(body.text()).isEqualTo(JSON);
        }
    }

    @Test
    void readsCharactersBeyondTheBasicPlaneAndEscapedNulFromEveryClient() throws Exception {
        String text = "{\"note\":\"\uD83D\uDE00\"}";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        assertThat(InboundBody.of(bytesMessage(utf8)).text()).isEqualTo(text);
        assertThat(InboundBody.of(stompTextFrame(utf8)).text())
                .as("ActiveMQ's own getText() throws on a 4-byte sequence from STOMP")
                .isEqualTo(text);
        assertThat(InboundBody.of(openWireText(text)).text())
                .as("OpenWire writes it as two 3-byte surrogates (modified UTF-8)")
                .isEqualTo(text);
        assertThat(InboundBody.of(openWireText("{\u0000}")).text())
                .as("and U+0000 as C0 80: read, so the gateway can name the control character")
                .isEqualTo("{\u0000}");
    }

    @Test
    void refusesMalformedUtf8NamingTheBytesAndWhereTheyAreNeverReplacingThem() throws Exception {
        byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '(', '"', '}'};
        for (ActiveMQMessage message : new ActiveMQMessage[] {bytesMessage(bad), stompTextFrame(bad)}) {
            InboundBody body = InboundBody.of(message);
            assertThat(body.verdict()).as(message.getClass().getSimpleName()).isEqualTo(InboundRecord.NOT_UTF8);
            assertThat(body.verdictDetail())
                    .isEqualTo("the body's bytes are not UTF-8: 0xC3 at byte 6 of 10 is no" + " UTF-8 sequence");
            assertThat(body.text())
                    .as("what could be read, so the answer names the sender; it travels as the verdict's echo only")
                    .isEqualTo("{\"a\":\"\uFFFD(\"}");
            assertThat(body.originalBytes()).isEqualTo(10);
        }
        assertThat(InboundBody.of(bytesMessage(new byte[] {'{', (byte) 0xFF, '}'}))
                        .verdictDetail())
                .contains("0xFF at byte 1 of 3");
        assertThat(InboundBody.of(bytesMessage(new byte[] {'{', (byte) 0xE2, (byte) 0x82}))
                        .verdictDetail())
                .as("a sequence cut off by the end of the body")
                .contains("0xE2 0x82 at byte 1 of 3");
    }

    @Test
    void acceptsADeclaredUtf8CharsetOrNoneAndRefusesAnyOtherByName() throws Exception {
        byte[] utf8 = JSON.getBytes(StandardCharsets.UTF_8);
        ActiveMQBytesMessage stomp =
                bytesMessage(utf8, InboundBody.STOMP_CONTENT_TYPE, "application/json;charset=UTF-8");
        assertThat(InboundBody.of(stomp).text()).isEqualTo(JSON);
        ActiveMQBytesMessage amqp =
                bytesMessage(utf8, InboundBody.AMQP_CONTENT_TYPE, "application/json; charset=\"utf8\"");
        assertThat(InboundBody.of(amqp).text()).isEqualTo(JSON);
        ActiveMQBytesMessage plain = bytesMessage(utf8, InboundBody.STOMP_CONTENT_TYPE, "application/json");
        assertThat(InboundBody.of(plain).text()).isEqualTo(JSON);

        ActiveMQBytesMessage latin1 = bytesMessage(
                JSON.getBytes(StandardCharsets.ISO_8859_1),
                InboundBody.AMQP_CONTENT_TYPE,
                "application/json; charset=ISO-8859-1");
        InboundBody refused = InboundBody.of(latin1);
        assertThat(refused.verdict()).isEqualTo(InboundRecord.NOT_UTF8);
        assertThat(refused.verdictDetail())
                .isEqualTo("the message declares charset ISO-8859-1 (content type \"application/json;"
                        + " charset=ISO-8859-1\"); bodies are UTF-8 only");
    }

    @Test
    void dropsAByteOrderMarkAsJsonParsersMay() throws Exception {
        byte[] withBom = ("\uFEFF" + JSON).getBytes(StandardCharsets.UTF_8);
        assertThat(InboundBody.of(bytesMessage(withBom)).text()).isEqualTo(JSON);
    }

    @Test
    void refusesABodyThatIsNeitherTextNorBytesByItsKind() throws Exception {
        ActiveMQMapMessage map = new ActiveMQMapMessage();
        map.setString("messageId", "BRK001-1");
        assertThat(InboundBody.of(map).verdict()).isEqualTo(InboundRecord.UNSUPPORTED_BODY);
        assertThat(InboundBody.of(map).verdictDetail())
                .isEqualTo("the body is a MapMessage (an AMQP map value); send the JSON as text or as bytes (UTF-8)");
        assertThat(InboundBody.of(new ActiveMQStreamMessage()).verdictDetail()).contains("StreamMessage");
        assertThat(InboundBody.of(new ActiveMQObjectMessage()).verdictDetail()).contains("ObjectMessage");
        assertThat(InboundBody.of(new ActiveMQMessage()).verdictDetail()).contains("without a body");
    }

    @Test
    void readsTheCharsetParameterOfAContentType() {
        assertThat(InboundBody.charsetOf("application/json")).isEmpty();
        assertThat(InboundBody.charsetOf("text/plain; format=flowed; Charset = \"windows-1252\""))
                .contains("windows-1252");
    }
}
