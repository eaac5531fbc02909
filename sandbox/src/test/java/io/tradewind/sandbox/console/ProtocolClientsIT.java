package io.tradewind.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.mq.EmbeddedBroker;
import io.tradewind.model.participant.Role;
import io.tradewind.model.topology.Queues;
import io.tradewind.opsconsole.config.ParticipantWiring;
import io.tradewind.sandbox.Sandbox;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Participants whose back offices are not Java: real npm clients, rhea (AMQP 1.0) and @stomp/stompjs (STOMP over TCP),
 * run by Node beside the shared sandbox ({@code src/test/node/participant.mjs}), post trades to the primary region's
 * broker and read their status reports on their own queues. They post as BRK901 (onboarded here) and IM042, whom the
 * sandbox's generator never posts as, so no generated report mixes with theirs.
 */
@ExtendWith(ConsoleSandbox.class)
class ProtocolClientsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CLIENT = Path.of("src/test/node/participant.mjs").toAbsolutePath();
    private static final String BROKER = "BRK901";
    private static final String MANAGER = "IM042";
    /** How long one client waits for its report: the pipeline answers in well under a second; CI machines are slow. */
    private static final int REPORT_TIMEOUT_MILLIS = 60_000;

    private static String brokerPassword;
    private static String managerPassword;
    private static EmulatedRegion region;
    private static String node;

    @BeforeAll
    static void onboard() {
        Sandbox sandbox = ConsoleSandbox.get();
        region = sandbox.localAws().region(LocalAwsConfig.PRIMARY_REGION);
        node = sandbox.localAws().config().nodeExecutable();
        try (ParticipantWiring wiring =
                ParticipantWiring.open(sandbox.runbookTopology(), LocalAwsConfig.PRIMARY_REGION)) {
            brokerPassword = wiring.onboarding()
                    .add(BROKER, Set.of(Role.BROKER))
                    .credentials()
                    .password();
        }
        managerPassword = sandbox.participants().stream()
                .filter(onboarded -> onboarded.participant().id().value().equals(MANAGER))
                .findFirst()
                .orElseThrow()
                .credentials()
                .password();
    }

    /** A trade NEW of one side of a pair; both sides agree on everything that pairs and matches them. */
    private static String trade(String sender, String role, String tradeRef, long quantity) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return "{\"messageId\":\"" + tradeRef + "-m\",\"messageType\":\"NEW\",\"senderId\":\"" + sender
                + "\",\"senderRole\":\"" + role + "\",\"tradeRef\":\"" + tradeRef
                + "\",\"executingBroker\":\"" + BROKER + "\",\"investmentManager\":\"" + MANAGER
                + "\",\"side\":\"BUY\","
                + "\"security\":\"US0378331005\",\"quantity\":" + quantity + ",\"price\":\"100.0000\","
                + "\"currency\":\"USD\",\"tradeDate\":\"" + today + "\",\"settlementDate\":\"" + today.plusDays(2)
                + "\",\"netAmount\":\"" + quantity * 100 + ".00\","
                + "\"allocations\":[{\"allocationId\":\"1\",\"account\":\"ACC-PROTO\",\"quantity\":" + quantity
                + "}]}";
    }

    private static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    /** What one client run asks for: the participant.mjs request. */
    private static ObjectNode request(String protocol, String user, String password) {
        URI uri = protocol.equals("amqp")
                ? region.broker().amqpUri()
                : region.broker().stompUri();
        ObjectNode request = JSON.createObjectNode()
                .put("protocol", protocol)
                .put("host", uri.getHost())
                .put("port", uri.getPort())
                .put("user", user)
                .put("password", password)
                .put("timeoutMs", REPORT_TIMEOUT_MILLIS);
        return request;
    }

    /** Posts {@code body} as {@code user} and waits for the report to its message id with one of {@code statuses}. */
    private static ObjectNode post(
            String protocol,
            String user,
            String password,
            String body,
            String bodyAs,
            String awaitReply,
            String... statuses) {
        ObjectNode request = request(protocol, user, password)
                .put("inbound", Queues.TRADES_INBOUND)
                .put("body", body)
                .put("bodyAs", bodyAs)
                .put("status", Queues.tradesStatusOf(user))
                .put("awaitReply", awaitReply);
        request.putArray("awaitStatuses")
                .addAll(List.of(statuses).stream()
                        .map(JSON.getNodeFactory()::textNode)
                        .toList());
        return request;
    }

    /** Runs the client with {@code request}; its exit code and the JSON line it printed. */
    private static Run run(ObjectNode request) {
        try {
            Process process = new ProcessBuilder(node, CLIENT.toString(), JSON.writeValueAsString(request))
                    .directory(CLIENT.getParent().toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(REPORT_TIMEOUT_MILLIS + 30_000, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the client did not end: " + request);
            }
            String line = out.strip();
            JsonNode output = line.isEmpty() ? JSON.createObjectNode() : JSON.readTree(line);
            return new Run(process.exitValue(), output, process.exitValue() == 0 ? "" : brokerSide(request));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + node + " " + CLIENT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What the broker saw of a run that did not get its answer: whether its message reached the inbound queue and was
     * taken from it, and whether a report reached its status queue, so a failure tells a client that never got through
     * from a pipeline that did not answer.
     */
    private static String brokerSide(ObjectNode request) {
        StringBuilder seen = new StringBuilder("the broker: ");
        try {
            for (String queue : List.of(
                    request.path("inbound").asText(), request.path("status").asText()))
                if (!queue.isEmpty())
                    seen.append(queue)
                            .append(' ')
                            .append(region.broker().countsOf(queue))
                            .append("; ");
            return seen.append(region.broker().connectionsOver(EmbeddedBroker.AMQP))
                    .append(" AMQP and ")
                    .append(region.broker().connectionsOver(EmbeddedBroker.STOMP))
                    .append(" STOMP connections")
                    .toString();
        } catch (Exception e) {
            return seen.append("cannot tell: ").append(e).toString();
        }
    }

    private record Run(int exitCode, JsonNode output, String brokerSide) {
        /** The reports it read, each parsed, with how it arrived ({@code bodyType}, {@code contentType}). */
        List<JsonNode> reports() throws IOException {
            List<JsonNode> reports = new ArrayList<>();
            for (JsonNode report : output.path("reports")) {
                ObjectNode parsed =
                        (ObjectNode) JSON.readTree(report.path("body").asText());
                parsed.set("arrivedAs", report);
                reports.add(parsed);
            }
            return reports;
        }

        /** The awaited report, the last it read; the client must have got it (exit code 0). */
        JsonNode awaited() throws IOException {
            assertThat(exitCode).as(output + "\n" + brokerSide).isZero();
            List<JsonNode> reports = reports();
            return reports.get(reports.size() - 1);
        }
    }

    @Test
    void aPairWhoseSidesArriveOverAmqpAndStompIsMatchedAndEachSideReadsItsReportOverItsOwnProtocol() throws Exception {
        String brokerRef = unique("BRK901-AMQP");
        String managerRef = unique("IM042-STOMP");
        // The broker's side as an AMQP string value (a TextMessage), the manager's as a STOMP frame with
        // content-length,
        // as stompjs sends by default (a BytesMessage).
        CompletableFuture<Run> amqp = CompletableFuture.supplyAsync(() -> run(post(
                "amqp",
                BROKER,
                brokerPassword,
                trade(BROKER, "BROKER", brokerRef, 901),
                "text",
                brokerRef + "-m",
                "MATCHED")));
        CompletableFuture<Run> stomp = CompletableFuture.supplyAsync(() -> run(post(
                "stomp",
                MANAGER,
                managerPassword,
                trade(MANAGER, "INVESTMENT_MANAGER", managerRef, 901),
                "bytes",
                managerRef + "-m",
                "MATCHED")));

        Run overAmqp = amqp.get();
        Run overStomp = stomp.get();

        JsonNode brokerReport = overAmqp.awaited();
        assertThat(brokerReport.path("status").asText()).isEqualTo("MATCHED");
        assertThat(brokerReport.path("tradeRef").asText()).isEqualTo(brokerRef);
        assertThat(brokerReport.path("counterpartyTradeRef").asText()).isEqualTo(managerRef);
        assertThat(brokerReport.path("arrivedAs").path("bodyType").asText())
                .as("a JMS TextMessage reaches an AMQP client as a string value")
                .isEqualTo("string");

        JsonNode managerReport = overStomp.awaited();
        assertThat(managerReport.path("status").asText()).isEqualTo("MATCHED");
        assertThat(managerReport.path("tradeRef").asText()).isEqualTo(managerRef);
        assertThat(managerReport.path("counterpartyTradeRef").asText()).isEqualTo(brokerRef);
        assertThat(managerReport.path("matchId").asText())
                .isEqualTo(brokerReport.path("matchId").asText());
        assertThat(managerReport.path("arrivedAs").path("contentType").asText())
                .as("a STOMP frame that says it is JSON")
                .isEqualTo("application/json;charset=utf-8");
    }

    @Test
    void aBodySentAsAnAmqpDataSectionOfBytesIsReadAsUtf8Json() throws Exception {
        String ref = unique("BRK901-DATA");
        Run run = run(post(
                "amqp",
                BROKER,
                brokerPassword,
                trade(BROKER, "BROKER", ref, 902),
                "bytes",
                ref + "-m",
                "UNMATCHED",
                "REJECTED"));

        assertThat(run.awaited().path("status").asText())
                .as("decoded and booked, waiting for its counterpart")
                .isEqualTo("UNMATCHED");
    }

    @Test
    void bytesThatAreNotUtf8AndAForeignCharsetAreRejectedNamingWhatWasWrong() throws Exception {
        String ref = unique("IM042-BAD");
        // A trade whose tradeRef ends in C3 28, a sequence no UTF-8 holds: the rest still names its sender and id.
        String trade = trade(MANAGER, "INVESTMENT_MANAGER", ref, 903);
        HexFormat hexOf = HexFormat.of();
        String hex = hexOf.formatHex(trade.getBytes(StandardCharsets.UTF_8))
                .replace(
                        hexOf.formatHex((ref + "\"").getBytes(StandardCharsets.UTF_8)),
                        hexOf.formatHex(ref.getBytes(StandardCharsets.UTF_8)) + "c32822");
        Run malformed = run(post("stomp", MANAGER, managerPassword, hex, "hex", ref + "-m", "REJECTED"));
        JsonNode reason = malformed.awaited().path("reasons").get(0);
        assertThat(reason.path("code").asText()).isEqualTo("NOT_UTF8");
        assertThat(reason.path("ours").asText()).contains("0xC3 at byte").contains("is no UTF-8 sequence");

        String latin1Ref = unique("BRK901-LATIN1");
        ObjectNode latin1 = post(
                "amqp",
                BROKER,
                brokerPassword,
                trade(BROKER, "BROKER", latin1Ref, 903),
                "bytes",
                latin1Ref + "-m",
                "REJECTED");
        latin1.put("contentType", "application/json; charset=ISO-8859-1");
        Run declared = run(latin1);
        JsonNode charsetReason = declared.awaited().path("reasons").get(0);
        assertThat(charsetReason.path("code").asText()).isEqualTo("NOT_UTF8");
        assertThat(charsetReason.path("ours").asText()).contains("declares charset ISO-8859-1");
    }

    @Test
    void eachProtocolRefusesAClientWithoutLoginOrWithAWrongPassword() {
        for (String protocol : List.of("amqp", "stomp")) {
            for (String[] login :
                    List.<String[]>of(new String[] {null, null}, new String[] {BROKER, "wrong-password"})) {
                ObjectNode request = request(protocol, login[0], login[1])
                        .put("inbound", Queues.TRADES_INBOUND)
                        .put("body", trade(BROKER, "BROKER", unique("BRK901-ANON"), 904))
                        .put("bodyAs", "text");
                Run run = run(request);
                assertThat(run.exitCode())
                        .as(protocol + " as " + login[0] + ": " + run.output() + "\n" + run.brokerSide())
                        .isEqualTo(3);
                assertThat(run.output().path("refused").asText()).isNotBlank();
            }
        }
    }

    @Test
    void theBrokerStampsTheAuthenticatedParticipantOverTheOneAnAmqpMessageClaims() throws Exception {
        String ref = unique("BRK901-CLAIM");
        // BRK901 claims IM042's user id on the message and in the body: answered NOT_AUTHORIZED on its own queue.
        ObjectNode forged = post(
                "amqp",
                BROKER,
                brokerPassword,
                trade(MANAGER, "INVESTMENT_MANAGER", ref, 905),
                "text",
                ref + "-m",
                "REJECTED");
        forged.put("userId", MANAGER);
        Run run = run(forged);
        assertThat(run.awaited().path("reasons").findValuesAsText("code")).contains("NOT_AUTHORIZED");
    }
}
