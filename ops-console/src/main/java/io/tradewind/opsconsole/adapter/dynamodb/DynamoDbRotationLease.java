package io.tradewind.opsconsole.adapter.dynamodb;

import io.tradewind.model.topology.Tables;
import io.tradewind.opsconsole.runbook.RotationLease;
import io.tradewind.platform.provisioning.Provisioner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The rotation lease as one item in table {@value Tables#ROTATION_LEASE}, a global table with multi-Region strong
 * consistency (both regions agree on the holder at every moment): taken by a conditional put that succeeds when no
 * lease is there, the one there expired, or this execution holds it; renewed and released by writes conditional on
 * this execution holding it. Each call goes to the preferred region's DynamoDB (an execution's target) and, when that
 * does not answer, to the other's. Expiry is judged by the caller's clock, so the ttl must exceed any clock skew
 * between the regions' hosts by far (minutes against milliseconds).
 */
public final class DynamoDbRotationLease implements RotationLease {
    public static final String KEY = "lease";
    /** The one item: there is one lease for every app and region. */
    static final String ITEM = "rotation";

    private final Map<String, DynamoDbClient> regions;
    private final String preferred;
    private final Clock clock;
    private final Set<String> ensured;

    /** @param regions per region, its DynamoDB */
    public DynamoDbRotationLease(Map<String, DynamoDbClient> regions, Clock clock) {
        this(regions, null, clock, ConcurrentHashMap.newKeySet());
    }

    private DynamoDbRotationLease(
            Map<String, DynamoDbClient> regions, String preferred, Clock clock, Set<String> ensured) {
        if (regions.isEmpty()) throw new IllegalArgumentException("regions is empty");
        this.regions = new LinkedHashMap<>(regions);
        this.preferred = preferred;
        this.clock = clock;
        this.ensured = ensured;
    }

    @Override
    public RotationLease preferring(String region) {
        if (!regions.containsKey(region))
            throw new IllegalArgumentException("no DynamoDB configured for region " + region);
        return new DynamoDbRotationLease(regions, region, clock, ensured);
    }

    @Override
    public Lease acquire(String executionId, String holder, Duration ttl) {
        Instant now = now();
        Lease wanted = new Lease(executionId, holder, now.plus(ttl));
        return inSomeRegion(dynamoDb -> {
            try {
                dynamoDb.putItem(b -> b.tableName(Tables.ROTATION_LEASE)
                        .item(itemOf(wanted))
                        .conditionExpression(
                                "attribute_not_exists(#key) OR expiresAtMillis <= :now OR executionId = :execution")
                        .expressionAttributeNames(Map.of("#key", KEY))
                        .expressionAttributeValues(
                                Map.of(":now", n(now.toEpochMilli()), ":execution", AttributeValue.fromS(executionId)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                return wanted;
            } catch (ConditionalCheckFailedException taken) {
                throw new LeaseHeldException(holderOf(dynamoDb, taken));
            }
        });
    }

    @Override
    public Lease renew(Lease lease, Duration ttl) {
        Lease renewed = new Lease(lease.executionId(), lease.holder(), now().plus(ttl));
        return inSomeRegion(dynamoDb -> {
            try {
                dynamoDb.putItem(b -> b.tableName(Tables.ROTATION_LEASE)
                        .item(itemOf(renewed))
                        // Gone (released by mistake, or the table rebuilt): no one else took it, so it is ours again.
                        .conditionExpression("attribute_not_exists(#key) OR executionId = :execution")
                        .expressionAttributeNames(Map.of("#key", KEY))
                        .expressionAttributeValues(Map.of(":execution", AttributeValue.fromS(lease.executionId())))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                return renewed;
            } catch (ConditionalCheckFailedException taken) {
                Lease now = holderOf(dynamoDb, taken);
                throw new LeaseHeldException(now);
            }
        });
    }

    @Override
    public void release(Lease lease) {
        inSomeRegion(dynamoDb -> {
            try {
                dynamoDb.deleteItem(b -> b.tableName(Tables.ROTATION_LEASE)
                        .key(key())
                        .conditionExpression("executionId = :execution")
                        .expressionAttributeValues(Map.of(":execution", AttributeValue.fromS(lease.executionId()))));
            } catch (ConditionalCheckFailedException notOurs) {
                // Another execution took it after ours expired: it is theirs to release.
            }
            return null;
        });
    }

    @Override
    public Optional<Lease> current() {
        return inSomeRegion(dynamoDb -> read(dynamoDb));
    }

    private Optional<Lease> read(DynamoDbClient dynamoDb) {
        Map<String, AttributeValue> item = dynamoDb.getItem(
                        b -> b.tableName(Tables.ROTATION_LEASE).key(key()).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(leaseOf(item));
    }

    /** Who holds it, from the refused write's answer or, where the store does not return it, a read. */
    private Lease holderOf(DynamoDbClient dynamoDb, ConditionalCheckFailedException taken) {
        Map<String, AttributeValue> old = taken.item();
        if (old != null && !old.isEmpty()) return leaseOf(old);
        return read(dynamoDb)
                .orElseThrow(() -> new IllegalStateException(
                        "the rotation lease was refused, but no one holds it now: try again", taken));
    }

    /** Runs {@code call} in the preferred region, then in the others while a region's DynamoDB does not answer. */
    private <T> T inSomeRegion(Function<DynamoDbClient, T> call) {
        List<String> order = new ArrayList<>(regions.keySet());
        order.sort(Comparator.comparing(region -> !region.equals(preferred)));
        List<RuntimeException> failures = new ArrayList<>();
        for (String region : order) {
            DynamoDbClient dynamoDb = regions.get(region);
            try {
                ensureTable(region, dynamoDb);
                return call.apply(dynamoDb);
            } catch (LeaseHeldException | ConditionalCheckFailedException answered) {
                throw answered;
            } catch (SdkException e) { // not answering, or the table not there yet: the other region may answer
                failures.add(e);
            }
        }
        IllegalStateException unavailable =
                new IllegalStateException("the rotation lease could not be read or written in any region " + order
                        + ": " + failures.get(failures.size() - 1).getMessage());
        failures.forEach(unavailable::addSuppressed);
        throw unavailable;
    }

    private void ensureTable(String region, DynamoDbClient dynamoDb) {
        if (ensured.contains(region)) return;
        new Provisioner(null, dynamoDb).ensureTable(Tables.ROTATION_LEASE, KEY);
        ensured.add(region);
    }

    /** Now, to the millisecond the item keeps: the lease returned is the lease stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Map<String, AttributeValue> key() {
        return Map.of(KEY, AttributeValue.fromS(ITEM));
    }

    static Map<String, AttributeValue> itemOf(Lease lease) {
        return Map.of(
                KEY,
                AttributeValue.fromS(ITEM),
                "executionId",
                AttributeValue.fromS(lease.executionId()),
                "holder",
                AttributeValue.fromS(lease.holder()),
                "expiresAt",
                AttributeValue.fromS(lease.expiresAt().toString()),
                "expiresAtMillis",
                n(lease.expiresAt().toEpochMilli()));
    }

    static Lease leaseOf(Map<String, AttributeValue> item) {
        return new Lease(
                item.get("executionId").s(),
                item.get("holder").s(),
                Instant.ofEpochMilli(Long.parseLong(item.get("expiresAtMillis").n())));
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
