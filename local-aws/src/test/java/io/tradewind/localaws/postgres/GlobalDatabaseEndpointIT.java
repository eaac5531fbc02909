package io.tradewind.localaws.postgres;

import static io.tradewind.localaws.LocalAwsConfig.PRIMARY_REGION;
import static io.tradewind.localaws.LocalAwsConfig.SECONDARY_REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.ServiceProperties;
import io.tradewind.localaws.junit.LocalAwsExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The global databases LocalAws starts, one per app, driven over HTTP as the ops console's runbook drives them: both
 * apps' schemas live in each region's PostgreSQL (created after start, as the apps' migrations create them) and
 * replicate independently from us-east-1; every test leaves us-east-1 the writer of both.
 */
@ExtendWith(LocalAwsExtension.class)
class GlobalDatabaseEndpointIT {
    private static final String TRADES = "trade_matching.probe_trade";
    private static final String SETTLEMENTS = "settlement_matching.probe_settlement";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void theAppsMigrateTheirSchemasInEveryRegionAfterStart(LocalAws aws) throws Exception {
        for (EmulatedRegion region : aws.regions())
            sql(
                    region,
                    "CREATE SCHEMA IF NOT EXISTS trade_matching",
                    "CREATE TABLE " + TRADES + " (ref text PRIMARY KEY, seq bigserial NOT NULL, note text)",
                    "CREATE SCHEMA IF NOT EXISTS settlement_matching",
                    "CREATE TABLE " + SETTLEMENTS + " (ref text PRIMARY KEY, seq bigserial NOT NULL, note text)");
        // Most likely before the replicator captured the new table (it looks every 2 s): then its first capture copies
        // the row; otherwise the trigger logs it.
        insert(aws.region(PRIMARY_REGION), TRADES, "written-before-capture");
        // Replicated before any test moves a writer (a failover would lose it).
        EmulatedRegion west = aws.region(SECONDARY_REGION);
        await().atMost(WAIT).until(() -> refsIn(west, TRADES).contains("written-before-capture"));
    }

    @AfterEach
    void usEast1WritesBothAppsAgain(LocalAws aws) throws Exception {
        for (PostgresReplicator database : aws.postgresReplications().values()) {
            if (database.needsRejoin(PRIMARY_REGION)) database.rejoin(PRIMARY_REGION);
            assertThat(database.switchover(PRIMARY_REGION, WAIT)).isTrue();
        }
    }

    @Test
    void eachAppHasItsOwnGlobalDatabaseWhichPicksUpTablesCreatedAfterStart(LocalAws aws) throws Exception {
        EmulatedRegion east = aws.region(PRIMARY_REGION);
        EmulatedRegion west = aws.region(SECONDARY_REGION);
        await().atMost(WAIT).until(() -> refsIn(west, TRADES).contains("written-before-capture"));
        insert(east, SETTLEMENTS, "settlement-1");
        await().atMost(WAIT).until(() -> refsIn(west, SETTLEMENTS).contains("settlement-1"));

        JsonNode clusters = get(aws, "/global-databases").body();
        assertThat(clusters).hasSize(2);
        assertThat(clusters.findValuesAsText("cluster")).containsExactly("trade-matching", "settlement-matching");
        assertThat(clusters.findValuesAsText("writer")).containsOnly(PRIMARY_REGION);
        assertThat(clusters.findValuesAsText("standby")).containsOnly(SECONDARY_REGION);
        assertThat(clusters.findValues("lagMillis")).allMatch(JsonNode::canConvertToLong);
        assertThat(clusters.findValues("moving"))
                .as("no switchover or failover under way")
                .hasSize(2)
                .allMatch(moving -> moving.isBoolean() && !moving.asBoolean());

        // Separate change logs and triggers: neither app's replicator reads the other's changes.
        assertThat(query(east, "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tw_replication%'"))
                .contains("tw_replication_trade_matching", "tw_replication_settlement_matching");
        assertThat(text(
                        east,
                        "SELECT string_agg(c.relname || ':' || t.tgname, ',' ORDER BY c.relname) FROM"
                                + " pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relname LIKE 'probe_%'"
                                + " AND t.tgname LIKE 'tw_replicate%'"))
                .isEqualTo("probe_settlement:tw_replicate_settlement_matching,probe_trade:tw_replicate_trade_matching");

        assertThat(aws.describe()).contains("global database trade-matching", "global databases control");
        assertThat(ServiceProperties.forRegion(aws, PRIMARY_REGION, "trade-matching"))
                .containsEntry(
                        "tradewind.aws.global-database-endpoint",
                        aws.globalDatabaseEndpoint().orElseThrow().toString());
    }

    @Test
    void switchoverOverHttpMovesOneAppsWriterWithNothingLost(LocalAws aws) throws Exception {
        EmulatedRegion east = aws.region(PRIMARY_REGION);
        EmulatedRegion west = aws.region(SECONDARY_REGION);
        insert(east, TRADES, "in-flight-at-switchover");

        Response moved = post(aws, "/global-databases/trade-matching/switchover?target=us-west-2&timeoutMillis=10000");

        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.body().path("cluster").asText()).isEqualTo("trade-matching");
        assertThat(moved.body().path("writer").asText()).isEqualTo(SECONDARY_REGION);
        assertThat(refsIn(west, TRADES)).contains("in-flight-at-switchover");
        assertThat(writers(aws)).containsExactly("trade-matching=us-west-2", "settlement-matching=us-east-1");

        // The new writer's sequence continues past the rows it received; its writes now flow east.
        insert(west, TRADES, "written-in-west");
        assertThat(Long.parseLong(text(west, "SELECT seq FROM " + TRADES + " WHERE ref = 'written-in-west'")))
                .isGreaterThan(Long.parseLong(
                        text(west, "SELECT max(seq) FROM " + TRADES + " WHERE ref <> 'written-in-west'")));
        await().atMost(WAIT).until(() -> refsIn(east, TRADES).contains("written-in-west"));
        // The other app's global database still replicates from us-east-1.
        insert(east, SETTLEMENTS, "settlement-after-trade-switchover");
        await().atMost(WAIT).until(() -> refsIn(west, SETTLEMENTS).contains("settlement-after-trade-switchover"));

        Response again = post(aws, "/global-databases/trade-matching/switchover?target=us-west-2");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("writer").asText()).isEqualTo(SECONDARY_REGION);
    }

    @Test
    void switchoverThatCannotCatchUpInTimeIsAConflictAndChangesNothing(LocalAws aws) throws Exception {
        insert(aws.region(PRIMARY_REGION), TRADES, "not-yet-replicated");

        Response refused = post(aws, "/global-databases/trade-matching/switchover?target=us-west-2&timeoutMillis=0");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("error").asText())
                .contains("did not reach 0 within 0 ms", "the writer is still us-east-1");
        assertThat(writers(aws)).containsExactly("trade-matching=us-east-1", "settlement-matching=us-east-1");
    }

    @Test
    void failoverOverHttpReportsTheLostTailAndRejoinMakesTheOldWriterEqualAgain(LocalAws aws) throws Exception {
        EmulatedRegion east = aws.region(PRIMARY_REGION);
        EmulatedRegion west = aws.region(SECONDARY_REGION);
        long before = System.currentTimeMillis();
        insert(east, TRADES, "lost-tail");

        Response failedOver = post(aws, "/global-databases/trade-matching/failover?target=us-west-2");

        long elapsed = System.currentTimeMillis() - before;
        assertThat(failedOver.status()).isEqualTo(200);
        assertThat(failedOver.body().path("writer").asText()).isEqualTo(SECONDARY_REGION);
        assertThat(failedOver.body().path("lostChanges").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(failedOver.body().path("lostMillis").asLong()).isPositive().isLessThanOrEqualTo(elapsed + 5);
        assertThat(refsIn(west, TRADES)).doesNotContain("lost-tail");
        assertThat(refsIn(east, TRADES)).contains("lost-tail");

        // The old writer holds what nobody else has: it cannot become the writer again before a rejoin.
        Response refused = post(aws, "/global-databases/trade-matching/switchover?target=us-east-1");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("error").asText()).contains("rejoin");
        // Its server is up: it keeps receiving the new writer's changes meanwhile.
        insert(west, TRADES, "written-after-failover");
        await().atMost(WAIT).until(() -> refsIn(east, TRADES).contains("written-after-failover"));

        Response rejoined = post(aws, "/global-databases/trade-matching/rejoin?region=us-east-1");

        assertThat(rejoined.status()).isEqualTo(200);
        assertThat(rejoined.body().path("region").asText()).isEqualTo(PRIMARY_REGION);
        assertThat(rejoined.body().path("copiedRows").asLong())
                .isEqualTo(rowsOf(west, TRADES).size());
        assertThat(rowsOf(east, TRADES)).isEqualTo(rowsOf(west, TRADES));
        assertThat(refsIn(east, TRADES)).doesNotContain("lost-tail");
        insert(west, TRADES, "written-after-rejoin");
        await().atMost(WAIT).until(() -> refsIn(east, TRADES).contains("written-after-rejoin"));

        Response back = post(aws, "/global-databases/trade-matching/switchover?target=us-east-1&timeoutMillis=10000");
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.body().path("writer").asText()).isEqualTo(PRIMARY_REGION);
    }

    @Test
    void badRequestsAreRefusedWithAMessageAndChangeNothing(LocalAws aws) throws Exception {
        assertRefused(
                post(aws, "/global-databases/no-such-app/switchover?target=us-west-2"),
                400,
                "no global database no-such-app");
        assertRefused(
                post(aws, "/global-databases/trade-matching/switchover?target=eu-west-1"),
                400,
                "eu-west-1 is not a region of trade-matching");
        assertRefused(
                post(aws, "/global-databases/trade-matching/failover?target=eu-west-1"),
                400,
                "eu-west-1 is not a region of trade-matching");
        assertRefused(post(aws, "/global-databases/trade-matching/failover"), 400, "target is missing");
        assertRefused(
                post(aws, "/global-databases/trade-matching/switchover?target=us-west-2&timeoutMillis=soon"),
                400,
                "timeoutMillis soon");
        assertRefused(
                post(aws, "/global-databases/trade-matching/rejoin?region=us-east-1"),
                400,
                "us-east-1 is the writer of trade-matching");
        assertRefused(post(aws, "/global-databases/trade-matching/promote?target=us-west-2"), 404, "no action");
        assertRefused(post(aws, "/global-databases"), 405, "accepts GET");
        assertRefused(get(aws, "/global-databases/trade-matching/switchover?target=us-west-2"), 405, "accepts POST");
        assertThat(writers(aws)).containsExactly("trade-matching=us-east-1", "settlement-matching=us-east-1");
    }

    private record Response(int status, JsonNode body) {}

    private static void assertRefused(Response response, int status, String message) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
        assertThat(response.body().path("error").asText()).contains(message);
    }

    private static List<String> writers(LocalAws aws) throws Exception {
        List<String> writers = new ArrayList<>();
        for (JsonNode cluster : get(aws, "/global-databases").body())
            writers.add(cluster.path("cluster").asText() + "="
                    + cluster.path("writer").asText());
        return writers;
    }

    private static Response get(LocalAws aws, String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(aws, path)).GET().build());
    }

    private static Response post(LocalAws aws, String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(aws, path))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private static URI uri(LocalAws aws, String path) {
        return aws.globalDatabaseEndpoint().orElseThrow().resolve(path);
    }

    private static Response send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return new Response(response.statusCode(), json.readTree(response.body()));
    }

    private static void insert(EmulatedRegion region, String table, String ref) throws Exception {
        sql(region, "INSERT INTO " + table + " (ref, note) VALUES ('" + ref + "', 'from " + region.name() + "')");
    }

    private static List<String> refsIn(EmulatedRegion region, String table) throws Exception {
        return query(region, "SELECT ref FROM " + table + " ORDER BY ref");
    }

    /** Every row, every column. */
    private static List<String> rowsOf(EmulatedRegion region, String table) throws Exception {
        return query(region, "SELECT ref || '|' || seq || '|' || note FROM " + table + " ORDER BY ref");
    }

    private static void sql(EmulatedRegion region, String... statements) throws Exception {
        try (var connection = DriverManager.getConnection(
                        region.postgresJdbcUrl(), region.postgresUser(), region.postgresPassword());
                var statement = connection.createStatement()) {
            for (String sql : statements) statement.execute(sql);
        }
    }

    private static List<String> query(EmulatedRegion region, String query) throws Exception {
        List<String> values = new ArrayList<>();
        try (var connection = DriverManager.getConnection(
                        region.postgresJdbcUrl(), region.postgresUser(), region.postgresPassword());
                var rows = connection.createStatement().executeQuery(query)) {
            while (rows.next()) values.add(rows.getString(1));
        }
        return values;
    }

    private static String text(EmulatedRegion region, String query) throws Exception {
        return query(region, query).get(0);
    }
}
