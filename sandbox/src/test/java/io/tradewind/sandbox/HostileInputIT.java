package io.tradewind.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.junit.QueueProbe;
import io.tradewind.localaws.mq.BrokerLogin;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.topology.App;
import io.tradewind.model.wire.Envelope;
import io.tradewind.model.wire.WireJson;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.gateway.JmsInboundGateway;
import io.tradewind.platform.quarantine.Quarantine;
import io.tradewind.sandbox.HostileCorpus.Answer;
import io.tradewind.sandbox.HostileCorpus.Burst;
import io.tradewind.sandbox.HostileCorpus.CanaryPair;
import io.tradewind.sandbox.HostileCorpus.CanarySide;
import io.tradewind.sandbox.HostileCorpus.Case;
import io.tradewind.sandbox.HostileCorpus.Post;
import io.tradewind.sandbox.HostileCorpus.Quarantined;
import io.tradewind.sandbox.HostileCorpus.Recorded;
import io.tradewind.sandbox.HostileCorpus.Rejected;
import io.tradewind.sandbox.HostileCorpus.Silent;
import io.tradewind.sandbox.HostileCorpus.Statuses;
import io.tradewind.sandbox.HostileCorpus.Step;
import io.tradewind.sandbox.HostileCorpus.Target;
import io.tradewind.sandbox.console.ConsoleSandbox;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The hostile corpus ({@link HostileCorpus}) on a running sandbox: every input is posted between valid canary pairs in
 * a few bursts, then, once everything is answered, each input must have got its answer (a REJECTED report naming the
 * field and code, to its sender or to {@code unknown}; a quarantine row with its meter; a recorded rejection of a
 * confirmation), and every canary must have matched and settled exactly once. A failure names each input that escaped
 * and what it got instead. On the sandbox the console's tests share ({@link ConsoleSandbox}), last: a rotation's
 * reconciliation after it would find the quarantined inputs undecided; the console's tests leave both apps in
 * us-east-1 and the generator Off, as the sandbox starts.
 */
@ExtendWith(ConsoleSandbox.class)
@Order(ConsoleSandbox.LAST)
class HostileInputIT {
    /** How long the platform gets to answer everything after the last post. */
    private static final Duration ANSWERS_TIMEOUT = Duration.ofSeconds(180);
    /** How long nothing new may arrive before the answers are judged, so a late duplicate is seen. */
    private static final Duration QUIET = Duration.ofSeconds(3);

    private static final String TRADE_MATCHING = App.TRADE_MATCHING.id();
    private static final String SETTLEMENT_MATCHING = App.SETTLEMENT_MATCHING.id();

    private static Sandbox sandbox;
    private static QueueProbe tradeStatuses;
    private static QueueProbe settlementStatuses;
    private static long startNanos;
    private static Duration startupTime;

    @BeforeAll
    static void watchTheStatusQueues() throws Exception {
        startNanos = System.nanoTime();
        sandbox = ConsoleSandbox.get();
        // The generator stays Off: every message here is one of ours.
        sandbox.switchGenerator(false);
        startupTime = Duration.ofNanos(System.nanoTime() - startNanos);
        EmulatedRegion primary = primary();
        // Every participant's private status queue, watched as the operator watches them: it may read every queue.
        BrokerLogin operator = sandbox.localAws().login(ServiceIdentity.OPERATOR);
        tradeStatuses = QueueProbe.on(primary.brokerUri(), App.TRADE_MATCHING.everyStatusQueue(), operator);
        settlementStatuses = QueueProbe.on(primary.brokerUri(), App.SETTLEMENT_MATCHING.everyStatusQueue(), operator);
    }

    @AfterAll
    static void stopWatching() throws Exception {
        if (tradeStatuses != null) tradeStatuses.close();
        if (settlementStatuses != null) settlementStatuses.close();
    }

    @Test
    void everyHostileInputIsAnsweredOrQuarantinedAndEveryCanaryAroundItSettles() throws Exception {
        String run = "HX"
                + Long.toString(System.currentTimeMillis() % 60_466_176L, 36).toUpperCase();
        HostileCorpus corpus = HostileCorpus.build(LocalDate.now(ZoneOffset.UTC), run);
        Map<String, Double> metersBefore = quarantineMeters();

        Map<String, String> brokerIds = postAll(corpus);
        Judge judge = new Judge(corpus, brokerIds, metersBefore);
        long postedNanos = System.nanoTime();
        try {
            await().atMost(ANSWERS_TIMEOUT)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> judge.allResolved(corpus, observe()));
        } catch (ConditionTimeoutException notEverythingAnswered) {
            // judged below, input by input: the failure says which ones got no answer
        }
        AtomicInteger lastTotal = new AtomicInteger(-1);
        try {
            await().during(QUIET).atMost(QUIET.multipliedBy(5)).until(() -> {
                int total = tradeStatuses.total() + settlementStatuses.total();
                return lastTotal.getAndSet(total) == total;
            });
        } catch (ConditionTimeoutException neverQuiet) {
            // still judged: a report that keeps coming shows up as a duplicate or an unexpected status
        }
        Duration answeringTime = Duration.ofNanos(System.nanoTime() - postedNanos);

        Observed observed = observe();
        List<String> escaped = new ArrayList<>();
        int answeredAsExpected = 0;
        StringBuilder table = new StringBuilder("Hostile corpus, run " + run + System.lineSeparator());
        Map<String, Integer> quarantinedByTag = new HashMap<>();
        for (Case hostile : corpus.cases()) {
            Answer got = judge.satisfiedAnswer(hostile, observed);
            table.append(got != null ? "PASS " : "FAIL ")
                    .append(hostile.describe())
                    .append(System.lineSeparator())
                    .append("      got: ")
                    .append(judge.describeObserved(hostile, observed))
                    .append(System.lineSeparator());
            if (got == null)
                escaped.add(hostile.id() + " " + hostile.target().destination + " '" + hostile.name() + "': expected "
                        + hostile.expectedText() + "; got " + judge.describeObserved(hostile, observed));
            else answeredAsExpected++;
            if (got instanceof Quarantined q)
                quarantinedByTag.merge(tag(q.app(), q.stage(), q.reason()), 1, Integer::sum);
        }
        quarantinedByTag.forEach((tag, count) -> {
            double rose = observed.meters().getOrDefault(tag, 0.0) - metersBefore.getOrDefault(tag, 0.0);
            if (rose < count)
                escaped.add("meter " + Quarantine.METER + " " + tag + " rose by " + rose + " for " + count
                        + " quarantined inputs");
        });
        for (CanaryPair canary : corpus.canaries()) {
            // Either side of a pair may be booked first and wait UNMATCHED (they travel on different shards): each
            // side must reach its statuses with or without that first UNMATCHED, and exactly one side waited.
            int waited = 0;
            for (CanarySide side : canary.sides()) {
                List<String> statuses = observed.statusesOf(side.target(), side.senderOrParty(), side.ref());
                boolean firstWaited = !statuses.isEmpty() && statuses.get(0).equals("UNMATCHED");
                if (firstWaited) waited++;
                List<String> expected = withoutLeadingUnmatched(side.statuses());
                List<String> reached = firstWaited ? statuses.subList(1, statuses.size()) : statuses;
                if (!reached.equals(expected))
                    escaped.add("canary " + canary.label() + " " + side.describe() + ": expected " + expected
                            + " (after UNMATCHED if it was first), got " + statuses);
            }
            if (waited != 1)
                escaped.add("canary " + canary.label() + ": " + waited + " sides waited UNMATCHED, expected one");
        }
        tradeStatuses.duplicated().forEach(id -> escaped.add("trade report delivered twice: " + id));
        settlementStatuses.duplicated().forEach(id -> escaped.add("settlement report delivered twice: " + id));

        Duration wallTime = Duration.ofNanos(System.nanoTime() - startNanos);
        table.append(String.format(
                "%d inputs (%d answered as expected), %d canary pairs; the shared sandbox ready in %d s, answers took %d s,"
                        + " wall time %d s%n",
                corpus.cases().size(),
                answeredAsExpected,
                corpus.canaries().size(),
                startupTime.toSeconds(),
                answeringTime.toSeconds(),
                wallTime.toSeconds()));
        System.out.println(table);
        assertThat(escaped)
                .as("hostile inputs that escaped their answer, canaries that did not settle, duplicates")
                .isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ posting

    /**
     * Posts each burst: its stream records first, then every message in one JMS transaction, in order (QueueProbe.post
     * sends text only and keeps no ids; a body that is not UTF-8 must travel as a BytesMessage, and a report to a body
     * without an id replies to the broker's id). Returns each case's broker message id by case id.
     */
    private static Map<String, String> postAll(HostileCorpus corpus) throws JMSException {
        EmulatedRegion primary = primary();
        AwsClientFactory clients = new AwsClientFactory(
                AwsSettings.local(primary.name(), primary.kinesisEndpoint(), primary.dynamoDbEndpoint()));
        Map<String, String> brokerIds = new HashMap<>();
        try (KinesisClient kinesis = clients.kinesis()) {
            for (Burst burst : corpus.bursts()) {
                for (Post post : burst.posts())
                    if (!post.target().isQueue())
                        kinesis.putRecord(put -> put.streamName(post.target().destination)
                                .partitionKey(post.partitionKey())
                                .data(SdkBytes.fromByteArray(post.bytes())));
                List<Post> queued =
                        burst.posts().stream().filter(p -> p.target().isQueue()).toList();
                List<String> ids = post(primary.brokerUri(), queued);
                int at = 0;
                for (Step step : burst.steps()) {
                    if (step instanceof CanaryPair canary) at += canary.posts().size();
                    else if (step instanceof Case hostile && hostile.target().isQueue()) {
                        at += hostile.setup().size();
                        brokerIds.put(hostile.id(), ids.get(at++));
                    }
                }
            }
        }
        return brokerIds;
    }

    /**
     * Posted as the operator identity, the one user that may write every inbound queue, so a burst's messages to
     * several queues stay in one transaction, in order; each carries the sender it is posted for, as the runbook's
     * moved messages do ({@link JmsInboundGateway#FORWARDED_FOR_PROPERTY}), see {@link #senderOf}.
     */
    /**
     * Who posts a message: a trade its body's sender when that is one of the corpus's participants, else the corpus's
     * broker (a hostile body is answered to who sent it); an instruction trade matching, as its egress does; a
     * confirmation settlement matching, the one identity that may confirm.
     */
    static String senderOf(Post post) {
        return switch (post.target()) {
            case TRADES ->
                Optional.ofNullable(post.text())
                        .flatMap(Envelope::peekSender)
                        .filter(sender -> sender.equals(HostileCorpus.BROKER) || sender.equals(HostileCorpus.MANAGER))
                        .orElse(HostileCorpus.BROKER);
            case SETTLEMENTS -> ServiceIdentity.TRADE_MATCHING.user();
            case CONFIRMATIONS, STREAM -> ServiceIdentity.SETTLEMENT_MATCHING.user();
        };
    }

    private static List<String> post(URI broker, List<Post> posts) throws JMSException {
        BrokerLogin operator = sandbox.localAws().login(ServiceIdentity.OPERATOR);
        try (Connection connection = QueueProbe.broker(broker, operator).createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(null);
            List<String> ids = new ArrayList<>(posts.size());
            for (Post post : posts) {
                Message message;
                if (post.isBytesMessage()) {
                    BytesMessage bytes = session.createBytesMessage();
                    bytes.writeBytes(post.bytes());
                    message = bytes;
                } else {
                    message = session.createTextMessage(post.text());
                }
                message.setStringProperty(JmsInboundGateway.FORWARDED_FOR_PROPERTY, senderOf(post));
                producer.send(session.createQueue(post.target().destination), message);
                ids.add(message.getJMSMessageID());
            }
            session.commit();
            return ids;
        }
    }

    // ---------------------------------------------------------------------------------------------- observing

    /**
     * A status report as it arrived: who and what it is about, its reasons and its recipient, the participant whose
     * private status queue it arrived on.
     */
    record Report(
            Target target,
            String inReplyTo,
            String senderOrParty,
            String ref,
            String status,
            List<Reason> reasons,
            String recipient) {
        String describe() {
            String why = reasons.isEmpty()
                    ? ""
                    : " " + reasons.stream().map(Reason::toString).collect(Collectors.joining(","));
            return status + why + " to " + recipient;
        }
    }

    record Reason(String field, String code) {
        @Override
        public String toString() {
            return field + ":" + code;
        }
    }

    /** A quarantine row: the app whose table holds it, where and why, and its payload as (lossy) UTF-8. */
    record HeldInput(String app, String stage, String reason, String payload) {}

    /** A row of trade matching's rejected_input. */
    record RecordedRejection(String inputKey, String messageId, List<Reason> reasons) {}

    /** Everything the platform answered so far. */
    /** A trade or instruction an input booked: what an input that escaped its answer left behind. */
    record Booked(Target target, String messageId, String id, String status) {}

    /**
     * Everything the platform answered so far, and what an input can leave without an answer: a booked trade or
     * instruction, a command matching applied ({@code applied} holds trade matching's applied input keys).
     */
    record Observed(
            List<Report> reports,
            List<HeldInput> quarantine,
            List<RecordedRejection> recorded,
            Map<String, Double> meters,
            List<Booked> booked,
            Set<String> applied) {
        List<String> statusesOf(Target target, String senderOrParty, String ref) {
            return reports.stream()
                    .filter(r -> r.target() == target && senderOrParty.equals(r.senderOrParty()) && ref.equals(r.ref()))
                    .map(Report::status)
                    .toList();
        }
    }

    private static Observed observe() {
        List<Report> reports = new ArrayList<>();
        for (QueueProbe.Received message : tradeStatuses.received())
            reports.add(report(Target.TRADES, message, "senderId", "tradeRef"));
        for (QueueProbe.Received message : settlementStatuses.received())
            reports.add(report(Target.SETTLEMENTS, message, "party", "instructionId"));
        List<HeldInput> held = new ArrayList<>();
        for (String app : List.of(TRADE_MATCHING, SETTLEMENT_MATCHING))
            jdbc(app).query("SELECT stage, reason, payload FROM quarantine", rs -> {
                held.add(new HeldInput(
                        app, rs.getString(1), rs.getString(2), new String(rs.getBytes(3), StandardCharsets.UTF_8)));
            });
        List<RecordedRejection> recorded = jdbc(TRADE_MATCHING)
                .query(
                        "SELECT input_key, message_id, reasons FROM rejected_input",
                        (rs, row) -> new RecordedRejection(rs.getString(1), rs.getString(2), reasons(rs.getString(3))));
        List<Booked> booked = new ArrayList<>(jdbc(TRADE_MATCHING)
                .query(
                        "SELECT message_id, trade_id, status FROM trade",
                        (rs, row) -> new Booked(Target.TRADES, rs.getString(1), rs.getString(2), rs.getString(3))));
        booked.addAll(jdbc(SETTLEMENT_MATCHING)
                .query(
                        "SELECT message_id, instruction_id, status FROM instruction",
                        (rs, row) ->
                                new Booked(Target.SETTLEMENTS, rs.getString(1), rs.getString(2), rs.getString(3))));
        Set<String> applied =
                new HashSet<>(jdbc(TRADE_MATCHING).queryForList("SELECT input_key FROM applied_input", String.class));
        return new Observed(reports, held, recorded, quarantineMeters(), booked, applied);
    }

    private static Report report(Target target, QueueProbe.Received message, String partyField, String refField) {
        JsonNode body = readTree(message.body());
        return new Report(
                target,
                body.path("inReplyTo").asText(null),
                body.path(partyField).asText(null),
                body.path(refField).asText(null),
                body.path("status").asText(null),
                reasonsOf(body.path("reasons")),
                recipientOf(target, message));
    }

    /** The participant whose private queue {@code message} was taken from, or null for any other queue. */
    private static String recipientOf(Target target, QueueProbe.Received message) {
        String prefix = target.statusQueue + ".";
        return message.queue() != null && message.queue().startsWith(prefix)
                ? message.queue().substring(prefix.length())
                : null;
    }

    private static List<Reason> reasons(String json) {
        return reasonsOf(readTree(json));
    }

    private static List<Reason> reasonsOf(JsonNode reasons) {
        List<Reason> out = new ArrayList<>();
        for (JsonNode reason : reasons)
            out.add(new Reason(
                    reason.path("field").asText(null), reason.path("code").asText(null)));
        return out;
    }

    private static JsonNode readTree(String json) {
        try {
            return WireJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a report or recorded rejection that is not JSON: " + json, e);
        }
    }

    /** Every {@code tradewind.quarantined} counter of both matching apps in the primary region, by app|stage|reason. */
    private static Map<String, Double> quarantineMeters() {
        Map<String, Double> meters = new LinkedHashMap<>();
        for (String app : List.of(TRADE_MATCHING, SETTLEMENT_MATCHING))
            for (Counter counter : service(app)
                    .getBean(MeterRegistry.class)
                    .find(Quarantine.METER)
                    .counters())
                meters.put(
                        tag(
                                app,
                                counter.getId().getTag("stage"),
                                counter.getId().getTag("reason")),
                        counter.count());
        return meters;
    }

    private static String tag(String app, String stage, String reason) {
        return app + "{stage=" + stage + ",reason=" + reason + "}";
    }

    private static JdbcTemplate jdbc(String app) {
        return service(app).getBean(JdbcTemplate.class);
    }

    /** The app's service in the primary region, which the sandbox starts active. */
    private static ConfigurableApplicationContext service(String app) {
        String name = app + "-" + LocalAwsConfig.PRIMARY_REGION;
        return sandbox.services().stream()
                .filter(s -> name.equals(s.getEnvironment().getProperty("spring.application.name")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no service " + name));
    }

    private static EmulatedRegion primary() {
        return sandbox.localAws().region(LocalAwsConfig.PRIMARY_REGION);
    }

    private static List<String> withoutLeadingUnmatched(List<String> statuses) {
        return !statuses.isEmpty() && statuses.get(0).equals("UNMATCHED")
                ? statuses.subList(1, statuses.size())
                : statuses;
    }

    private static boolean sameMultiset(List<String> actual, List<String> expected) {
        List<String> left = new ArrayList<>(actual);
        for (String status : expected) if (!left.remove(status)) return false;
        return left.isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ judging

    /** Decides, from what was observed, which answer each input got. */
    private static final class Judge {
        private final Map<String, String> brokerIds;
        private final Map<String, Double> metersBefore;
        /** The canaries' sides, whose reports are judged as theirs even when an input reuses a canary's id. */
        private final Set<String> canarySides = new HashSet<>();

        Judge(HostileCorpus corpus, Map<String, String> brokerIds, Map<String, Double> metersBefore) {
            this.brokerIds = brokerIds;
            this.metersBefore = metersBefore;
            for (CanaryPair canary : corpus.canaries())
                for (CanarySide side : canary.sides()) {
                    canarySides.add(side.target() + "/" + side.senderOrParty() + "/" + side.ref());
                    // As the books key them: a trade by sender and tradeRef, an instruction by its id.
                    canarySides.add(side.target() + "/"
                            + (side.target() == Target.TRADES ? side.senderOrParty() + "|" + side.ref() : side.ref()));
                }
        }

        /** Whether every input has an answer (right or wrong) and every canary has settled or been refused. */
        boolean allResolved(HostileCorpus corpus, Observed observed) {
            for (Case hostile : corpus.cases())
                if (satisfiedAnswer(hostile, observed) == null && !answered(hostile, observed)) return false;
            for (CanaryPair canary : corpus.canaries()) {
                boolean refused = canary.sides().stream()
                        .anyMatch(side -> observed.statusesOf(side.target(), side.senderOrParty(), side.ref())
                                .contains("REJECTED"));
                boolean settled = canary.sides().stream()
                        .allMatch(side -> observed.statusesOf(side.target(), side.senderOrParty(), side.ref())
                                .containsAll(withoutLeadingUnmatched(side.statuses())));
                if (!refused && !settled) return false;
            }
            return true;
        }

        /**
         * Who a rejection is answered to: a trade is answered to the participant that posted it, so one whose body
         * names no sender that may post it is answered to the corpus's broker, which posted it ({@link #senderOf}).
         */
        private static String recipientOf(Case hostile, Rejected rejected) {
            return hostile.target() == Target.TRADES && rejected.recipient().equals(HostileCorpus.UNKNOWN)
                    ? HostileCorpus.BROKER
                    : rejected.recipient();
        }

        /** The first expected answer the input got, or null if it escaped. */
        Answer satisfiedAnswer(Case hostile, Observed observed) {
            for (Answer answer : hostile.expected()) if (satisfies(hostile, answer, observed)) return answer;
            return null;
        }

        private boolean satisfies(Case hostile, Answer answer, Observed observed) {
            if (answer instanceof Rejected rejected)
                return replies(hostile, observed)
                        .filter(report -> "REJECTED".equals(report.status()))
                        .anyMatch(report -> recipientOf(hostile, rejected).equals(report.recipient())
                                && report.reasons().stream()
                                        .anyMatch(reason -> rejected.field().equals(reason.field())
                                                && rejected.codes().contains(reason.code())));
            if (answer instanceof Quarantined quarantined)
                return held(hostile, observed)
                                .anyMatch(row -> row.app().equals(quarantined.app())
                                        && row.stage().equals(quarantined.stage())
                                        && row.reason().equals(quarantined.reason()))
                        && meterRose(quarantined, observed);
            if (answer instanceof Recorded recorded)
                return recorded(hostile, observed)
                        .flatMap(row -> row.reasons().stream())
                        .anyMatch(reason -> recorded.field().equals(reason.field())
                                && recorded.codes().contains(reason.code()));
            if (answer instanceof Statuses statuses)
                return sameMultiset(
                        observed.statusesOf(Target.TRADES, statuses.senderId(), statuses.tradeRef()),
                        statuses.statuses());
            return replies(hostile, observed).noneMatch(report -> "REJECTED".equals(report.status()))
                    && held(hostile, observed).findAny().isEmpty(); // Silent
        }

        /** Whether the input got any answer at all, right or wrong (a silent duplicate needs none). */
        private boolean answered(Case hostile, Observed observed) {
            if (hostile.expected().stream().anyMatch(Silent.class::isInstance)) return true;
            for (Answer answer : hostile.expected())
                if (answer instanceof Statuses statuses
                        && observed.statusesOf(Target.TRADES, statuses.senderId(), statuses.tradeRef())
                                .contains("REJECTED")) return true;
            // A confirmation matching applied without a word is final too: nothing will answer it later.
            return replies(hostile, observed).findAny().isPresent()
                    || held(hostile, observed).findAny().isPresent()
                    || recorded(hostile, observed).findAny().isPresent()
                    || (hostile.target() == Target.CONFIRMATIONS
                            && confirmationKeys(hostile).stream().anyMatch(observed.applied()::contains));
        }

        /** What the input got, in one line. */
        String describeObserved(Case hostile, Observed observed) {
            List<String> seen = new ArrayList<>();
            replies(hostile, observed).forEach(report -> seen.add(report.describe()));
            for (Answer answer : hostile.expected())
                if (answer instanceof Statuses statuses)
                    seen.add(statuses.senderId() + "/" + statuses.tradeRef() + " reported "
                            + observed.statusesOf(Target.TRADES, statuses.senderId(), statuses.tradeRef()));
            held(hostile, observed)
                    .forEach(row ->
                            seen.add("quarantined by " + row.app() + " at " + row.stage() + " as " + row.reason()));
            recorded(hostile, observed).forEach(row -> seen.add("recorded rejected " + row.reasons()));
            if (seen.isEmpty()) {
                // Nothing answered it: say what it left behind, if anything.
                Set<String> ids = replyIds(hostile);
                observed.booked().stream()
                        .filter(row -> row.target() == hostile.target() && ids.contains(row.messageId()))
                        .filter(row -> !canarySides.contains(row.target() + "/" + row.id()))
                        .forEach(row -> seen.add("no answer, but booked as " + row.id() + " (" + row.status() + ")"));
                if (hostile.target() == Target.CONFIRMATIONS
                        && confirmationKeys(hostile).stream().anyMatch(observed.applied()::contains))
                    seen.add("no answer, but applied by matching as a SETTLE");
            }
            return seen.isEmpty() ? "no answer" : String.join("; ", seen);
        }

        /** Reports on the input's status queue replying to it: to a messageId it names, or to its broker id. */
        private Stream<Report> replies(Case hostile, Observed observed) {
            Set<String> ids = replyIds(hostile);
            return observed.reports().stream()
                    .filter(report -> report.target() == hostile.target() && ids.contains(report.inReplyTo()))
                    // An input reusing a canary's id shares its replies; the canary's own reports are the canary's.
                    .filter(report ->
                            !canarySides.contains(report.target() + "/" + report.senderOrParty() + "/" + report.ref()));
        }

        /** Quarantine rows holding the input's bytes (found by the case's marker). */
        private Stream<HeldInput> held(Case hostile, Observed observed) {
            if (hostile.marker() == null) return Stream.empty();
            return observed.quarantine().stream().filter(row -> row.payload().contains(hostile.marker()));
        }

        /** Rejected_input rows of a confirmation: under its sender and id, or under its broker id. */
        private Stream<RecordedRejection> recorded(Case hostile, Observed observed) {
            if (hostile.target() != Target.CONFIRMATIONS) return Stream.empty();
            String brokerId = brokerIds.get(hostile.id());
            Set<String> keys = confirmationKeys(hostile);
            return observed.recorded().stream()
                    .filter(row -> keys.contains(row.inputKey()) || brokerId.equals(row.messageId()));
        }

        /** The journal keys a confirmation can travel under: its sender's and id, or its broker id. */
        private Set<String> confirmationKeys(Case hostile) {
            Set<String> keys = new HashSet<>();
            for (String id : replyIds(hostile)) {
                keys.add("settlement-matching|" + id);
                keys.add("unidentified|" + id);
            }
            return keys;
        }

        private Set<String> replyIds(Case hostile) {
            Set<String> ids = new HashSet<>(hostile.messageIds());
            String brokerId = brokerIds.get(hostile.id());
            if (brokerId != null) ids.add(brokerId);
            return ids;
        }

        private boolean meterRose(Quarantined quarantined, Observed observed) {
            String tag = tag(quarantined.app(), quarantined.stage(), quarantined.reason());
            return observed.meters().getOrDefault(tag, 0.0) > metersBefore.getOrDefault(tag, 0.0);
        }
    }
}
