package io.tradewind.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.tradewind.model.topology.App;
import io.tradewind.model.topology.Queues;
import io.tradewind.model.topology.Stages;
import io.tradewind.model.trade.Side;
import io.tradewind.model.wire.WireJson;
import io.tradewind.tradematching.domain.PairingKey;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hostile corpus as data: inputs a participant (or a broken peer) may post that the wire contract refuses, each
 * with the answer it must get, and each posted between valid canary pairs in the same burst, so that an input which
 * stalls intake or poisons a batch shows up as a canary that never reaches its status. {@link HostileInputIT} posts it
 * on a running sandbox; {@link HostileCorpusTest} keeps it broad. Ids are unique per run and per case, and every
 * hostile trade has a quantity of its own, so an input that escapes (is booked instead of refused) never pairs with a
 * canary or another case.
 */
final class HostileCorpus {
    static final String BROKER = "BRK001";
    static final String MANAGER = "IM042";
    /** The recipient of a report whose input names no valid sender or party. */
    static final String UNKNOWN = "unknown";

    static final String SECURITY = "US0378331005";
    static final BigDecimal PRICE = new BigDecimal("187.2500");
    /** Trade matching's internal stream from ingestion to matching, where the poison records are put directly. */
    static final String MATCHING_STREAM = App.TRADE_MATCHING.streamInto(Stages.MATCHING);

    /** Where an input goes. */
    enum Target {
        TRADES(Queues.TRADES_INBOUND, Queues.TRADES_STATUS),
        SETTLEMENTS(Queues.SETTLEMENTS_INBOUND, Queues.SETTLEMENTS_STATUS),
        /** Answered by recording in trade-matching, never by a report: a peer app sends it, not a participant. */
        CONFIRMATIONS(Queues.SETTLEMENTS_CONFIRMATIONS, null),
        /** A record put straight on trade matching's internal stream, as a bug upstream (or a replay) could. */
        STREAM(MATCHING_STREAM, null);

        final String destination;
        /** The prefix of the private queues its answers go to, {@code <prefix>.<recipient>}; null when none do. */
        final String statusQueue;

        Target(String destination, String statusQueue) {
            this.destination = destination;
            this.statusQueue = statusQueue;
        }

        boolean isQueue() {
            return this != STREAM;
        }
    }

    /**
     * One message: text (a JMS TextMessage), raw bytes (a BytesMessage, for bodies that are not UTF-8 or too large to
     * read), or a stream record's bytes under a partition key.
     */
    record Post(Target target, String text, byte[] bytes, String partitionKey) {
        static Post text(Target target, String text) {
            return new Post(target, text, null, null);
        }

        static Post bytes(Target target, byte[] bytes) {
            return new Post(target, null, bytes, null);
        }

        static Post record(String partitionKey, byte[] data) {
            return new Post(Target.STREAM, null, data, partitionKey);
        }

        boolean isBytesMessage() {
            return bytes != null && target.isQueue();
        }

        byte[] data() {
            return bytes != null ? bytes : text.getBytes(StandardCharsets.UTF_8);
        }

        /** The body in a line: its start, printable, and its size when it is long. */
        String describe() {
            String shown = text != null ? text : new String(bytes, StandardCharsets.ISO_8859_1);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < shown.length() && out.length() < 60; i++) {
                char c = shown.charAt(i);
                out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02X", (int) c) : c);
            }
            String kind = isBytesMessage() ? "bytes " : "";
            return kind + out + (shown.length() > 60 ? "… (" + data().length + " bytes)" : "");
        }
    }

    /** An answer an input may get; a case passes when any one of its answers is observed. */
    sealed interface Answer permits Rejected, Quarantined, Recorded, Statuses, Silent {}

    /**
     * A REJECTED status report replying to the input (inReplyTo its messageId, or the broker's id when it names none)
     * on the private status queue of {@code recipient}, with a reason naming
     * {@code field} with one of {@code codes}.
     */
    record Rejected(String field, Set<String> codes, String recipient) implements Answer {
        @Override
        public String toString() {
            return "REJECTED " + field + ":" + String.join("|", codes) + " to " + recipient;
        }
    }

    /**
     * A row of {@code app}'s quarantine table from {@code stage} with {@code reason}, holding the input's bytes, and
     * the meter {@code tradewind.quarantined{stage,reason}} of that app up by it.
     */
    record Quarantined(String app, String stage, String reason) implements Answer {
        @Override
        public String toString() {
            return "quarantined by " + app + " at " + stage + " as " + reason;
        }
    }

    /**
     * A row of trade-matching's {@code rejected_input} for the input whose reasons name {@code field} with one of
     * {@code codes}: how a refused settlement confirmation is answered (it is a peer's bug, reported to nobody).
     */
    record Recorded(String field, Set<String> codes) implements Answer {
        @Override
        public String toString() {
            return "recorded rejected " + field + ":" + String.join("|", codes);
        }
    }

    /** Exactly these reports (in any order) for one trade side, and nothing else: no REJECTED among them. */
    record Statuses(String senderId, String tradeRef, List<String> statuses) implements Answer {
        @Override
        public String toString() {
            return senderId + "/" + tradeRef + " reported " + statuses;
        }
    }

    /** No answer at all: an identical redelivery of a message already answered is a silent duplicate. */
    record Silent() implements Answer {
        @Override
        public String toString() {
            return "no answer (silent duplicate)";
        }
    }

    /** One step of a burst: a canary pair or a hostile case. */
    sealed interface Step permits CanaryPair, Case {}

    /**
     * A hostile input, posted right after {@code setup} (messages it needs before it, such as the NEW a CANCEL
     * follows), with the answers that are acceptable.
     *
     * @param marker a string unique to this case that its raw bytes hold (to find it in a quarantine), or null
     * @param messageIds the messageIds the body names, which its report replies to
     */
    record Case(
            String id,
            String name,
            Post input,
            List<Post> setup,
            String marker,
            Set<String> messageIds,
            List<Answer> expected)
            implements Step {
        Target target() {
            return input.target();
        }

        String expectedText() {
            return expected.stream().map(Answer::toString).collect(Collectors.joining(" or "));
        }

        /** One line of the corpus: id, queue, input, expected answer. */
        String describe() {
            return String.format(
                    "%s  %-26s %s%n      input: %s%n      expected: %s",
                    id, target().destination, name, input.describe(), expectedText());
        }
    }

    /** A side a canary must bring to exactly these statuses: a trade side (sender, tradeRef) or an instruction. */
    record CanarySide(Target target, String senderOrParty, String ref, List<String> statuses) {
        String describe() {
            return senderOrParty + "/" + ref;
        }
    }

    /** A valid pair that must match and settle whatever was posted around it. */
    record CanaryPair(String label, List<Post> posts, List<CanarySide> sides) implements Step {}

    /** What is posted in one go: stream records first, then every message in one JMS transaction, in order. */
    record Burst(String name, List<Step> steps) {
        List<Post> posts() {
            List<Post> posts = new ArrayList<>();
            for (Step step : steps) {
                if (step instanceof CanaryPair canary) posts.addAll(canary.posts());
                else if (step instanceof Case hostile) {
                    posts.addAll(hostile.setup());
                    posts.add(hostile.input());
                }
            }
            return posts;
        }
    }

    private final List<Burst> bursts;

    private HostileCorpus(List<Burst> bursts) {
        this.bursts = List.copyOf(bursts);
    }

    List<Burst> bursts() {
        return bursts;
    }

    List<Case> cases() {
        return bursts.stream()
                .flatMap(burst -> burst.steps().stream())
                .filter(Case.class::isInstance)
                .map(Case.class::cast)
                .toList();
    }

    List<CanaryPair> canaries() {
        return bursts.stream()
                .flatMap(burst -> burst.steps().stream())
                .filter(CanaryPair.class::isInstance)
                .map(CanaryPair.class::cast)
                .toList();
    }

    /**
     * The corpus for business dates around {@code today} (UTC), with ids prefixed by {@code run}: a burst on
     * {@code trades.inbound} (after two poison records on the matching stream), one on {@code settlements.inbound},
     * and one on {@code settlements.confirmations} with trade canaries around each confirmation.
     */
    static HostileCorpus build(LocalDate today, String run) {
        Builder builder = new Builder(today, run);
        return new HostileCorpus(
                List.of(builder.tradesBurst(), builder.settlementsBurst(), builder.confirmationsBurst()));
    }

    // ------------------------------------------------------------------------------------------------- the corpus

    private static final class Builder {
        private final LocalDate today;
        private final String run;
        private int caseNumber;
        private int canaryNumber;
        private List<Step> steps;
        private CanaryPair lastCanary;
        private final Random random = new Random(20261207);

        Builder(LocalDate today, String run) {
            this.today = today;
            this.run = run;
        }

        Burst tradesBurst() {
            steps = new ArrayList<>();
            // The poison goes first, under the partition key of the canary after it, so a stalled shard would hold
            // that canary back.
            String key = pairingKeyOf(1000 + canaryNumber + 1);
            stream(
                    "a record that is not JSON",
                    n -> "this is not a trade command " + id(n) + " \u0000\u00ff",
                    key,
                    new Quarantined("trade-matching", "matching", "UNDECODABLE"));
            stream(
                    "a TradeCommand whose tradeId holds NUL, which PostgreSQL refuses",
                    n -> "{\"kind\":\"MATCH\",\"tradeId\":\"BRK001|" + id(n) + "\\u0000\",\"inputKey\":\"BRK001|"
                            + id(n) + "\",\"messageId\":\"" + id(n) + "\"}",
                    key,
                    new Quarantined("trade-matching", "matching", "REFUSED_BY_POSTGRES"));
            tradeCanary();

            // The headline: a 3 KB messageId used to stop all intake. It is answered to its (valid) sender.
            trade(
                    "messageId of 3 KB",
                    n -> trade(n).put("messageId", id(n) + "-" + "M".repeat(3072)),
                    tooLong("messageId"));
            trade(
                    "tradeRef of 100 characters",
                    n -> trade(n).put("tradeRef", id(n) + "-" + "R".repeat(100)),
                    tooLong("tradeRef"));
            // Past PostgreSQL's b-tree row limit (2,704 bytes) in the trade's primary key, and incompressible: a
            // store's
            // limit. Refused at the edge once the decoder limits it; until then the store refuses it and it is held.
            trade(
                    "tradeRef of 4,000 random characters (beyond PostgreSQL's index row limit)",
                    n -> trade(n).put("tradeRef", id(n) + "-" + randomAlphanumerics(4000)),
                    List.of(
                            tooLong("tradeRef"),
                            new Quarantined("trade-matching", "ingestion", "REFUSED_BY_POSTGRES")));
            trade(
                    "senderId of 200 characters",
                    n -> trade(n).put("senderId", "B".repeat(200)),
                    rejected("senderId", UNKNOWN, "TOO_LONG"));
            trade(
                    "executingBroker of 40 characters",
                    n -> trade(n).put("executingBroker", "BRK" + "0".repeat(37)),
                    tooLong("executingBroker"));
            trade(
                    "allocation account of 500 characters",
                    n -> trade(n).putRaw("allocations", "[" + allocation("1", "A".repeat(500), 50_000 + n) + "]"),
                    tooLong("allocations[0].account"));
            trade(
                    "tradeRef holding an escaped NUL",
                    n -> trade(n).putRaw("tradeRef", "\"" + id(n) + "\\u0000\""),
                    forbidden("tradeRef", BROKER));
            trade(
                    "messageId holding an escaped ESC",
                    n -> trade(n).putRaw("messageId", "\"" + id(n) + "\\u001b[2J\""),
                    forbidden("messageId", BROKER));
            trade(
                    "senderId holding an escaped BEL",
                    n -> trade(n).putRaw("senderId", "\"BRK\\u0007001\""),
                    forbidden("senderId", UNKNOWN));
            trade(
                    "tradeRef holding an escaped lone surrogate",
                    n -> trade(n).putRaw("tradeRef", "\"" + id(n) + "\\ud800\""),
                    forbidden("tradeRef", BROKER));
            // Raw control characters make the body something other than JSON text: it names nobody.
            tradeText(
                    "raw NUL inside the tradeRef",
                    n -> trade(n).json().replace(tradeRefOf(n), tradeRefOf(n).replace(id(n), id(n) + "\u0000")),
                    // The gateway reads no field, but a body's valid senderId still names who to answer.
                    forbidden("body", BROKER));
            tradeText(
                    "200 KB of raw control characters", n -> controlCharacters(200 * 1024), forbidden("body", UNKNOWN));
            // DEL may stand raw in a JSON string, so this body is JSON naming its sender; the contract refuses DEL.
            tradeText(
                    "raw DEL inside the tradeRef",
                    n -> trade(n).json().replace(tradeRefOf(n), tradeRefOf(n).replace(id(n), id(n) + "\u007f")),
                    forbidden("body", BROKER));
            // The rest of the body is readable and names its sender; only the tradeRef's bytes are broken.
            tradeBytes(
                    "BytesMessage with invalid UTF-8 (C3 28) in the tradeRef",
                    n -> withBytesAfter(
                            trade(n).json(),
                            tradeRefOf(n).substring(0, tradeRefOf(n).length() - 1),
                            new byte[] {(byte) 0xC3, 0x28}),
                    rejected("body", BROKER, "NOT_UTF8"));
            tradeBytes(
                    "BytesMessage of Latin-1 bytes",
                    n -> ("trade " + id(n) + " für Müller ÿÿ").getBytes(StandardCharsets.ISO_8859_1),
                    rejected("body", UNKNOWN, "NOT_UTF8"));
            // The body is never read, so it names nobody whatever it holds.
            tradeText(
                    "body of 300 KB (a trade padded with an unknown field)",
                    n -> trade(n).put("padding", "x".repeat(300 * 1024)).json(),
                    // Read (it is not far over the limit) and journaled empty under its sender and id.
                    rejected("body", BROKER, "TOO_LARGE"));
            tradeText(
                    "body of 1 MB", n -> id(n) + " " + "y".repeat(1024 * 1024), rejected("body", UNKNOWN, "TOO_LARGE"));
            tradeBytes(
                    "BytesMessage of 400 KB",
                    n -> (id(n) + " " + "z".repeat(400 * 1024)).getBytes(StandardCharsets.UTF_8),
                    rejected("body", UNKNOWN, "TOO_LARGE"));
            trade(
                    "price of 100,000 digits",
                    n -> trade(n).put("price", "1".repeat(100_000) + ".25"),
                    rejected("price", BROKER, "TOO_MANY_DIGITS"));
            trade(
                    "netAmount of 100,000 digits",
                    n -> trade(n).put("netAmount", "9".repeat(100_000) + ".00"),
                    rejected("netAmount", BROKER, "TOO_MANY_DIGITS"));
            // A JSON number of over 1,000 digits is refused by the parser before any field is read (then the body is
            // not JSON and names nobody); a reader that gets that far refuses the quantity. The contract leaves open
            // which, so both are accepted.
            trade(
                    "quantity of 100,000 digits",
                    n -> trade(n).putRaw("quantity", "7".repeat(100_000)),
                    List.of(
                            rejected("quantity", BROKER, "TOO_MANY_DIGITS", "OUT_OF_RANGE"),
                            // The contract: a JSON number of over 1,000 digits is refused by the parser, on body.
                            rejected("body", UNKNOWN, "MALFORMED_JSON", "TOO_MANY_DIGITS")));
            // Beyond a 64-bit integer: OUT_OF_RANGE before the limits, TOO_MANY_DIGITS after; the contract allows both.
            trade(
                    "quantity of 20 digits",
                    n -> trade(n).putRaw("quantity", "99999999999999999999"),
                    rejected("quantity", BROKER, "TOO_MANY_DIGITS", "OUT_OF_RANGE"));
            trade(
                    "price with 5 significant decimals",
                    n -> trade(n).put("price", "187.25001"),
                    rejected("price", BROKER, "TOO_MANY_DECIMALS"));
            trade("negative price", n -> trade(n).put("price", "-187.2500"), rejected("price", BROKER, "NOT_POSITIVE"));
            trade(
                    "tradeDate 1999-01-01",
                    n -> trade(n).put("tradeDate", "1999-01-01"),
                    rejected("tradeDate", BROKER, "OUT_OF_WINDOW"));
            trade(
                    "tradeDate 2100-01-01",
                    n -> trade(n).put("tradeDate", "2100-01-01").put("settlementDate", "2100-01-03"),
                    rejected("tradeDate", BROKER, "OUT_OF_WINDOW"));
            trade(
                    "settlementDate three years after the trade date",
                    n -> trade(n).put("settlementDate", today.plusYears(3).toString()),
                    rejected("settlementDate", BROKER, "OUT_OF_WINDOW"));
            trade("side SHORT", n -> trade(n).put("side", "SHORT"), unknownValue("side"));
            trade("messageType AMEND", n -> trade(n).put("messageType", "AMEND"), unknownValue("messageType"));
            trade("senderRole ROBOT", n -> trade(n).put("senderRole", "ROBOT"), unknownValue("senderRole"));
            // Not XXX: ISO 4217 defines XXX ("no currency") and java.util.Currency knows it.
            trade("currency ZZZ", n -> trade(n).put("currency", "ZZZ"), unknownValue("currency"));
            tradeText(
                    "not JSON",
                    n -> "BUY 1000 AAPL @ 187.25 please " + id(n),
                    rejected("body", UNKNOWN, "MALFORMED_JSON"));
            tradeText(
                    "a JSON array holding a trade",
                    n -> "[" + trade(n).json() + "]",
                    rejected("body", UNKNOWN, "NOT_AN_OBJECT"));
            tradeText("empty body", n -> "", rejected("body", UNKNOWN, "MALFORMED_JSON"));
            tradeText(
                    "JSON nested 100,000 deep",
                    n -> "{\"messageId\":\"" + id(n) + "\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}",
                    rejected("body", UNKNOWN, "MALFORMED_JSON"));
            tradeText(
                    "two messageIds in one body",
                    n -> trade(n).json()
                            .replace("{\"messageId\":", "{\"messageId\":\"" + id(n) + "-A\",\"messageId\":"),
                    rejected("body", UNKNOWN, "MALFORMED_JSON"));
            trade(
                    "unknown field",
                    n -> trade(n).put("comment", "please rush"),
                    rejected("comment", BROKER, "UNKNOWN_FIELD"));
            trade(
                    "quantity as a string",
                    n -> trade(n).put("quantity", "1000"),
                    rejected("quantity", BROKER, "WRONG_TYPE"));
            trade("security missing", n -> trade(n).remove("security"), rejected("security", BROKER, "MISSING"));
            // The body names a valid sender, so the sender hears why, even without an id to reply to.
            trade("messageId missing", n -> trade(n).remove("messageId"), rejected("messageId", BROKER, "MISSING"));
            trade(
                    "1,001 allocations",
                    n -> {
                        // 1,000 allocations of 1 and one of the rest: the trade keeps a quantity of its own.
                        StringBuilder allocations = new StringBuilder("[");
                        for (int i = 1; i <= 1000; i++)
                            allocations
                                    .append(allocation(Integer.toString(i), "ACC-" + i, 1))
                                    .append(',');
                        allocations.append(allocation("1001", "ACC-1001", 50_000 + n - 1000));
                        return trade(n).putRaw(
                                        "allocations", allocations.append("]").toString());
                    },
                    rejected("allocations", BROKER, "TOO_MANY_ITEMS"));
            trade(
                    "CANCEL carrying a price",
                    n -> cancel(n, BROKER, id(n)).put("price", "187.2500"),
                    rejected("price", BROKER, "NOT_ALLOWED"));
            String reusedId = messageIdOf(lastCanary.posts().get(0));
            trade(
                    "the preceding canary's messageId reused for another trade",
                    n -> trade(n).put("messageId", reusedId),
                    rejected("messageId", BROKER, "DUPLICATE_ID_CONFLICT"));
            Post redelivered = lastCanary.posts().get(1);
            add(new Case(
                    caseId(++caseNumber),
                    "identical redelivery of the preceding canary's IM side",
                    redelivered,
                    List.of(),
                    null,
                    Set.of(messageIdOf(redelivered)),
                    List.of(new Silent())));
            for (String sender : List.of(BROKER, MANAGER)) {
                int n = ++caseNumber;
                Post booked = Post.text(Target.TRADES, trade(n, sender).json());
                Post cancel = Post.text(
                        Target.TRADES,
                        cancel(n, sender, id(n)).put("messageId", id(n) + "-X").json());
                add(new Case(
                        caseId(n),
                        "CANCEL right behind its NEW from " + sender,
                        cancel,
                        List.of(booked),
                        id(n),
                        Set.of(id(n) + "-X"),
                        List.of(new Statuses(sender, id(n), List.of("UNMATCHED", "CANCELLED")))));
            }
            trade(
                    "CANCEL of a trade never booked",
                    n -> cancel(n, BROKER, id(n) + "-NEVER"),
                    rejected("tradeRef", BROKER, "UNKNOWN_TRADE"));
            return new Burst(Queues.TRADES_INBOUND, steps);
        }

        Burst settlementsBurst() {
            steps = new ArrayList<>();
            instructionCanary();
            instruction(
                    "instructionId of 500 characters",
                    n -> delivery(n).put("instructionId", id(n) + "-" + "I".repeat(500)),
                    rejected("instructionId", BROKER, "TOO_LONG"));
            instruction(
                    "messageId of 3 KB",
                    n -> delivery(n).put("messageId", id(n) + "-" + "M".repeat(3072)),
                    rejected("messageId", BROKER, "TOO_LONG"));
            instruction(
                    "party holding an escaped NUL",
                    n -> delivery(n).putRaw("party", "\"BRK\\u0000001\""),
                    rejected("party", UNKNOWN, "FORBIDDEN_CHARACTER"));
            instruction(
                    "party of 100 characters",
                    n -> delivery(n).put("party", "P".repeat(100)),
                    rejected("party", UNKNOWN, "TOO_LONG"));
            instruction(
                    "settlementAmount of 100,000 digits",
                    n -> delivery(n).put("settlementAmount", "1".repeat(100_000) + ".00"),
                    rejected("settlementAmount", BROKER, "TOO_MANY_DIGITS"));
            instruction(
                    "settlementAmount with 3 significant decimals",
                    n -> delivery(n).put("settlementAmount", "112350.001"),
                    rejected("settlementAmount", BROKER, "TOO_MANY_DECIMALS"));
            // Beyond a 64-bit integer: OUT_OF_RANGE before the limits, TOO_MANY_DIGITS after; the contract allows both.
            instruction(
                    "quantity of 20 digits",
                    n -> delivery(n).putRaw("quantity", "99999999999999999999"),
                    rejected("quantity", BROKER, "TOO_MANY_DIGITS", "OUT_OF_RANGE"));
            instruction(
                    "direction SIDEWAYS",
                    n -> delivery(n).put("direction", "SIDEWAYS"),
                    rejected("direction", BROKER, "UNKNOWN_VALUE"));
            instruction(
                    "currency ZZZ",
                    n -> delivery(n).put("currency", "ZZZ"),
                    rejected("currency", BROKER, "UNKNOWN_VALUE"));
            instruction(
                    "tradeDate 1999-01-01",
                    n -> delivery(n).put("tradeDate", "1999-01-01"),
                    rejected("tradeDate", BROKER, "OUT_OF_WINDOW"));
            instruction(
                    "intendedSettlementDate 2100-01-01",
                    n -> delivery(n).put("intendedSettlementDate", "2100-01-01"),
                    rejected("intendedSettlementDate", BROKER, "OUT_OF_WINDOW"));
            instruction(
                    "intendedSettlementDate before the tradeDate",
                    n -> delivery(n)
                            .put("intendedSettlementDate", today.minusDays(1).toString()),
                    rejected("intendedSettlementDate", BROKER, "SETTLEMENT_BEFORE_TRADE_DATE"));
            instruction(
                    "party equal to the counterparty",
                    n -> delivery(n).put("counterparty", BROKER),
                    rejected("counterparty", BROKER, "SAME_PARTY"));
            instructionText(
                    "not JSON", n -> "DELIVER 600 US0378331005 " + id(n), rejected("body", UNKNOWN, "MALFORMED_JSON"));
            instructionText(
                    "a JSON array holding an instruction",
                    n -> "[" + delivery(n).json() + "]",
                    rejected("body", UNKNOWN, "NOT_AN_OBJECT"));
            instructionBytes(
                    "BytesMessage of Latin-1 bytes",
                    n -> ("instruction " + id(n) + " ÿþ Straße").getBytes(StandardCharsets.ISO_8859_1),
                    rejected("body", UNKNOWN, "NOT_UTF8"));
            instructionText(
                    "body of 300 KB",
                    n -> delivery(n).put("padding", "x".repeat(300 * 1024)).json(),
                    // Journaled empty: trade matching sent it (as it sends every instruction), and it is no
                    // participant, so with its party gone the answer is no one's.
                    rejected("body", UNKNOWN, "TOO_LARGE"));
            instructionText(
                    "raw control characters inside the instructionId",
                    n -> delivery(n).json().replace(id(n) + "-1-DELIVER\"", id(n) + "-1-DELIVER\u0001\u0002\""),
                    rejected("body", BROKER, "FORBIDDEN_CHARACTER"));
            instruction(
                    "unknown field",
                    n -> delivery(n).put("comment", "urgent"),
                    rejected("comment", BROKER, "UNKNOWN_FIELD"));
            instruction(
                    "quantity as a string",
                    n -> delivery(n).put("quantity", "600"),
                    rejected("quantity", BROKER, "WRONG_TYPE"));
            instruction("matchId missing", n -> delivery(n).remove("matchId"), rejected("matchId", BROKER, "MISSING"));
            String reusedId = messageIdOf(lastCanary.posts().get(0));
            instruction(
                    "the preceding canary's messageId reused for another instruction",
                    n -> delivery(n).put("messageId", reusedId),
                    rejected("messageId", BROKER, "DUPLICATE_ID_CONFLICT"));
            Post redelivered = lastCanary.posts().get(1);
            add(new Case(
                    caseId(++caseNumber),
                    "identical redelivery of the preceding canary's RECEIVE",
                    redelivered,
                    List.of(),
                    null,
                    Set.of(messageIdOf(redelivered)),
                    List.of(new Silent())));
            return new Burst(Queues.SETTLEMENTS_INBOUND, steps);
        }

        /**
         * Confirmations that break the contract. Trade matching records each as rejected (reasons body:
         * INVALID_CONFIRMATION, whatever the decoder found, as its ingestion does now) or, once it records the
         * decoder's own reasons, with the field at fault; one whose id a store refuses may be quarantined instead.
         */
        Burst confirmationsBurst() {
            steps = new ArrayList<>();
            tradeCanary();
            confirmationText("not JSON", n -> "SETTLED " + id(n), recorded("body", "MALFORMED_JSON"));
            confirmation("matchId missing", n -> confirmation(n).remove("matchId"), recorded("matchId", "MISSING"));
            confirmation(
                    "the same instruction delivering and receiving",
                    n -> confirmation(n).put("receiveInstructionId", "M-" + id(n) + "-1-DELIVER"),
                    recorded("receiveInstructionId", "SAME_INSTRUCTION"));
            confirmation(
                    "matchId holding an escaped NUL",
                    n -> confirmation(n).putRaw("matchId", "\"M-" + id(n) + "\\u0000\""),
                    List.of(
                            invalidConfirmation(),
                            new Recorded("matchId", Set.of("FORBIDDEN_CHARACTER")),
                            new Quarantined("trade-matching", "matching", "REFUSED_BY_POSTGRES")));
            confirmation(
                    "messageId of 3 KB",
                    n -> confirmation(n).put("messageId", id(n) + "-" + "M".repeat(3072)),
                    recorded("messageId", "TOO_LONG"));
            confirmationText(
                    "body of 300 KB",
                    n -> confirmation(n).put("padding", "x".repeat(300 * 1024)).json(),
                    recorded("body", "TOO_LARGE"));
            confirmationBytes(
                    "BytesMessage of Latin-1 bytes",
                    n -> ("confirmation " + id(n) + " ÿþ").getBytes(StandardCharsets.ISO_8859_1),
                    recorded("body", "NOT_UTF8"));
            confirmationText(
                    "raw control characters inside the matchId",
                    n -> confirmation(n).json().replace("\"M-" + id(n) + "\"", "\"M-" + id(n) + "\u0001\u001f\""),
                    recorded("body", "FORBIDDEN_CHARACTER"));
            confirmation(
                    "unknown field",
                    n -> confirmation(n).put("comment", "settled early"),
                    recorded("comment", "UNKNOWN_FIELD"));
            return new Burst(Queues.SETTLEMENTS_CONFIRMATIONS, steps);
        }

        // ------------------------------------------------------------------------------------- adding cases

        private interface Body {
            Json of(int n);
        }

        private interface Text {
            String of(int n);
        }

        private interface Bytes {
            byte[] of(int n);
        }

        private Case trade(String name, Body body, Answer expected) {
            return trade(name, body, List.of(expected));
        }

        private Case trade(String name, Body body, List<Answer> expected) {
            return tradeText(name, n -> body.of(n).json(), expected);
        }

        private Case tradeText(String name, Text text, Answer expected) {
            return tradeText(name, text, List.of(expected));
        }

        private Case tradeText(String name, Text text, List<Answer> expected) {
            int n = ++caseNumber;
            return add(hostile(n, name, Post.text(Target.TRADES, text.of(n)), expected));
        }

        private Case tradeBytes(String name, Bytes bytes, Answer expected) {
            int n = ++caseNumber;
            return add(hostile(n, name, Post.bytes(Target.TRADES, bytes.of(n)), List.of(expected)));
        }

        private Case instruction(String name, Body body, Answer expected) {
            return instructionText(name, n -> body.of(n).json(), expected);
        }

        private Case instructionText(String name, Text text, Answer expected) {
            int n = ++caseNumber;
            return add(hostile(n, name, Post.text(Target.SETTLEMENTS, text.of(n)), List.of(expected)));
        }

        private Case instructionBytes(String name, Bytes bytes, Answer expected) {
            int n = ++caseNumber;
            return add(hostile(n, name, Post.bytes(Target.SETTLEMENTS, bytes.of(n)), List.of(expected)));
        }

        private Case confirmation(String name, Body body, List<Answer> expected) {
            int n = ++caseNumber;
            return add(
                    hostile(n, name, Post.text(Target.CONFIRMATIONS, body.of(n).json()), expected));
        }

        private Case confirmation(String name, Body body, Answer expected) {
            return confirmation(name, body, List.of(invalidConfirmation(), expected));
        }

        private Case confirmationText(String name, Text text, Answer expected) {
            int n = ++caseNumber;
            return add(hostile(
                    n, name, Post.text(Target.CONFIRMATIONS, text.of(n)), List.of(invalidConfirmation(), expected)));
        }

        private Case confirmationBytes(String name, Bytes bytes, Answer expected) {
            int n = ++caseNumber;
            return add(hostile(
                    n, name, Post.bytes(Target.CONFIRMATIONS, bytes.of(n)), List.of(invalidConfirmation(), expected)));
        }

        private void stream(String name, Text text, String partitionKey, Answer expected) {
            int n = ++caseNumber;
            steps.add(hostile(
                    n,
                    name,
                    Post.record(partitionKey, text.of(n).getBytes(StandardCharsets.UTF_8)),
                    List.of(expected)));
        }

        private Case hostile(int n, String name, Post input, List<Answer> expected) {
            return new Case(caseId(n), name, input, List.of(), id(n), Set.copyOf(messageIdsOf(input)), expected);
        }

        /** Adds a case to the burst, and a canary pair after it (the one before it is the previous step). */
        private Case add(Case hostile) {
            steps.add(hostile);
            switch (hostile.target()) {
                case SETTLEMENTS -> instructionCanary();
                case TRADES, CONFIRMATIONS -> tradeCanary();
                case STREAM -> {}
            }
            return hostile;
        }

        // ------------------------------------------------------------------------------------------ canaries

        /**
         * A matched trade pair: the side booked first is UNMATCHED until the other arrives (trades are partitioned by
         * trade id, so either may be first), then both are MATCHED and, through the settle loop, SETTLED. Every tenth canary's manager writes its price with six
         * decimals ("187.250000"): trailing zeros are the same price, so it must still match.
         */
        private void tradeCanary() {
            int n = ++canaryNumber;
            long quantity = 1000 + n;
            String brokerRef = run + "-C" + n + "-B";
            String managerRef = run + "-C" + n + "-I";
            boolean sixDecimals = n % 10 == 3;
            Json broker = trade(brokerRef, BROKER, brokerRef, quantity);
            Json manager = trade(managerRef, MANAGER, managerRef, quantity);
            if (sixDecimals) manager.put("price", "187.250000");
            List<Post> posts =
                    List.of(Post.text(Target.TRADES, broker.json()), Post.text(Target.TRADES, manager.json()));
            List<CanarySide> sides = List.of(
                    new CanarySide(Target.TRADES, BROKER, brokerRef, List.of("UNMATCHED", "MATCHED", "SETTLED")),
                    new CanarySide(Target.TRADES, MANAGER, managerRef, List.of("MATCHED", "SETTLED")));
            lastCanary = new CanaryPair("C" + n + (sixDecimals ? " (manager's price 187.250000)" : ""), posts, sides);
            steps.add(lastCanary);
        }

        /** A matching DELIVER/RECEIVE pair with a match id of its own: UNMATCHED (the first), MATCHED, SETTLED. */
        private void instructionCanary() {
            int n = ++canaryNumber;
            String matchId = "M-" + run + "-C" + n;
            Json delivery = instruction(matchId, "DELIVER");
            Json receipt = instruction(matchId, "RECEIVE");
            List<Post> posts = List.of(
                    Post.text(Target.SETTLEMENTS, delivery.json()), Post.text(Target.SETTLEMENTS, receipt.json()));
            List<CanarySide> sides = List.of(
                    new CanarySide(
                            Target.SETTLEMENTS,
                            BROKER,
                            matchId + "-1-DELIVER",
                            List.of("UNMATCHED", "MATCHED", "SETTLED")),
                    new CanarySide(Target.SETTLEMENTS, MANAGER, matchId + "-1-RECEIVE", List.of("MATCHED", "SETTLED")));
            lastCanary = new CanaryPair("C" + n, posts, sides);
            steps.add(lastCanary);
        }

        // ------------------------------------------------------------------------------------------- bodies

        /** The case's own id, the marker its bytes carry: no id is part of another (H007 is not in H070). */
        private String id(int n) {
            return run + "-" + caseId(n);
        }

        /** The tradeRef field of a hostile trade as its JSON writes it. */
        private String tradeRefOf(int n) {
            return "\"tradeRef\":\"" + id(n) + "\"";
        }

        private String caseId(int n) {
            return String.format("H%03d", n);
        }

        /** A hostile case's valid starting point: a broker's NEW of its own quantity, which pairs with nothing. */
        private Json trade(int n) {
            return trade(n, BROKER);
        }

        private Json trade(int n, String sender) {
            return trade(id(n), sender, id(n), 50_000 + n);
        }

        private Json trade(String messageId, String sender, String tradeRef, long quantity) {
            return new Json()
                    .put("messageId", messageId)
                    .put("messageType", "NEW")
                    .put("senderId", sender)
                    .put("senderRole", sender.equals(BROKER) ? "BROKER" : "INVESTMENT_MANAGER")
                    .put("tradeRef", tradeRef)
                    .put("executingBroker", BROKER)
                    .put("investmentManager", MANAGER)
                    .put("side", "BUY")
                    .put("security", SECURITY)
                    .putRaw("quantity", Long.toString(quantity))
                    .put("price", PRICE.toPlainString())
                    .put("currency", "USD")
                    .put("tradeDate", today.toString())
                    .put("settlementDate", today.plusDays(2).toString())
                    .put(
                            "netAmount",
                            PRICE.multiply(BigDecimal.valueOf(quantity))
                                    .setScale(2)
                                    .toPlainString())
                    .putRaw("allocations", "[" + allocation("1", "ACC-1", quantity) + "]");
        }

        private Json cancel(int n, String sender, String tradeRef) {
            return new Json()
                    .put("messageId", id(n))
                    .put("messageType", "CANCEL")
                    .put("senderId", sender)
                    .put("senderRole", sender.equals(BROKER) ? "BROKER" : "INVESTMENT_MANAGER")
                    .put("tradeRef", tradeRef);
        }

        private static String allocation(String allocationId, String account, long quantity) {
            return "{\"allocationId\":" + Json.quote(allocationId) + ",\"account\":" + Json.quote(account)
                    + ",\"quantity\":" + quantity + "}";
        }

        /** A hostile case's valid starting point: the broker's DELIVER for a match id of its own. */
        private Json delivery(int n) {
            return instruction("M-" + id(n), "DELIVER").put("messageId", id(n));
        }

        private Json instruction(String matchId, String direction) {
            boolean delivers = direction.equals("DELIVER");
            String instructionId = matchId + "-1-" + direction;
            return new Json()
                    .put("messageId", "SI-" + instructionId)
                    .put("instructionId", instructionId)
                    .put("matchId", matchId)
                    .put("allocationId", "1")
                    .put("direction", direction)
                    .put("party", delivers ? BROKER : MANAGER)
                    .put("counterparty", delivers ? MANAGER : BROKER)
                    .put("security", SECURITY)
                    .putRaw("quantity", "600")
                    .put("settlementAmount", "112350.00")
                    .put("currency", "USD")
                    .put("tradeDate", today.toString())
                    .put("intendedSettlementDate", today.plusDays(2).toString());
        }

        /** A confirmation, as settlement matching writes them, for a match trade matching never decided. */
        private Json confirmation(int n) {
            String matchId = "M-" + id(n);
            return new Json()
                    .put("messageId", id(n))
                    .put("settlementMatchId", "S" + matchId)
                    .put("matchId", matchId)
                    .put("allocationId", "1")
                    .put("deliverInstructionId", matchId + "-1-DELIVER")
                    .put("receiveInstructionId", matchId + "-1-RECEIVE");
        }

        private String pairingKeyOf(long quantity) {
            return new PairingKey(BROKER, MANAGER, Side.BUY, SECURITY, today, quantity).asPartitionKey();
        }

        private String randomAlphanumerics(int length) {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
            StringBuilder out = new StringBuilder(length);
            for (int i = 0; i < length; i++) out.append(alphabet.charAt(random.nextInt(alphabet.length())));
            return out.toString();
        }

        private String controlCharacters(int length) {
            StringBuilder out = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                char c = (char) random.nextInt(0x20);
                out.append(c == '\t' || c == '\n' || c == '\r' ? '\u0000' : c);
            }
            return out.toString();
        }
    }

    // --------------------------------------------------------------------------------------------------- helpers

    private static Answer tooLong(String field) {
        return rejected(field, BROKER, "TOO_LONG");
    }

    private static Answer forbidden(String field, String recipient) {
        return rejected(field, recipient, "FORBIDDEN_CHARACTER");
    }

    private static Answer unknownValue(String field) {
        return rejected(field, BROKER, "UNKNOWN_VALUE");
    }

    private static Rejected rejected(String field, String recipient, String... codes) {
        return new Rejected(field, Set.of(codes), recipient);
    }

    private static Recorded recorded(String field, String code) {
        return new Recorded(field, Set.of(code));
    }

    /** How trade matching's ingestion records every confirmation it refuses, whatever the decoder found. */
    private static Recorded invalidConfirmation() {
        return new Recorded("body", Set.of("INVALID_CONFIRMATION"));
    }

    /** The body's bytes with {@code inserted} right after the first occurrence of {@code after}. */
    private static byte[] withBytesAfter(String body, String after, byte[] inserted) {
        int at = body.indexOf(after) + after.length();
        byte[] head = body.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] tail = body.substring(at).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + inserted.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(inserted, 0, out, head.length, inserted.length);
        System.arraycopy(tail, 0, out, head.length + inserted.length, tail.length);
        return out;
    }

    /**
     * The messageIds a post's body names at its top level, as far as it can be read: every one of them when a body
     * repeats the field, and those before the point where a body stops being JSON.
     */
    static Set<String> messageIdsOf(Post post) {
        Set<String> ids = new LinkedHashSet<>();
        // Bytes that are not UTF-8 are read as the gateway reads them: each bad sequence becomes U+FFFD.
        String text = post.text() != null ? post.text() : new String(post.bytes(), StandardCharsets.UTF_8);
        try (JsonParser parser = new JsonFactory().createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) return ids;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (parser.nextToken() == JsonToken.VALUE_STRING && name.equals("messageId")) ids.add(parser.getText());
                else parser.skipChildren();
            }
        } catch (IOException | RuntimeException notJson) {
            // what was read before it is all a report can reply to; otherwise it replies to the broker's id
        }
        return ids;
    }

    static String messageIdOf(Post post) {
        return messageIdsOf(post).iterator().next();
    }

    /**
     * A JSON object written field by field, each value as raw JSON text, so a body can hold what no JSON library would
     * write: escaped NULs, lone surrogates, 100,000-digit numbers.
     */
    static final class Json {
        private final Map<String, String> fields = new LinkedHashMap<>();

        Json put(String name, String value) {
            fields.put(name, quote(value));
            return this;
        }

        Json putRaw(String name, String rawJson) {
            fields.put(name, rawJson);
            return this;
        }

        Json remove(String name) {
            fields.remove(name);
            return this;
        }

        String json() {
            return fields.entrySet().stream()
                    .map(field -> quote(field.getKey()) + ":" + field.getValue())
                    .collect(Collectors.joining(",", "{", "}"));
        }

        static String quote(String value) {
            try {
                return WireJson.mapper().writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
