package io.tradewind.tradematching.pipeline;

import static io.tradewind.tradematching.pipeline.TradeMessages.aBrokerTrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.ServiceProperties;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.localaws.junit.QueueProbe;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.topology.App;
import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.trade.StatusReport;
import io.tradewind.model.trade.TradeStatus;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.participant.DynamoDbParticipantRegistry;
import io.tradewind.tradematching.TradeMatchingApplication;
import jakarta.jms.JMSException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cancels in order, on the emulators: a counterparty that posts a NEW and its CANCEL back to back on one connection
 * gets the NEW's status before the CANCEL's answer, never UNKNOWN_TRADE, while two gateway consumers take its messages
 * side by side (so a CANCEL can overtake its NEW) into four shards. A CANCEL of a trade never booked is answered
 * UNKNOWN_TRADE once its grace has passed, and stays rejected when the trade turns up after all.
 */
@ExtendWith(LocalAwsExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CancelOrderIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final int PAIRS = 50;
    /** A security no other test of this JVM trades, so none of these trades pairs with theirs. */
    private static final String SECURITY = "US4592001014";

    private static ConfigurableApplicationContext app;
    private static DynamoDbClient registryClient;
    private static LocalAws aws;
    private static URI brokerUri;
    private static QueueProbe statuses;

    @BeforeAll
    static void startTradeMatching(LocalAws aws) throws Exception {
        var region = aws.region(LocalAwsConfig.PRIMARY_REGION);
        // Whoever the tests post as is in the registry the stages read, as onboarding puts them there.
        registryClient = new AwsClientFactory(
                        AwsSettings.local(region.name(), region.kinesisEndpoint(), region.dynamoDbEndpoint()))
                .dynamoDb();
        DynamoDbParticipantRegistry registry = DynamoDbParticipantRegistry.of(registryClient);
        registry.provision();
        aws.onOnboard(registry::addIfAbsent);
        CancelOrderIT.aws = aws;
        brokerUri = region.brokerUri();
        statuses = new QueueProbe(
                QueueProbe.broker(brokerUri, aws.login(ServiceIdentity.OPERATOR)),
                App.TRADE_MATCHING.everyStatusQueue()); // every participant's private status queue
        app = new SpringApplicationBuilder(TradeMatchingApplication.class)
                .properties(ServiceProperties.forRegion(aws, region.name(), "trade-matching"))
                .properties(Map.of(
                        "tradewind.trade-matching.routing-control-poll-interval", "200ms",
                        "tradewind.trade-matching.inbound-consumers", "2",
                        "tradewind.trade-matching.shards", "4",
                        // One gateway put (an aggregate per shard) per ingestion batch: a CANCEL that overtook its NEW
                        // between the two gateway consumers is then often decided a batch before the NEW is booked.
                        "tradewind.trade-matching.max-records-per-batch", "1",
                        "tradewind.trade-matching.cancel-grace", "2s"))
                .run();
        // Every stage consuming before the pairs are posted, so they arrive over several batches, not in one.
        postOneByOne(List.of(aBrokerTrade("CO-0").withSecurity(SECURITY).json()));
        awaitExactly(1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) app.close();
        if (registryClient != null) registryClient.close();
        if (statuses != null) statuses.close();
    }

    @Test
    @Order(1)
    void everyCancelPostedRightAfterItsNewIsDecidedAfterIt() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 1; i <= PAIRS; i++) {
            String ref = "CO-" + i;
            bodies.add(aBrokerTrade(ref).withSecurity(SECURITY).json());
            bodies.add(TradeMessages.cancel("BRK001", SenderRole.BROKER, ref, "BRK001-" + ref + "-CANCEL"));
        }
        postOneByOne(bodies);

        awaitExactly(1 + 2 * PAIRS);
        List<StatusReport> reports = reports();
        assertThat(reports)
                .filteredOn(report -> report.status() == TradeStatus.REJECTED)
                .as("no cancel answered before its trade was booked")
                .isEmpty();
        for (int i = 1; i <= PAIRS; i++) {
            String ref = "CO-" + i;
            assertThat(reports)
                    .filteredOn(report -> ref.equals(report.tradeRef()))
                    .as(ref + ": the NEW's status, then the CANCEL's answer")
                    .extracting(report -> report.status() + " " + report.inReplyTo() + " " + report.messageId())
                    .containsExactly(
                            "UNMATCHED BRK001-" + ref + " TS-BRK001|" + ref + "-v1-UNMATCHED",
                            "CANCELLED BRK001-" + ref + "-CANCEL TS-BRK001|" + ref + "-v2-CANCELLED");
        }
    }

    @Test
    @Order(2)
    void aCancelOfATradeNeverBookedIsAnsweredUnknownTradeAndStaysRejected() throws Exception {
        String cancel = TradeMessages.cancel("BRK001", SenderRole.BROKER, "CO-LATE", "BRK001-CO-LATE-CANCEL");
        postOneByOne(List.of(cancel));

        awaitExactly(1 + 2 * PAIRS + 1);
        StatusReport rejected = reports().get(1 + 2 * PAIRS);
        assertThat(rejected.status()).isEqualTo(TradeStatus.REJECTED);
        assertThat(rejected.inReplyTo()).isEqualTo("BRK001-CO-LATE-CANCEL");
        assertThat(rejected.tradeRef()).isEqualTo("CO-LATE");
        assertThat(rejected.reasons()).containsExactly(new StatusReason("tradeRef", "UNKNOWN_TRADE", "CO-LATE", null));

        // The trade turns up after all, and the cancel is posted again: the trade is booked, the cancel stays answered.
        postOneByOne(List.of(aBrokerTrade("CO-LATE").withSecurity(SECURITY).json(), cancel));
        awaitExactly(1 + 2 * PAIRS + 2);
        assertThat(reports().get(1 + 2 * PAIRS + 1).status()).isEqualTo(TradeStatus.UNMATCHED);
        assertThat(reports())
                .filteredOn(report -> "CO-LATE".equals(report.tradeRef()))
                .extracting(StatusReport::status)
                .doesNotContain(TradeStatus.CANCELLED);
    }

    /** Posts each body in a transaction of its own, as its sender, as a counterparty sending one at a time. */
    private static void postOneByOne(List<String> bodies) throws JMSException {
        for (String body : bodies) QueueProbe.postAsSenders(aws, brokerUri, "trades.inbound", List.of(body));
    }

    private static void awaitExactly(int expected) {
        await().atMost(TIMEOUT).until(() -> statuses.total() >= expected);
        await().pollDelay(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> true);
        assertThat(statuses.duplicated()).as("message ids delivered twice").isEmpty();
        assertThat(statuses.total()).isEqualTo(expected);
    }

    private static List<StatusReport> reports() {
        return statuses.received().stream()
                .map(message -> WireCodec.decodeStatusReport(message.body()))
                .toList();
    }
}
