package io.tradewind.platform.gateway;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.apache.activemq.command.ActiveMQTextMessage;
import org.apache.activemq.util.ByteSequence;

/**
 * The JSON text of an inbound message however a participant's client sent it, or why it has none. Over OpenWire a JMS
 * client sends a TextMessage; a STOMP frame with a {@code content-length} header arrives as a BytesMessage and one
 * without as a TextMessage holding the frame's raw bytes; an AMQP {@code data} section arrives as a BytesMessage (a
 * TextMessage when its content type is textual UTF-8 and its bytes decode), an {@code amqp-value} string as a
 * TextMessage. Every byte form is decoded as strict UTF-8: a malformed sequence is refused, naming where it starts,
 * never replaced. A charset other than UTF-8 declared by the client (STOMP's {@code content-type} header, AMQP's
 * content type) is refused by name, and a body of another kind (a map, a stream, an object, none) is refused as such.
 *
 * @param text the body's text; when refused, what could be read of it (an echo for the answer, never decoded)
 * @param originalBytes the body's size in bytes as received (its UTF-8 size for text read through the JMS API)
 * @param verdict {@link InboundRecord#NOT_UTF8} or {@link InboundRecord#UNSUPPORTED_BODY} when refused, else null
 * @param verdictDetail what was wrong, in words, when refused
 */
record InboundBody(String text, int originalBytes, String verdict, String verdictDetail) {
    /** The header a STOMP frame's content type arrives in (ActiveMQ copies every unknown header to a property). */
    static final String STOMP_CONTENT_TYPE = "content-type";
    /** The property ActiveMQ's AMQP transport keeps an AMQP message's content type in. */
    static final String AMQP_CONTENT_TYPE = "JMS_AMQP_ContentType";

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    /** The length prefix ActiveMQ's text message content starts with. */
    private static final int TEXT_LENGTH_PREFIX = 4;

    static InboundBody accepted(String text, int originalBytes) {
        return new InboundBody(text, originalBytes, null, null);
    }

    /**
     * A refused body; {@code echo} is what could be read of it (bad bytes replaced), which travels only as the short echo
     * of a verdict and lets the answer name the sender and message id the rest of the body gives.
     */
    static InboundBody refused(String verdict, String detail, String echo, int originalBytes) {
        return new InboundBody(echo, originalBytes, verdict, detail);
    }

    boolean isRefused() {
        return verdict != null;
    }

    /** Reads the body of {@code message}; never throws for what a sender put in it. */
    static InboundBody of(Message message) throws JMSException {
        InboundBody body;
        if (message instanceof BytesMessage bytes) {
            byte[] data = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(data);
            body = decodeStrict(data, 0, data.length);
        } else if (message instanceof TextMessage text) {
            body = textOf(text);
        } else {
            return refused(
                    InboundRecord.UNSUPPORTED_BODY,
                    "the body is " + kindOf(message) + "; send the JSON as text or as bytes (UTF-8)",
                    "",
                    0);
        }
        Optional<String> charset = declaredCharset(message);
        if (charset.isEmpty() || isUtf8(charset.get())) return body;
        // Named before any bad byte: the declaration is what the sender must change.
        return refused(
                InboundRecord.NOT_UTF8,
                "the message declares charset " + charset.get() + " (content type \""
                        + contentType(message).orElse("") + "\"); bodies are UTF-8 only",
                body.text(),
                body.originalBytes());
    }

    /**
     * A text message's body. ActiveMQ keeps it marshalled: the raw bytes a STOMP client sent, or the modified UTF-8 an
     * OpenWire client's text was written in. Strict UTF-8 reads the first and most of the second; what it refuses is
     * read through the JMS API (modified UTF-8 writes U+0000 and characters beyond U+FFFF its own way), and only when
     * that fails too is the body not UTF-8.
     */
    private static InboundBody textOf(TextMessage message) throws JMSException {
        ByteSequence content =
                message instanceof ActiveMQTextMessage amq && !amq.isCompressed() ? amq.getContent() : null;
        if (content != null && content.getLength() >= TEXT_LENGTH_PREFIX) {
            int offset = content.getOffset() + TEXT_LENGTH_PREFIX;
            int length = content.getLength() - TEXT_LENGTH_PREFIX;
            InboundBody strict = decodeStrict(content.getData(), offset, length);
            if (!strict.isRefused()) return strict;
            try {
                String text = message.getText();
                return accepted(text == null ? "" : text, length);
            } catch (JMSException notModifiedUtf8) {
                return strict;
            }
        }
        String text = message.getText();
        if (text == null) return accepted("", 0);
        return accepted(text, text.getBytes(StandardCharsets.UTF_8).length);
    }

    /** Decodes {@code length} bytes at {@code offset} as UTF-8, refusing the first malformed sequence by position. */
    static InboundBody decodeStrict(byte[] data, int offset, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data, offset, length);
        CharBuffer out = CharBuffer.allocate(length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) {
            int at = in.position() - offset;
            int bad = Math.min(result.length(), length - at);
            StringBuilder bytes = new StringBuilder();
            for (int i = 0; i < Math.max(bad, 1) && at + i < length; i++)
                bytes.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "0x%02X", data[offset + at + i]));
            return refused(
                    InboundRecord.NOT_UTF8,
                    "the body's bytes are not UTF-8: " + bytes + " at byte " + at + " of " + length
                            + " is no UTF-8 sequence",
                    new String(data, offset, length, StandardCharsets.UTF_8),
                    length);
        }
        out.flip();
        String text = out.toString();
        // RFC 8259 lets a parser ignore a byte order mark; some writers (.NET's) put one before UTF-8.
        if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) text = text.substring(1);
        return accepted(text, length);
    }

    /** The charset parameter of the content type the client declared, if it declared one. */
    static Optional<String> declaredCharset(Message message) throws JMSException {
        return contentType(message).flatMap(InboundBody::charsetOf);
    }

    private static Optional<String> contentType(Message message) throws JMSException {
        for (String property : new String[] {STOMP_CONTENT_TYPE, AMQP_CONTENT_TYPE}) {
            Object value = message.getObjectProperty(property);
            if (value != null) return Optional.of(value.toString());
        }
        return Optional.empty();
    }

    /** The {@code charset} parameter of a MIME content type ({@code application/json; charset="utf-8"}). */
    static Optional<String> charsetOf(String contentType) {
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int equals = parameter.indexOf('=');
            if (equals < 0) continue;
            if (!parameter.substring(0, equals).trim().equalsIgnoreCase("charset")) continue;
            String value = parameter.substring(equals + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
                value = value.substring(1, value.length() - 1);
            return Optional.of(value);
        }
        return Optional.empty();
    }

    private static boolean isUtf8(String charset) {
        String name = charset.trim().toLowerCase(Locale.ROOT);
        return name.equals("utf-8") || name.equals("utf8");
    }

    private static String kindOf(Message message) {
        if (message instanceof MapMessage) return "a MapMessage (an AMQP map value)";
        if (message instanceof StreamMessage) return "a StreamMessage (an AMQP list or sequence)";
        if (message instanceof ObjectMessage) return "an ObjectMessage (a serialized object or another AMQP value)";
        return "empty (a message without a body)";
    }
}
